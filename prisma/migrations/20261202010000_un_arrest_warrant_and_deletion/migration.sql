-- The Working Group on Arbitrary Detention asks whether a warrant or other decision by a public
-- authority was shown at the arrest, and which; submissions and replies can be removed from the
-- follow-up log (soft, like events and cases, so the audit trail keeps pointing at something).

-- CreateEnum
CREATE TYPE "WarrantShown" AS ENUM ('YES', 'NO', 'UNKNOWN');

-- AlterTable
ALTER TABLE "case_events" ADD COLUMN     "warrantDetails" TEXT,
ADD COLUMN     "warrantShown" "WarrantShown";

-- AlterTable
ALTER TABLE "un_submission_replies" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "un_submissions" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3);
