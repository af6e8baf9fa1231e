-- AlterTable
ALTER TABLE "jobs" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "fileName" TEXT,
ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "mimeType" TEXT,
ADD COLUMN     "recordCount" INTEGER,
ADD COLUMN     "sizeBytes" INTEGER,
ADD COLUMN     "storageKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "jobs_storageKey_key" ON "jobs"("storageKey");

-- CreateIndex
CREATE INDEX "jobs_expiresAt_idx" ON "jobs"("expiresAt");

-- The periodic clean-up deletes report files past their expiry in every organisation, but the app role
-- sees one organisation at a time. This function hands it only what the deletion needs (the job, its
-- organisation and the storage key, never a payload or a file name); the deletion itself then runs per
-- organisation under row-level security. EXECUTE is for qamqor_app alone.
-- The function runs as the role that owns the tables (the one applying this migration); "jobs" forces
-- row-level security even on its owner, so that role alone gets a read policy for the clean-up.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY job_file_cleanup ON "jobs" FOR SELECT TO %I USING (true)', current_user);
END
$$;

CREATE FUNCTION app_expired_job_files(as_of timestamptz, max_rows integer)
  RETURNS TABLE (id uuid, "organizationId" uuid, "storageKey" text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
  SELECT j.id, j."organizationId", j."storageKey"
    FROM jobs j
   WHERE j."expiresAt" < as_of AND j."storageKey" IS NOT NULL
   ORDER BY j."expiresAt"
   LIMIT LEAST(GREATEST(max_rows, 1), 1000)
$$;
REVOKE ALL ON FUNCTION app_expired_job_files(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_expired_job_files(timestamptz, integer) TO qamqor_app;
