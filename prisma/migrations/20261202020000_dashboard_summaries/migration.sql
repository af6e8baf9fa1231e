-- Dashboard summaries kept current in the same transaction as the change, so that no dashboard view
-- groups the organisation's cases or events.
--
-- dashboard_case_facts: what each live case contributes to the dashboard, a few rows per case (computed
--   by dashboard_facts_of from the case, its events, its subject and first family contact).
-- dashboard_counts: the sum of those facts per organisation, kind, day and key. Readers sum a few rows.
--
-- Kinds (day is 1970-01-01 where a kind has no day):
--   open      open cases; key "<statusCode>|<assignedToId or empty>"
--   opened    live cases by the UTC day they were opened
--   quiet     open cases by the UTC day of their last change; key the volunteer (empty: none)
--   event     cases with an event of a type in a month (day: the month's first day); key "<type>|<the
--             previous month with such an event, YYYY-MM, or empty>", so that the cases with such an event
--             in a run of whole months are the rows in those months whose previous month is before them
--   status    month-by-month change of the number of cases in a status (key the statusCode): +1 in the
--             month a case enters a status, -1 in the month it leaves it; the running sum is the number of
--             cases in each status at the end of each month. A case is in the status of its latest dated
--             status event; from its latest one on (or from its opening, with none) in its current status.
--   hometown  open cases by the subject's hometown place (key the place id, empty: none)
--   family    open cases by the hometown of the first family contact (primary first, then oldest)
--   years     live cases by whole years from first detention or disappearance to the last lost contact
--             (key 0..10, 10 meaning ten or more)
--
-- Statement-level triggers with transition tables recompute the facts of the cases a statement touched
-- and apply the difference to the counts, so a batch insert of thousands of rows is one recomputation.
-- The functions run as the owner: the app role may read the counts, never write them.

-- CreateTable
CREATE TABLE "dashboard_case_facts" (
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "dashboard_case_facts_pkey" PRIMARY KEY ("caseId","kind","key","day")
);

-- CreateTable
CREATE TABLE "dashboard_counts" (
    "organizationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "key" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "dashboard_counts_pkey" PRIMARY KEY ("organizationId","kind","day","key")
);

-- CreateIndex
CREATE INDEX "dashboard_case_facts_organizationId_idx" ON "dashboard_case_facts"("organizationId");

-- AddForeignKey
ALTER TABLE "dashboard_case_facts" ADD CONSTRAINT "dashboard_case_facts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_counts" ADD CONSTRAINT "dashboard_counts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as for every tenant table; the app reads the counts only.
ALTER TABLE "dashboard_case_facts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "dashboard_case_facts"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
ALTER TABLE "dashboard_counts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "dashboard_counts"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
REVOKE ALL ON "dashboard_case_facts" FROM qamqor_app;
REVOKE ALL ON "dashboard_counts" FROM qamqor_app;
-- the facts serve the dashboard with a case filter (summed over the filtered cases)
GRANT SELECT ON "dashboard_case_facts" TO qamqor_app;
GRANT SELECT ON "dashboard_counts" TO qamqor_app;

-- The facts of the given cases as they are now (none for a deleted or missing case).
CREATE FUNCTION dashboard_facts_of(ids uuid[])
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
    SELECT y."organizationId", y."caseId", 'years', LEAST(10, floor((y.lost - y.detained) / 365.25))::int::text, DATE '1970-01-01', 1
      FROM years y WHERE y.detained IS NOT NULL AND y.lost IS NOT NULL AND y.lost >= y.detained
  )
  SELECT r."organizationId", r."caseId", r.kind, r.key, r.day, sum(r.n)::int
    FROM raw r
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.n) <> 0
$$;

-- Brings the stored facts of the given cases up to date and applies the difference to the counts, in
-- one statement taking the counts' rows in key order (so concurrent changes queue rather than deadlock
-- on them); counts that fall to zero are removed. Counts of an organisation being deleted are left to
-- its cascade.
CREATE FUNCTION dashboard_refresh_cases(ids uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  emptied tid[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  WITH applied AS (
  INSERT INTO dashboard_counts ("organizationId", kind, day, key, n)
  SELECT d."organizationId", d.kind, d.day, d.key, sum(d.n)::int
    FROM (
      SELECT f."organizationId", f.kind, f.day, f.key, -f.n AS n FROM dashboard_case_facts f WHERE f."caseId" = ANY (ids)
      UNION ALL
      SELECT f."organizationId", f.kind, f.day, f.key, f.n FROM dashboard_facts_of(ids) f
    ) d
   WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = d."organizationId")
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ("organizationId", kind, day, key) DO UPDATE SET n = dashboard_counts.n + EXCLUDED.n
  RETURNING ctid, n)
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM applied;
  -- a count that fell to zero is removed, so the counts hold exactly what a rebuild would
  IF emptied IS NOT NULL THEN
    DELETE FROM dashboard_counts WHERE ctid = ANY (emptied);
  END IF;
  DELETE FROM dashboard_case_facts WHERE "caseId" = ANY (ids);
  INSERT INTO dashboard_case_facts ("organizationId", "caseId", kind, key, day, n)
  SELECT f."organizationId", f."caseId", f.kind, f.key, f.day, f.n
    FROM dashboard_facts_of(ids) f
   WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = f."organizationId");
END
$$;

-- Recounts an organisation's summaries from its records (after a restore, a bulk load, or to repair).
CREATE FUNCTION dashboard_rebuild(org uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  ids uuid[];
BEGIN
  DELETE FROM dashboard_case_facts WHERE "organizationId" = org;
  DELETE FROM dashboard_counts WHERE "organizationId" = org;
  SELECT array_agg(id) INTO ids FROM cases WHERE "organizationId" = org;
  IF ids IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO dashboard_case_facts ("organizationId", "caseId", kind, key, day, n)
  SELECT f."organizationId", f."caseId", f.kind, f.key, f.day, f.n FROM dashboard_facts_of(ids) f;
  INSERT INTO dashboard_counts ("organizationId", kind, day, key, n)
  SELECT f."organizationId", f.kind, f.day, f.key, sum(f.n)::int
    FROM dashboard_case_facts f WHERE f."organizationId" = org
   GROUP BY 1, 2, 3, 4
  HAVING sum(f.n) <> 0;
END
$$;

REVOKE ALL ON FUNCTION dashboard_facts_of(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_refresh_cases(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION dashboard_rebuild(uuid) FROM PUBLIC;

-- Triggers: the cases a statement touched, from its transition tables.
CREATE FUNCTION dashboard_cases_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_refresh_cases(ARRAY(SELECT DISTINCT id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_refresh_cases(ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
  ELSE
    PERFORM dashboard_refresh_cases(ARRAY(SELECT DISTINCT id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION dashboard_case_rows_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_refresh_cases(ARRAY(SELECT DISTINCT "caseId" FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dashboard_refresh_cases(ARRAY(SELECT "caseId" FROM new_rows UNION SELECT "caseId" FROM old_rows));
  ELSE
    PERFORM dashboard_refresh_cases(ARRAY(SELECT DISTINCT "caseId" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

-- A person's hometown counts for the cases they are the subject or a family contact of.
CREATE FUNCTION dashboard_people_changed() RETURNS trigger
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
  PERFORM dashboard_refresh_cases(ARRAY(
    SELECT c.id FROM cases c WHERE c."subjectPersonId" = ANY (moved)
    UNION
    SELECT cc."caseId" FROM case_contacts cc WHERE cc."personId" = ANY (moved)));
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_dashboard_insert AFTER INSERT ON "cases"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_cases_changed();
CREATE TRIGGER cases_dashboard_update AFTER UPDATE ON "cases"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_cases_changed();
CREATE TRIGGER cases_dashboard_delete AFTER DELETE ON "cases"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_cases_changed();

CREATE TRIGGER case_events_dashboard_insert AFTER INSERT ON "case_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();
CREATE TRIGGER case_events_dashboard_update AFTER UPDATE ON "case_events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();
CREATE TRIGGER case_events_dashboard_delete AFTER DELETE ON "case_events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();

CREATE TRIGGER case_contacts_dashboard_insert AFTER INSERT ON "case_contacts"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();
CREATE TRIGGER case_contacts_dashboard_update AFTER UPDATE ON "case_contacts"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();
CREATE TRIGGER case_contacts_dashboard_delete AFTER DELETE ON "case_contacts"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_rows_changed();

CREATE TRIGGER people_dashboard_update AFTER UPDATE ON "people"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_people_changed();

-- The counts by place and by years were kept in a short-lived cache; the summaries replace it.
DROP TABLE "dashboard_cache";

-- Existing records
SELECT dashboard_rebuild(id) FROM organizations;
