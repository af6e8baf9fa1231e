-- Uploaded sheets left behind (never imported, or some sheets of a workbook never imported) are deleted
-- after a few days by the queue's cleanup task, in every organisation: this lists them for it, as
-- app_expired_job_files does for report files (ids and storage keys only, no content).
CREATE FUNCTION app_expired_import_uploads(as_of timestamptz, max_rows integer)
  RETURNS TABLE (id uuid, "organizationId" uuid, "storageKey" text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
  SELECT u.id, u."organizationId", u."storageKey"
    FROM import_uploads u
   WHERE u."createdAt" < as_of
   ORDER BY u."createdAt"
   LIMIT LEAST(GREATEST(max_rows, 1), 1000)
$$;
REVOKE ALL ON FUNCTION app_expired_import_uploads(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_expired_import_uploads(timestamptz, integer) TO qamqor_app;
