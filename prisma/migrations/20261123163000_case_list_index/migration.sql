-- The case list orders by "updatedAt" DESC, "id" DESC within an organisation. With "deletedAt" as the
-- second column PostgreSQL cannot read that order from the index ("deletedAt" IS NULL is not an
-- equality), so it sorted every case of the organisation for each page. "deletedAt" last still lets the
-- index answer the not-deleted filter, and a first page becomes an index-only scan.

-- DropIndex
DROP INDEX "cases_organizationId_deletedAt_updatedAt_idx";

-- CreateIndex
CREATE INDEX "cases_organizationId_updatedAt_id_deletedAt_idx" ON "cases"("organizationId", "updatedAt" DESC, "id" DESC, "deletedAt");
