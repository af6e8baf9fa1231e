-- Readiness (/api/ready) asks whether the database has every migration this version of the app ships.
-- The app's role may not read the migration history; this function shows it the applied migrations'
-- names and nothing else (no checksums, logs or times). search_path is fixed so that a caller cannot
-- substitute a table; EXECUTE is revoked from PUBLIC and granted to qamqor_app only.
CREATE FUNCTION app_applied_migrations() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
  SELECT migration_name::text FROM "_prisma_migrations"
   WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
   ORDER BY migration_name
$$;

REVOKE ALL ON FUNCTION app_applied_migrations() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_applied_migrations() TO qamqor_app;
