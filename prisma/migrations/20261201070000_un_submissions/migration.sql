-- CreateEnum
CREATE TYPE "UnSubmissionType" AS ENUM ('WGEID', 'WGAD');

-- CreateTable
CREATE TABLE "un_submissions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "type" "UnSubmissionType" NOT NULL,
    "submitterName" TEXT,
    "confidentialElements" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "arbitraryCategories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "arbitraryReasonsEnc" TEXT,
    "sentAt" DATE,
    "unReference" TEXT,
    "commentsEnc" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "un_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "un_submission_replies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "receivedAt" DATE NOT NULL,
    "respondBy" DATE NOT NULL,
    "summaryEnc" TEXT,
    "answeredAt" DATE,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "un_submission_replies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "un_submissions_caseId_type_createdAt_idx" ON "un_submissions"("caseId", "type", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "un_submissions_organizationId_createdAt_idx" ON "un_submissions"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "un_submissions_createdById_idx" ON "un_submissions"("createdById");

-- CreateIndex
CREATE INDEX "un_submission_replies_submissionId_receivedAt_idx" ON "un_submission_replies"("submissionId", "receivedAt");

-- CreateIndex
CREATE INDEX "un_submission_replies_organizationId_answeredAt_respondBy_idx" ON "un_submission_replies"("organizationId", "answeredAt", "respondBy");

-- CreateIndex
CREATE INDEX "un_submission_replies_createdById_idx" ON "un_submission_replies"("createdById");

-- AddForeignKey
ALTER TABLE "un_submissions" ADD CONSTRAINT "un_submissions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "un_submissions" ADD CONSTRAINT "un_submissions_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "un_submissions" ADD CONSTRAINT "un_submissions_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "un_submission_replies" ADD CONSTRAINT "un_submission_replies_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "un_submission_replies" ADD CONSTRAINT "un_submission_replies_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "un_submissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "un_submission_replies" ADD CONSTRAINT "un_submission_replies_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant table (20261123000100_tenant_security).
ALTER TABLE "un_submissions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "un_submissions"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "un_submissions" TO qamqor_app;

ALTER TABLE "un_submission_replies" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "un_submission_replies"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "un_submission_replies" TO qamqor_app;
