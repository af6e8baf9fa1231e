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

-- 4. The UN readiness counts of the dashboard (open cases ready for each Working Group) come from the
-- summaries too: a new kind of fact, "un" (key WGEID or WGAD, one row per open case that is ready), and
-- the cases whose kept readiness changes are noted like any other change. The rest of the facts are as
-- migration 20261202020000_dashboard_summaries defined them.
CREATE OR REPLACE FUNCTION dashboard_facts_of(ids uuid[])
  RETURNS TABLE ("organizationId" uuid, "caseId" uuid, kind text, key text, day date, n integer)
  LANGUAGE sql STABLE
  SET search_path = public, pg_temp
AS $$
  WITH c AS (
    SELECT c.id, c."organizationId", c."statusCode", c."assignedToId", c."openedAt", c."updatedAt", c."closedAt", c."subjectPersonId"
      FROM cases c
     WHERE c.id = ANY (ids) AND c."deletedAt" IS NULL
  ),
  ev AS (
    SELECT e."caseId", c."organizationId", e.type::text AS type, e.date, e."createdAt", e.id
      FROM case_events e JOIN c ON c.id = e."caseId"
     WHERE e."deletedAt" IS NULL AND e.date IS NOT NULL
  ),
  -- status events in timeline order (the order lib/cases/internal.ts deriveStatus uses), each until the next
  st AS (
    SELECT ev."caseId", ev."organizationId", ev.date AS since,
           CASE ev.type
             WHEN 'DISAPPEARED' THEN 1 WHEN 'CONTACT_LOST' THEN 1
             WHEN 'DETAINED' THEN 2 WHEN 'TRANSFERRED' THEN 2
             WHEN 'SENTENCED' THEN 3 WHEN 'SENT_TO_CAMP' THEN 4 WHEN 'HOUSE_ARREST' THEN 5
             WHEN 'RELEASED' THEN 6 WHEN 'RETURNED' THEN 7 WHEN 'DIED' THEN 8
           END AS code,
           lead(ev.date) OVER (PARTITION BY ev."caseId" ORDER BY ev.date, ev."createdAt", ev.id) AS until
      FROM ev
     WHERE ev.type IN ('DISAPPEARED', 'CONTACT_LOST', 'DETAINED', 'TRANSFERRED', 'SENTENCED', 'SENT_TO_CAMP', 'HOUSE_ARREST', 'RELEASED', 'RETURNED', 'DIED')
  ),
  spans AS (
    SELECT st."caseId", st."organizationId", CASE WHEN st.until IS NULL THEN c."statusCode"::int ELSE st.code END AS code, st.since, st.until
      FROM st JOIN c ON c.id = st."caseId"
    UNION ALL
    SELECT c.id, c."organizationId", c."statusCode"::int, (c."openedAt" AT TIME ZONE 'UTC')::date, NULL
      FROM c
     WHERE NOT EXISTS (SELECT 1 FROM st WHERE st."caseId" = c.id)
  ),
  family AS (
    SELECT DISTINCT ON (cc."caseId") c."organizationId", c.id AS "caseId", coalesce(p."hometownPlaceId"::text, '') AS key
      FROM case_contacts cc JOIN c ON c.id = cc."caseId" JOIN people p ON p.id = cc."personId"
     WHERE c."closedAt" IS NULL
     ORDER BY cc."caseId", cc."isPrimary" DESC, cc."createdAt", cc.id
  ),
  years AS (
    SELECT ev."organizationId", ev."caseId",
           min(ev.date) FILTER (WHERE ev.type IN ('DETAINED', 'DISAPPEARED')) AS detained,
           max(ev.date) FILTER (WHERE ev.type = 'CONTACT_LOST') AS lost
      FROM ev
     WHERE ev.type IN ('DETAINED', 'DISAPPEARED', 'CONTACT_LOST')
     GROUP BY 1, 2
  ),
  -- the months a case had an event of a type, each with the month before it had one (for counting a case
  -- once in a run of months); releases and returns together as RELEASED_OR_RETURNED
  ev_months AS (
    SELECT DISTINCT ev."organizationId", ev."caseId", ev.type, date_trunc('month', ev.date)::date AS month FROM ev
    UNION
    SELECT DISTINCT ev."organizationId", ev."caseId", 'RELEASED_OR_RETURNED', date_trunc('month', ev.date)::date FROM ev WHERE ev.type IN ('RELEASED', 'RETURNED')
  ),
  raw AS (
    SELECT c."organizationId", c.id AS "caseId", 'open' AS kind, c."statusCode"::text || '|' || coalesce(c."assignedToId"::text, '') AS key, DATE '1970-01-01' AS day, 1 AS n
      FROM c WHERE c."closedAt" IS NULL
    UNION ALL
    SELECT c."organizationId", c.id, 'opened', '', (c."openedAt" AT TIME ZONE 'UTC')::date, 1 FROM c
    UNION ALL
    SELECT c."organizationId", c.id, 'quiet', coalesce(c."assignedToId"::text, ''), (c."updatedAt" AT TIME ZONE 'UTC')::date, 1
      FROM c WHERE c."closedAt" IS NULL
    UNION ALL
    SELECT m."organizationId", m."caseId", 'event',
           m.type || '|' || coalesce(to_char(lag(m.month) OVER (PARTITION BY m."caseId", m.type ORDER BY m.month), 'YYYY-MM'), ''), m.month, 1
      FROM ev_months m
    UNION ALL
    SELECT s."organizationId", s."caseId", 'status', s.code::text, date_trunc('month', s.since)::date, 1 FROM spans s
    UNION ALL
    SELECT s."organizationId", s."caseId", 'status', s.code::text, date_trunc('month', s.until)::date, -1 FROM spans s WHERE s.until IS NOT NULL
    UNION ALL
    SELECT c."organizationId", c.id, 'hometown', coalesce(p."hometownPlaceId"::text, ''), DATE '1970-01-01', 1
      FROM c JOIN people p ON p.id = c."subjectPersonId" WHERE c."closedAt" IS NULL
    UNION ALL
    SELECT f."organizationId", f."caseId", 'family', f.key, DATE '1970-01-01', 1 FROM family f
    UNION ALL
    SELECT c."organizationId", c.id, 'un', u.kind, DATE '1970-01-01', 1
      FROM c JOIN case_un_readiness r ON r."caseId" = c.id
      CROSS JOIN LATERAL (VALUES ('WGEID', r."wgeidReady"), ('WGAD', r."wgadReady")) AS u(kind, ready)
     WHERE c."closedAt" IS NULL AND u.ready
    UNION ALL
    SELECT y."organizationId", y."caseId", 'years', LEAST(10, floor((y.lost - y.detained) / 365.25))::int::text, DATE '1970-01-01', 1
      FROM years y WHERE y.detained IS NOT NULL AND y.lost IS NOT NULL AND y.lost >= y.detained
  )
  SELECT r."organizationId", r."caseId", r.kind, r.key, r.day, sum(r.n)::int
    FROM raw r
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.n) <> 0
$$;

CREATE TRIGGER case_un_readiness_dashboard_insert AFTER INSERT ON "case_un_readiness"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();
CREATE TRIGGER case_un_readiness_dashboard_update AFTER UPDATE ON "case_un_readiness"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();
CREATE TRIGGER case_un_readiness_dashboard_delete AFTER DELETE ON "case_un_readiness"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();

-- Existing records gain their "un" facts.
SELECT dashboard_rebuild(id) FROM organizations;
