-- The dashboard's protest and police-action figures kept as summaries too, current at commit like the
-- case counts (migration 20261203010000), so that no view counts the people at protests or groups the
-- police actions.
--
-- Two new kinds in dashboard_counts (day: the first day of a UTC month):
--   police  police actions dated in the month; key "<type>|<outcome or empty>"
--   hearing police actions whose hearing is on the day (UTC) and which have no outcome yet; key empty.
--           The hearings still to come are those of the days after today, and today's from now on (a
--           range of the index below).
--   people  people who took part in a protest that started in the month; key the previous month (YYYY-MM)
--           in which the person took part in one, or empty. The people taking part in a run of whole
--           months are then the rows in those months whose previous month is before the run: each person
--           once, exactly, from a few rows per month instead of a distinct count over every participation.
-- dashboard_person_months: the months each person took part in a protest, with the previous one (what the
--   person contributes to the "people" counts, so a change recounts only that person).
--
-- Writers note what changed in the session's pending tables: the people whose participations changed,
-- and the difference in police-action and hearing counts (+1 for a live action as it is now, -1 as it
-- was). At commit
-- the deferred flush refreshes the cases first, then applies people and police in one statement in key
-- order. The people being refreshed are locked first (advisory locks, in order), so two transactions that
-- change the same person's participations recount them one after the other, each from the other's result.

CREATE TABLE "dashboard_person_months" (
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "previous" TEXT NOT NULL,
    CONSTRAINT "dashboard_person_months_pkey" PRIMARY KEY ("personId","month")
);
CREATE INDEX "dashboard_person_months_organizationId_idx" ON "dashboard_person_months"("organizationId");
ALTER TABLE "dashboard_person_months" ADD CONSTRAINT "dashboard_person_months_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dashboard_person_months" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "dashboard_person_months"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
-- written only by the functions below (as the owner); the app has no use for them
REVOKE ALL ON "dashboard_person_months" FROM qamqor_app;

-- The session's pending tables, created once per connection (owned by the functions' owner): the cases
-- and people to refresh, the police-action differences, and the one marker per transaction whose
-- deferred trigger flushes them at commit.
CREATE FUNCTION dashboard_pending_prepare() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF to_regclass('pg_temp.dashboard_pending_cases') IS NULL THEN
    CREATE TEMPORARY TABLE dashboard_pending_cases ("caseId" uuid PRIMARY KEY);
  END IF;
  IF to_regclass('pg_temp.dashboard_pending_people') IS NULL THEN
    CREATE TEMPORARY TABLE dashboard_pending_people ("personId" uuid PRIMARY KEY);
    CREATE TEMPORARY TABLE dashboard_pending_police ("organizationId" uuid, day date, key text, n integer);
    -- the recounted months of the people being flushed (filled and emptied by the flush)
    CREATE TEMPORARY TABLE dashboard_person_months_new ("organizationId" uuid, "personId" uuid, month date, previous text);
  END IF;
  IF to_regclass('pg_temp.dashboard_pending_marker') IS NULL THEN
    CREATE TEMPORARY TABLE dashboard_pending_marker (one boolean PRIMARY KEY);
    CREATE CONSTRAINT TRIGGER dashboard_pending_flush AFTER INSERT ON pg_temp.dashboard_pending_marker
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.dashboard_flush_pending();
  END IF;
  -- one marker per transaction: the flush runs once, however many statements noted changes
  INSERT INTO pg_temp.dashboard_pending_marker (one) VALUES (true) ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION dashboard_note_cases(ids uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM dashboard_pending_prepare();
  INSERT INTO pg_temp.dashboard_pending_cases ("caseId") SELECT DISTINCT unnest(ids) ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION dashboard_note_people(ids uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM dashboard_pending_prepare();
  INSERT INTO pg_temp.dashboard_pending_people ("personId") SELECT DISTINCT unnest(ids) ON CONFLICT DO NOTHING;
END
$$;

-- The months the given people took part in a live protest, each with the previous such month.
CREATE FUNCTION dashboard_person_months_of(ids uuid[])
  RETURNS TABLE ("organizationId" uuid, "personId" uuid, month date, previous text)
  LANGUAGE sql STABLE
  SET search_path = public, pg_temp
AS $$
  SELECT m."organizationId", m."personId", m.month,
         coalesce(to_char(lag(m.month) OVER (PARTITION BY m."personId" ORDER BY m.month), 'YYYY-MM'), '')
    FROM (SELECT DISTINCT p."organizationId", pp."personId", date_trunc('month', p."startsAt" AT TIME ZONE 'UTC')::date AS month
            FROM protest_participations pp JOIN protests p ON p.id = pp."protestId"
           WHERE pp."personId" = ANY (ids) AND p."deletedAt" IS NULL) AS m
$$;

-- Applies what this transaction noted about people and police actions: the people are locked in order,
-- their months recounted, and the difference to the counts (people's, police actions' and hearings')
-- applied in one statement in key order; counts that fall to zero are removed.
CREATE FUNCTION dashboard_flush_activity() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  ids uuid[];
  emptied tid[];
BEGIN
  IF to_regclass('pg_temp.dashboard_pending_people') IS NULL THEN
    RETURN;
  END IF;
  WITH taken AS (DELETE FROM pg_temp.dashboard_pending_people RETURNING "personId")
  SELECT array_agg("personId" ORDER BY "personId") INTO ids FROM taken;
  IF ids IS NOT NULL THEN
    -- a lock per person (in one key space, taken in order), so that the months read below are those the
    -- last transaction to change this person committed
    PERFORM pg_advisory_xact_lock(7130412, h) FROM (SELECT DISTINCT hashtext(id::text) AS h FROM unnest(ids) AS id ORDER BY 1) AS l;
    DELETE FROM pg_temp.dashboard_person_months_new;
    INSERT INTO pg_temp.dashboard_person_months_new SELECT * FROM dashboard_person_months_of(ids);
  END IF;
  WITH applied AS (
  INSERT INTO dashboard_counts ("organizationId", kind, day, key, n)
  SELECT d."organizationId", d.kind, d.day, d.key, sum(d.n)::int
    FROM (
      SELECT f."organizationId", 'people' AS kind, f.month AS day, f.previous AS key, -1 AS n FROM dashboard_person_months f WHERE f."personId" = ANY (ids)
      UNION ALL
      SELECT f."organizationId", 'people', f.month, f.previous, 1 FROM pg_temp.dashboard_person_months_new f WHERE ids IS NOT NULL
      UNION ALL
      SELECT p."organizationId", CASE WHEN p.key = 'hearing|' THEN 'hearing' ELSE 'police' END, p.day,
             CASE WHEN p.key = 'hearing|' THEN '' ELSE p.key END, p.n
        FROM pg_temp.dashboard_pending_police p
    ) d
   WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = d."organizationId")
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ("organizationId", kind, day, key) DO UPDATE SET n = dashboard_counts.n + EXCLUDED.n
  RETURNING ctid, n)
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM applied;
  IF emptied IS NOT NULL THEN
    DELETE FROM dashboard_counts WHERE ctid = ANY (emptied);
  END IF;
  DELETE FROM pg_temp.dashboard_pending_police;
  IF ids IS NOT NULL THEN
    DELETE FROM dashboard_person_months WHERE "personId" = ANY (ids);
    INSERT INTO dashboard_person_months ("organizationId", "personId", month, previous)
    SELECT f."organizationId", f."personId", f.month, f.previous
      FROM pg_temp.dashboard_person_months_new f
     WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = f."organizationId");
    DELETE FROM pg_temp.dashboard_person_months_new;
  END IF;
END
$$;

-- The flush: the cases first (as before), then people and police actions.
CREATE OR REPLACE FUNCTION dashboard_flush() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  ids uuid[];
BEGIN
  IF to_regclass('pg_temp.dashboard_pending_cases') IS NOT NULL THEN
    WITH taken AS (DELETE FROM pg_temp.dashboard_pending_cases RETURNING "caseId")
    SELECT array_agg("caseId" ORDER BY "caseId") INTO ids FROM taken;
    PERFORM dashboard_refresh_cases(ids);
  END IF;
  PERFORM dashboard_flush_activity();
END
$$;

-- Participations: the people of the rows a statement touched.
CREATE FUNCTION dashboard_participations_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_note_people(ARRAY(SELECT "personId" FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_note_people(ARRAY(
      SELECT n."personId" FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n."personId" IS DISTINCT FROM o."personId" OR n."protestId" IS DISTINCT FROM o."protestId"
      UNION
      SELECT o."personId" FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n."personId" IS DISTINCT FROM o."personId" OR n."protestId" IS DISTINCT FROM o."protestId"));
  ELSE
    PERFORM dashboard_note_people(ARRAY(SELECT "personId" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

-- Protests: a protest moved to another month, deleted or restored changes the months of its people.
-- (A protest removed for good takes its participations with it: their own trigger notes the people.)
CREATE FUNCTION dashboard_protests_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  moved uuid[];
BEGIN
  SELECT array_agg(n.id) INTO moved
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n."deletedAt" IS DISTINCT FROM o."deletedAt"
      OR date_trunc('month', n."startsAt" AT TIME ZONE 'UTC') IS DISTINCT FROM date_trunc('month', o."startsAt" AT TIME ZONE 'UTC');
  IF moved IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM dashboard_note_people(ARRAY(SELECT pp."personId" FROM protest_participations pp WHERE pp."protestId" = ANY (moved)));
  RETURN NULL;
END
$$;

-- Police actions: the difference in counts of the rows a statement touched (live rows only).
CREATE FUNCTION dashboard_police_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  PERFORM dashboard_pending_prepare();
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO pg_temp.dashboard_pending_police ("organizationId", day, key, n)
    SELECT r."organizationId", date_trunc('month', r.date)::date, r.type::text || '|' || coalesce(r.outcome::text, ''), count(*)::int
      FROM new_rows r WHERE r."deletedAt" IS NULL GROUP BY 1, 2, 3;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO pg_temp.dashboard_pending_police ("organizationId", day, key, n)
    SELECT r."organizationId", date_trunc('month', r.date)::date, r.type::text || '|' || coalesce(r.outcome::text, ''), -count(*)::int
      FROM old_rows r WHERE r."deletedAt" IS NULL GROUP BY 1, 2, 3;
  END IF;
  -- hearings waiting for an outcome, by day (the key is "hearing|" here, the kind below)
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO pg_temp.dashboard_pending_police ("organizationId", day, key, n)
    SELECT r."organizationId", (r."hearingAt" AT TIME ZONE 'UTC')::date, 'hearing|', count(*)::int
      FROM new_rows r WHERE r."deletedAt" IS NULL AND r.outcome IS NULL AND r."hearingAt" IS NOT NULL GROUP BY 1, 2;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO pg_temp.dashboard_pending_police ("organizationId", day, key, n)
    SELECT r."organizationId", (r."hearingAt" AT TIME ZONE 'UTC')::date, 'hearing|', -count(*)::int
      FROM old_rows r WHERE r."deletedAt" IS NULL AND r.outcome IS NULL AND r."hearingAt" IS NOT NULL GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION dashboard_pending_prepare() FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_note_people(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_person_months_of(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_flush_activity() FROM PUBLIC;

CREATE TRIGGER protest_participations_dashboard_insert AFTER INSERT ON "protest_participations"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_participations_changed();
CREATE TRIGGER protest_participations_dashboard_update AFTER UPDATE ON "protest_participations"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_participations_changed();
CREATE TRIGGER protest_participations_dashboard_delete AFTER DELETE ON "protest_participations"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_participations_changed();

CREATE TRIGGER protests_dashboard_update AFTER UPDATE ON "protests"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_protests_changed();

CREATE TRIGGER police_actions_dashboard_insert AFTER INSERT ON "police_actions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_police_changed();
CREATE TRIGGER police_actions_dashboard_update AFTER UPDATE ON "police_actions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_police_changed();
CREATE TRIGGER police_actions_dashboard_delete AFTER DELETE ON "police_actions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_police_changed();

-- The rebuild recounts the people's months and the police actions too.
CREATE OR REPLACE FUNCTION dashboard_rebuild(org uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  ids uuid[];
BEGIN
  DELETE FROM dashboard_case_facts WHERE "organizationId" = org;
  DELETE FROM dashboard_person_months WHERE "organizationId" = org;
  DELETE FROM dashboard_counts WHERE "organizationId" = org;
  SELECT array_agg(id) INTO ids FROM cases WHERE "organizationId" = org;
  IF ids IS NOT NULL THEN
    INSERT INTO dashboard_case_facts ("organizationId", "caseId", kind, key, day, n)
    SELECT f."organizationId", f."caseId", f.kind, f.key, f.day, f.n FROM dashboard_facts_of(ids) f;
  END IF;
  SELECT array_agg(DISTINCT pp."personId") INTO ids FROM protest_participations pp JOIN protests p ON p.id = pp."protestId" WHERE p."organizationId" = org;
  IF ids IS NOT NULL THEN
    INSERT INTO dashboard_person_months ("organizationId", "personId", month, previous)
    SELECT f."organizationId", f."personId", f.month, f.previous FROM dashboard_person_months_of(ids) f WHERE f."organizationId" = org;
  END IF;
  INSERT INTO dashboard_counts ("organizationId", kind, day, key, n)
  SELECT s."organizationId", s.kind, s.day, s.key, sum(s.n)::int
    FROM (
      SELECT f."organizationId", f.kind, f.day, f.key, f.n FROM dashboard_case_facts f WHERE f."organizationId" = org
      UNION ALL
      SELECT m."organizationId", 'people', m.month, m.previous, 1 FROM dashboard_person_months m WHERE m."organizationId" = org
      UNION ALL
      SELECT a."organizationId", 'police', date_trunc('month', a.date)::date, a.type::text || '|' || coalesce(a.outcome::text, ''), 1
        FROM police_actions a WHERE a."organizationId" = org AND a."deletedAt" IS NULL
      UNION ALL
      SELECT a."organizationId", 'hearing', (a."hearingAt" AT TIME ZONE 'UTC')::date, '', 1
        FROM police_actions a WHERE a."organizationId" = org AND a."deletedAt" IS NULL AND a.outcome IS NULL AND a."hearingAt" IS NOT NULL
    ) s
   GROUP BY 1, 2, 3, 4
  HAVING sum(s.n) <> 0
  -- in key order: a view reads a range of these rows (a kind's months), so they lie on few pages
   ORDER BY 1, 2, 3, 4;
END
$$;

-- Room on each page for a count's new versions, so that its updates stay on its page (HOT) and a
-- kind's rows stay together.
ALTER TABLE "dashboard_counts" SET (fillfactor = 70);

-- The hearings still waiting for an outcome (today's still to come, those in the next days, those
-- passed), read from this index alone: it holds only such actions, in date order, with what the lists
-- show.
CREATE INDEX "police_actions_waiting_hearings_idx" ON "police_actions"("organizationId", "hearingAt", id)
  INCLUDE ("personId", "caseId", type)
  WHERE "deletedAt" IS NULL AND outcome IS NULL AND "hearingAt" IS NOT NULL;

-- Existing records gain their people and police counts.
SELECT dashboard_rebuild(id) FROM organizations;
