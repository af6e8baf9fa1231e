-- Likely duplicate people, recorded when a person is created or their names change (by the same
-- detection the person form uses), and what a coordinator decided: a pair reviewed as "not the same
-- person" is not offered again; merging the two resolves the pair (the merged record is no longer live).
-- The pair is stored once, the smaller id first.

-- CreateEnum
CREATE TYPE "DuplicatePairStatus" AS ENUM ('OPEN', 'NOT_SAME');

-- CreateTable
CREATE TABLE "person_duplicate_pairs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "personAId" UUID NOT NULL,
    "personBId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "DuplicatePairStatus" NOT NULL DEFAULT 'OPEN',
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),

    CONSTRAINT "person_duplicate_pairs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "person_duplicate_pairs_order" CHECK ("personAId" < "personBId")
);

-- CreateIndex
CREATE UNIQUE INDEX "person_duplicate_pairs_organizationId_personAId_personBId_key" ON "person_duplicate_pairs"("organizationId", "personAId", "personBId");

-- CreateIndex
CREATE INDEX "person_duplicate_pairs_organizationId_status_detectedAt_idx" ON "person_duplicate_pairs"("organizationId", "status", "detectedAt");

-- CreateIndex
CREATE INDEX "person_duplicate_pairs_personBId_idx" ON "person_duplicate_pairs"("personBId");

-- AddForeignKey
ALTER TABLE "person_duplicate_pairs" ADD CONSTRAINT "person_duplicate_pairs_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_duplicate_pairs" ADD CONSTRAINT "person_duplicate_pairs_personAId_fkey" FOREIGN KEY ("personAId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_duplicate_pairs" ADD CONSTRAINT "person_duplicate_pairs_personBId_fkey" FOREIGN KEY ("personBId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_duplicate_pairs" ADD CONSTRAINT "person_duplicate_pairs_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Row-level security, as for every tenant table
ALTER TABLE "person_duplicate_pairs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_duplicate_pairs"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "person_duplicate_pairs" TO qamqor_app;
