-- The case list orders by "updatedAt" DESC, "id" DESC; with "id" in the index PostgreSQL reads a page
-- straight from it instead of sorting every case of the organisation.

-- DropIndex
DROP INDEX "cases_organizationId_deletedAt_updatedAt_idx";

-- CreateIndex
CREATE INDEX "cases_organizationId_deletedAt_updatedAt_id_idx" ON "cases"("organizationId", "deletedAt", "updatedAt" DESC, "id" DESC);
