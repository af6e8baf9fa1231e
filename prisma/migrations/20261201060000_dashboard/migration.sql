-- The dashboard: when a member last opened "my work", and the events of a period by date for the
-- figures and charts (a range on "date" after the organisation; "type" follows as data, since an enum
-- comparison is not leakproof and could not use the index under row-level security).

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "workSeenAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "case_events_dashboard_idx" ON "case_events"("organizationId", "date", "type", "caseId", "deletedAt");

-- The dashboard's one pass over the organisation's cases (status, volunteer, opened, last change), read
-- from the index alone.
-- CreateIndex
CREATE INDEX "cases_dashboard_idx" ON "cases"("organizationId", "statusCode", "assignedToId", "openedAt", "updatedAt", "closedAt", "deletedAt");

-- Slow-changing dashboard counts (by place, years from detention to last contact), kept per organisation
-- and filter and recomputed when old; a tenant table like the others.
-- CreateTable
CREATE TABLE "dashboard_cache" (
    "organizationId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dashboard_cache_pkey" PRIMARY KEY ("organizationId","key")
);

-- AddForeignKey
ALTER TABLE "dashboard_cache" ADD CONSTRAINT "dashboard_cache_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as for every tenant table
ALTER TABLE "dashboard_cache" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "dashboard_cache"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "dashboard_cache" TO qamqor_app;
