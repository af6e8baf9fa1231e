-- The case status as a number, for the case list's status filter under row-level security.
-- PostgreSQL applies a condition whose operator is not leakproof only after the policy's condition, so
-- `status = …` (enum_eq is not leakproof) could never use an index for the app's role: every status
-- filter scanned all of the organisation's cases. int2eq is leakproof, so `"statusCode" = …` uses
-- cases_status_list_idx. The column is computed by the database from `status` and can never disagree
-- with it. The numbers are fixed here; a new CaseStatus value needs a new migration that recreates the
-- column (and lib/cases/status-code.ts).

-- AlterTable
ALTER TABLE "cases" ADD COLUMN "statusCode" SMALLINT GENERATED ALWAYS AS (
  CASE "status"
    WHEN 'MISSING' THEN 1
    WHEN 'DETAINED' THEN 2
    WHEN 'SENTENCED' THEN 3
    WHEN 'IN_CAMP' THEN 4
    WHEN 'HOUSE_ARREST' THEN 5
    WHEN 'RELEASED_IN_CHINA' THEN 6
    WHEN 'RETURNED_TO_KAZAKHSTAN' THEN 7
    WHEN 'DECEASED' THEN 8
    WHEN 'UNKNOWN' THEN 9
  END) STORED;

-- The status filter's rows in list order, with what the name search joins on, readable from the
-- index alone.
-- CreateIndex
CREATE INDEX "cases_status_list_idx" ON "cases"("organizationId", "statusCode", "updatedAt" DESC, "id" DESC, "subjectPersonId", "deletedAt");
