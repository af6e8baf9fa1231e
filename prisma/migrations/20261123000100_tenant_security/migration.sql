-- Tenant isolation as a second wall behind the services (lib/authz.ts).
--
-- The app connects as "qamqor_app": not the owner of any table and without BYPASSRLS, so every
-- policy below applies to it. Each request runs in a transaction that sets
-- app.organization_id (and app.user_id); with nothing set, tenant tables return no rows.
-- Migrations, seeding and backups run as the owner.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'qamqor_app') THEN
    CREATE ROLE qamqor_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

CREATE FUNCTION app_current_org() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.organization_id', true), '')::uuid $$;

CREATE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO qamqor_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO qamqor_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO qamqor_app;
GRANT EXECUTE ON FUNCTION app_current_org(), app_current_user() TO qamqor_app;
-- tables created by later migrations get the same grants
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO qamqor_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO qamqor_app;

-- the app never touches the migration history
REVOKE ALL ON "_prisma_migrations" FROM qamqor_app;
-- the gazetteer is shared reference data, read-only for the app
REVOKE INSERT, UPDATE, DELETE ON "places" FROM qamqor_app;

ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "api_tokens"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "people" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "people"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "person_names" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_names"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "case_reference_counters" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "case_reference_counters"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "cases" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "cases"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "case_contacts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "case_contacts"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "case_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "case_events"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "protests" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "protests"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "protest_participations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "protest_participations"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "police_actions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "police_actions"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "advocacy_actions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "advocacy_actions"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "sources" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sources"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "source_links" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "source_links"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "attachments" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "attachments"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "notes"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tasks"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "person_merges" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_merges"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

ALTER TABLE "jobs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "jobs"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());

-- Memberships: a member sees their organisation's memberships, and a signed-in user sees their own
-- (needed to list the organisations they can switch to).
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "memberships"
  USING ("organizationId" = app_current_org() OR "userId" = app_current_user())
  WITH CHECK ("organizationId" = app_current_org());

-- Invites: visible inside their organisation, or to whoever presents the token (by its hash).
ALTER TABLE "invites" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invites"
  USING ("organizationId" = app_current_org()
         OR "tokenHash" = NULLIF(current_setting('app.invite_token_hash', true), ''))
  WITH CHECK ("organizationId" = app_current_org());

-- Organisations: the app sees the organisation it works in and those of the signed-in user.
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "organizations"
  USING ("id" = app_current_org()
         OR EXISTS (SELECT 1 FROM "memberships" m WHERE m."organizationId" = "organizations"."id" AND m."userId" = app_current_user()))
  WITH CHECK ("id" = app_current_org());

-- Audit events: append-only. The app may insert and read its organisation's events; events with no
-- organisation (failed sign-ins for unknown addresses) are visible only outside any organisation.
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON "audit_events" FOR SELECT
  USING ("organizationId" = app_current_org() OR ("organizationId" IS NULL AND app_current_org() IS NULL));
CREATE POLICY audit_insert ON "audit_events" FOR INSERT
  WITH CHECK ("organizationId" = app_current_org() OR ("organizationId" IS NULL AND app_current_org() IS NULL));
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM qamqor_app;

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- A citation supports exactly one record.
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_one_target_check"
  CHECK (num_nonnulls("caseId", "caseEventId", "personId", "protestId", "policeActionId", "advocacyActionId") = 1);
-- An attachment belongs to at most one record, and to at least one.
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_owner_check"
  CHECK (num_nonnulls("caseId", "caseEventId", "sourceId") >= 1);
