-- CreateTable
CREATE TABLE "import_uploads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "createdById" UUID,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "encoding" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_templates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "columns" JSONB NOT NULL DEFAULT '{}',
    "values" JSONB NOT NULL DEFAULT '{}',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_records" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "rowKey" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "sheet" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "jobId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "import_uploads_storageKey_key" ON "import_uploads"("storageKey");

-- CreateIndex
CREATE INDEX "import_uploads_organizationId_createdAt_idx" ON "import_uploads"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "import_templates_organizationId_entity_name_key" ON "import_templates"("organizationId", "entity", "name");

-- CreateIndex
CREATE UNIQUE INDEX "import_records_organizationId_rowKey_role_key" ON "import_records"("organizationId", "rowKey", "role");

-- CreateIndex
CREATE INDEX "import_records_organizationId_entityType_entityId_idx" ON "import_records"("organizationId", "entityType", "entityId");

-- AddForeignKey
ALTER TABLE "import_uploads" ADD CONSTRAINT "import_uploads_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_records" ADD CONSTRAINT "import_records_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant table (20261123000100_tenant_security).
ALTER TABLE "import_uploads" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "import_uploads"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "import_uploads" TO qamqor_app;

ALTER TABLE "import_templates" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "import_templates"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "import_templates" TO qamqor_app;

ALTER TABLE "import_records" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "import_records"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "import_records" TO qamqor_app;
