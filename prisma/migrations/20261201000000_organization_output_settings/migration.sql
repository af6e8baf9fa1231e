-- Settings that shape what the organisation's outputs (dashboard, statistics, reports) give back.
-- smallCellThreshold: counts below it are published as "fewer than N" (lib/stats/small-cell.ts); never
-- below 3, whatever the form or the API send.

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN "smallCellThreshold" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN "staleCaseDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN "unansweredAdvocacyDays" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN "reportRetentionDays" INTEGER NOT NULL DEFAULT 7;

ALTER TABLE "organizations" ADD CONSTRAINT "organizations_small_cell_threshold_check" CHECK ("smallCellThreshold" BETWEEN 3 AND 100),
ADD CONSTRAINT "organizations_stale_case_days_check" CHECK ("staleCaseDays" BETWEEN 1 AND 3650),
ADD CONSTRAINT "organizations_unanswered_advocacy_days_check" CHECK ("unansweredAdvocacyDays" BETWEEN 1 AND 3650),
ADD CONSTRAINT "organizations_report_retention_days_check" CHECK ("reportRetentionDays" BETWEEN 1 AND 365);
