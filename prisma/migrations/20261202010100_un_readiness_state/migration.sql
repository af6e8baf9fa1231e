-- Each case's UN readiness (lib/un-submissions/readiness.ts), kept current by triggers on every table it
-- is computed from, so the case list's readiness filter and the dashboard's counts read one indexed row
-- per case instead of evaluating a dozen look-ups per case (seconds on tens of thousands of cases).
-- Triggers rather than the services: whatever writes these rows (a form, an import, a merge, erasure,
-- a cascade from a deleted place) keeps the state right.

-- CreateTable
CREATE TABLE "case_un_readiness" (
    "caseId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "wgeidMissing" TEXT[],
    "wgadMissing" TEXT[],
    "wgeidReady" BOOLEAN NOT NULL,
    "wgadReady" BOOLEAN NOT NULL,

    CONSTRAINT "case_un_readiness_pkey" PRIMARY KEY ("caseId")
);

-- AddForeignKey
ALTER TABLE "case_un_readiness" ADD CONSTRAINT "case_un_readiness_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_un_readiness" ADD CONSTRAINT "case_un_readiness_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant table (20261123000100_tenant_security). The app only reads it.
ALTER TABLE "case_un_readiness" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "case_un_readiness"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
REVOKE ALL ON "case_un_readiness" FROM qamqor_app;
GRANT SELECT ON "case_un_readiness" TO qamqor_app;

-- Text that holds something, as JavaScript's trim() sees it (readiness.ts's blank()).
CREATE FUNCTION app_un_present(value text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT btrim(coalesce(value, ''),
    E' \t\n\r\u000b\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') <> ''
$$;

-- Recompute the readiness of these cases: the missing elements in readiness.ts's order (WGEID_ELEMENTS,
-- WGAD_ELEMENTS), an element missing when the TypeScript rule says so. The key event is the earliest
-- dated event of the types (undated last, then by entry); a submission is the latest not deleted one.
-- Runs as the table owner: the state must be right whichever session wrote the rows it depends on.
-- PL/pgSQL with a generic plan, so the statement is planned once per session instead of on every call:
-- planning it takes ten times longer than running it for one case (every look-up is by case id).
CREATE FUNCTION app_un_readiness_refresh(case_ids uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(case_ids) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO case_un_readiness ("caseId", "organizationId", "wgeidMissing", "wgadMissing", "wgeidReady", "wgadReady")
  SELECT r.id, r."organizationId", r.wgeid, r.wgad, cardinality(r.wgeid) = 0, cardinality(r.wgad) = 0
    FROM (
      SELECT c.id, c."organizationId",
             array_remove(ARRAY[
               CASE WHEN NOT x.identity THEN 'identity' END,
               CASE WHEN NOT (d.date IS NOT NULL AND d."datePrecision" = 'DAY') THEN 'disappearanceDate' END,
               CASE WHEN NOT (d.id IS NOT NULL AND (app_un_present(d."placeText") OR d."placeId" IS NOT NULL)) THEN 'place' END,
               CASE WHEN NOT (d.id IS NOT NULL AND app_un_present(d.authority)) THEN 'forces' END,
               CASE WHEN NOT x.steps THEN 'familySteps' END,
               CASE WHEN NOT app_un_present(se."submitterName") THEN 'submitter' END,
               CASE WHEN NOT x.consent THEN 'consent' END
             ]::text[], NULL) AS wgeid,
             array_remove(ARRAY[
               CASE WHEN NOT x.identity THEN 'identity' END,
               CASE WHEN NOT (a.date IS NOT NULL AND a."datePrecision" IN ('DAY', 'MONTH')) THEN 'arrestDate' END,
               CASE WHEN NOT (a.id IS NOT NULL AND (app_un_present(a."placeText") OR a."placeId" IS NOT NULL)) THEN 'arrestPlace' END,
               CASE WHEN NOT (a.id IS NOT NULL AND app_un_present(a.authority)) THEN 'arrestingForces' END,
               CASE WHEN NOT (a.id IS NOT NULL AND a."warrantShown" IS NOT NULL) THEN 'arrestWarrant' END,
               CASE WHEN NOT x.held THEN 'detentionPlace' END,
               CASE WHEN NOT coalesce(cardinality(sa."arbitraryCategories") > 0 AND sa."arbitraryReasonsEnc" IS NOT NULL, false) THEN 'arbitrariness' END,
               CASE WHEN NOT x.steps THEN 'domesticSteps' END,
               CASE WHEN NOT app_un_present(sa."submitterName") THEN 'submitter' END,
               CASE WHEN NOT x.consent THEN 'consent' END
             ]::text[], NULL) AS wgad
        FROM cases c
        LEFT JOIN LATERAL (
          SELECT e.id, e.date, e."datePrecision", e."placeText", e."placeId", e.authority FROM case_events e
           WHERE e."caseId" = c.id AND e."deletedAt" IS NULL AND e.type IN ('DISAPPEARED', 'DETAINED', 'SENT_TO_CAMP', 'CONTACT_LOST')
           ORDER BY e.date ASC NULLS LAST, e."createdAt" ASC, e.id ASC LIMIT 1) d ON true
        LEFT JOIN LATERAL (
          SELECT e.id, e.date, e."datePrecision", e."placeText", e."placeId", e.authority, e."warrantShown" FROM case_events e
           WHERE e."caseId" = c.id AND e."deletedAt" IS NULL AND e.type IN ('DETAINED', 'SENT_TO_CAMP', 'HOUSE_ARREST')
           ORDER BY e.date ASC NULLS LAST, e."createdAt" ASC, e.id ASC LIMIT 1) a ON true
        LEFT JOIN LATERAL (
          SELECT s."submitterName" FROM un_submissions s
           WHERE s."caseId" = c.id AND s.type = 'WGEID' AND s."deletedAt" IS NULL
           ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1) se ON true
        LEFT JOIN LATERAL (
          SELECT s."submitterName", s."arbitraryCategories", s."arbitraryReasonsEnc" FROM un_submissions s
           WHERE s."caseId" = c.id AND s.type = 'WGAD' AND s."deletedAt" IS NULL
           ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1) sa ON true
        CROSS JOIN LATERAL (
          SELECT
            EXISTS (SELECT 1 FROM people p WHERE p.id = c."subjectPersonId" AND app_un_present(p."displayName")
                     AND ((p."birthDate" IS NOT NULL AND p."birthDatePrecision" <> 'UNKNOWN') OR app_un_present(p."hometownText") OR p."hometownPlaceId" IS NOT NULL)) AS identity,
            EXISTS (SELECT 1 FROM advocacy_actions aa WHERE aa."caseId" = c.id AND aa."deletedAt" IS NULL) AS steps,
            EXISTS (SELECT 1 FROM case_events e WHERE e."caseId" = c.id AND e."deletedAt" IS NULL
                     AND e.type IN ('DETAINED', 'TRANSFERRED', 'SENTENCED', 'SENT_TO_CAMP', 'HOUSE_ARREST') AND app_un_present(e.facility)) AS held,
            (app_un_present(c."consentGivenBy") AND c."consentGivenAt" IS NOT NULL AND app_un_present(c."consentScope")) AS consent
        ) x
       WHERE c.id = ANY(case_ids)
    ) r
  ON CONFLICT ("caseId") DO UPDATE
    SET "wgeidMissing" = EXCLUDED."wgeidMissing", "wgadMissing" = EXCLUDED."wgadMissing",
        "wgeidReady" = EXCLUDED."wgeidReady", "wgadReady" = EXCLUDED."wgadReady"
    WHERE (case_un_readiness."wgeidMissing", case_un_readiness."wgadMissing") IS DISTINCT FROM (EXCLUDED."wgeidMissing", EXCLUDED."wgadMissing");
END
$$;
REVOKE ALL ON FUNCTION app_un_readiness_refresh(uuid[]) FROM PUBLIC;

-- One statement-level trigger function per source table; each reads the statement's old and new rows
-- (transition tables: a batch of a thousand events is one refresh) and refreshes the cases they touch.
-- PostgreSQL allows transition tables only on single-event triggers, hence three triggers per table.

-- cases: a new case, or a change of the consent or the subject
CREATE FUNCTION app_un_readiness_from_cases() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM app_un_readiness_refresh(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM app_un_readiness_refresh(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n."consentGivenBy", n."consentGivenAt", n."consentScope", n."subjectPersonId")
             IS DISTINCT FROM (o."consentGivenBy", o."consentGivenAt", o."consentScope", o."subjectPersonId")));
  END IF;
  RETURN NULL;
END
$$;

-- people: the subject's name, birth date or hometown changed
CREATE FUNCTION app_un_readiness_from_people() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  PERFORM app_un_readiness_refresh(ARRAY(
    SELECT c.id FROM cases c
     WHERE c."subjectPersonId" IN (
       SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n."displayName", n."birthDate", n."birthDatePrecision", n."hometownText", n."hometownPlaceId")
              IS DISTINCT FROM (o."displayName", o."birthDate", o."birthDatePrecision", o."hometownText", o."hometownPlaceId"))));
  RETURN NULL;
END
$$;

-- case_events, advocacy_actions, un_submissions: rows with a "caseId", added, changed or removed
CREATE FUNCTION app_un_readiness_from_case_rows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM app_un_readiness_refresh(ARRAY(SELECT DISTINCT "caseId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM app_un_readiness_refresh(ARRAY(SELECT DISTINCT "caseId" FROM old_rows));
  ELSE
    PERFORM app_un_readiness_refresh(ARRAY(SELECT "caseId" FROM new_rows UNION SELECT "caseId" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION app_un_readiness_from_cases(), app_un_readiness_from_people(), app_un_readiness_from_case_rows() FROM PUBLIC;

CREATE TRIGGER un_readiness_after_insert AFTER INSERT ON "cases"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_cases();
CREATE TRIGGER un_readiness_after_update AFTER UPDATE ON "cases"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_cases();

CREATE TRIGGER un_readiness_after_update AFTER UPDATE ON "people"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_people();

CREATE TRIGGER un_readiness_after_insert AFTER INSERT ON "case_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();
CREATE TRIGGER un_readiness_after_update AFTER UPDATE ON "case_events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();
CREATE TRIGGER un_readiness_after_delete AFTER DELETE ON "case_events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();

CREATE TRIGGER un_readiness_after_insert AFTER INSERT ON "advocacy_actions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();
CREATE TRIGGER un_readiness_after_update AFTER UPDATE ON "advocacy_actions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();
CREATE TRIGGER un_readiness_after_delete AFTER DELETE ON "advocacy_actions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();

CREATE TRIGGER un_readiness_after_insert AFTER INSERT ON "un_submissions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();
CREATE TRIGGER un_readiness_after_update AFTER UPDATE ON "un_submissions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();
CREATE TRIGGER un_readiness_after_delete AFTER DELETE ON "un_submissions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_un_readiness_from_case_rows();

-- The cases already recorded, then the indexes (building them once is cheaper than growing them).
SELECT app_un_readiness_refresh(ARRAY(SELECT id FROM cases));

-- CreateIndex
CREATE INDEX "case_un_readiness_organizationId_wgeidReady_caseId_idx" ON "case_un_readiness"("organizationId", "wgeidReady", "caseId");

-- CreateIndex
CREATE INDEX "case_un_readiness_organizationId_wgadReady_caseId_idx" ON "case_un_readiness"("organizationId", "wgadReady", "caseId");

ANALYZE "case_un_readiness";
