-- 1. The dashboard's counts are brought up to date once, when the transaction commits.
--
-- Until now every statement that touched cases, events or contacts applied its difference to
-- dashboard_counts at once. Within one statement the rows were taken in key order, but a transaction of
-- several statements (a case, then its events) held the first statement's rows while taking the second's:
-- two such transactions could each hold a row the other wanted next, and one of them failed with a
-- deadlock. Now the statement triggers only note the cases they touched (in a table private to the
-- session), and one deferred trigger refreshes all of them at COMMIT in a single statement that takes the
-- counter rows in key order. A transaction holds no counter row before that last statement, so two
-- refreshes always take their rows in the same order and wait for each other instead of deadlocking.
-- SET CONSTRAINTS ALL IMMEDIATE (the restore does) simply refreshes at the end of each statement again.

-- The cases a statement touched, noted for the refresh at commit. The notes live in two temporary
-- tables (created once per connection, owned by the functions' owner, invisible to the app role): the
-- case ids, and one marker row per transaction whose deferred trigger does the refresh.
CREATE FUNCTION dashboard_note_cases(ids uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  IF to_regclass('pg_temp.dashboard_pending_cases') IS NULL THEN
    CREATE TEMPORARY TABLE dashboard_pending_cases ("caseId" uuid PRIMARY KEY);
    CREATE TEMPORARY TABLE dashboard_pending_marker (one boolean PRIMARY KEY);
    CREATE CONSTRAINT TRIGGER dashboard_pending_flush AFTER INSERT ON pg_temp.dashboard_pending_marker
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.dashboard_flush_pending();
  END IF;
  INSERT INTO pg_temp.dashboard_pending_cases ("caseId") SELECT DISTINCT unnest(ids) ON CONFLICT DO NOTHING;
  -- one marker per transaction: the refresh runs once, however many statements noted cases
  INSERT INTO pg_temp.dashboard_pending_marker (one) VALUES (true) ON CONFLICT DO NOTHING;
END
$$;

-- Refreshes the cases noted so far in this transaction. The deferred trigger calls it at commit; a bulk
-- load as the owner may call it between batches, so that each refresh is of one batch's cases and is
-- planned with what the batch before it wrote.
CREATE FUNCTION dashboard_flush() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  ids uuid[];
BEGIN
  IF to_regclass('pg_temp.dashboard_pending_cases') IS NULL THEN
    RETURN;
  END IF;
  WITH taken AS (DELETE FROM pg_temp.dashboard_pending_cases RETURNING "caseId")
  SELECT array_agg("caseId" ORDER BY "caseId") INTO ids FROM taken;
  PERFORM dashboard_refresh_cases(ids);
END
$$;

CREATE FUNCTION dashboard_flush_pending() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM pg_temp.dashboard_pending_marker;
  PERFORM dashboard_flush();
  RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION dashboard_note_cases(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_flush() FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_flush_pending() FROM PUBLIC;

CREATE OR REPLACE FUNCTION dashboard_cases_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_note_cases(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_note_cases(ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
  ELSE
    PERFORM dashboard_note_cases(ARRAY(SELECT id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION dashboard_case_rows_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_note_cases(ARRAY(SELECT "caseId" FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_note_cases(ARRAY(SELECT "caseId" FROM new_rows UNION SELECT "caseId" FROM old_rows));
  ELSE
    PERFORM dashboard_note_cases(ARRAY(SELECT "caseId" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION dashboard_people_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  moved uuid[];
BEGIN
  SELECT array_agg(n.id) INTO moved
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n."hometownPlaceId" IS DISTINCT FROM o."hometownPlaceId";
  IF moved IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM dashboard_note_cases(ARRAY(
    SELECT c.id FROM cases c WHERE c."subjectPersonId" = ANY (moved)
    UNION
    SELECT cc."caseId" FROM case_contacts cc WHERE cc."personId" = ANY (moved)));
  RETURN NULL;
END
$$;

-- 2. Likely duplicates among people who arrived in bulk (imports, restores, large seeds, older data):
-- a background scan compares an organisation's people and records when it last finished.
ALTER TABLE "organizations" ADD COLUMN "duplicatesScannedAt" TIMESTAMPTZ(3);

-- Queues a scan of one organisation's people (graphile-worker's task qamqor_duplicate_scan); `progress`
-- carries a scan's place on to its next part. One waiting scan per organisation: a request while one
-- waits replaces it (and starts over). Returns false when the queue's schema is not installed yet (a
-- restore into a bare database): the app's first start requests it then, as the organisation has never
-- been scanned. The app may request a scan only for the organisation of its transaction.
CREATE FUNCTION app_request_duplicate_scan(org uuid, progress jsonb DEFAULT NULL) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  -- the owner and superusers (scripts) may name any organisation; the app only its transaction's
  IF session_user <> current_user AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
     AND org IS DISTINCT FROM app_current_org() THEN
    RAISE EXCEPTION 'a duplicate scan may be requested only for the current organisation' USING ERRCODE = '42501';
  END IF;
  IF to_regnamespace('graphile_worker') IS NULL THEN
    RETURN false;
  END IF;
  PERFORM graphile_worker.add_job('qamqor_duplicate_scan',
                                  (coalesce(progress, '{}'::jsonb) || jsonb_build_object('organizationId', org::text))::json,
                                  job_key => 'duplicate-scan:' || org::text, max_attempts => 3);
  RETURN true;
END
$$;

-- Every organisation never scanned (all of them after this migration, and after a restore): called when
-- the job runner starts, so existing records are compared without anyone asking.
CREATE FUNCTION app_request_pending_duplicate_scans() RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  org uuid;
  queued integer := 0;
BEGIN
  IF to_regnamespace('graphile_worker') IS NULL THEN
    RETURN 0;
  END IF;
  FOR org IN SELECT id FROM organizations WHERE "duplicatesScannedAt" IS NULL ORDER BY id LOOP
    PERFORM graphile_worker.add_job('qamqor_duplicate_scan', json_build_object('organizationId', org::text),
                                    job_key => 'duplicate-scan:' || org::text, job_key_mode => 'preserve_run_at', max_attempts => 3);
    queued := queued + 1;
  END LOOP;
  RETURN queued;
END
$$;

REVOKE ALL ON FUNCTION app_request_duplicate_scan(uuid, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_request_pending_duplicate_scans() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_request_duplicate_scan(uuid, jsonb) TO qamqor_app;
GRANT EXECUTE ON FUNCTION app_request_pending_duplicate_scans() TO qamqor_app;

-- 3. The dashboard's hearings (to come in the next days, and passed without an outcome) are a range of
-- this index in date order, whatever the actions' status.
CREATE INDEX IF NOT EXISTS "police_actions_organizationId_hearingAt_idx" ON "police_actions"("organizationId", "hearingAt");
