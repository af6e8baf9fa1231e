-- Every word of every name of a person, once per person. A common first name has about three name rows
-- per person (one per script and spelling, all with the same skeleton), so the case list's name filter
-- hashes a third as many rows here as in person_name_tokens. Kept from person_name_tokens by triggers,
-- so whatever writes, moves or deletes names (including erasure and merges) keeps it right.

-- CreateTable
CREATE TABLE "person_tokens" (
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "token" TEXT COLLATE "C" NOT NULL
);

-- The words already recorded, before the indexes: building them once is far cheaper than growing them.
INSERT INTO person_tokens ("organizationId", "personId", token)
SELECT DISTINCT "organizationId", "personId", token FROM person_name_tokens;

ALTER TABLE "person_tokens" ADD CONSTRAINT "person_tokens_pkey" PRIMARY KEY ("personId","token");

-- CreateIndex
CREATE INDEX "person_name_tokens_personId_token_idx" ON "person_name_tokens"("personId", "token");

-- CreateIndex
CREATE INDEX "person_tokens_organizationId_token_personId_idx" ON "person_tokens"("organizationId", "token", "personId");

-- AddForeignKey
ALTER TABLE "person_tokens" ADD CONSTRAINT "person_tokens_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_tokens" ADD CONSTRAINT "person_tokens_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "person_tokens" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_tokens"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "person_tokens" TO qamqor_app;

-- Statement-level triggers with transition tables, as for person_name_tokens: a batch of names is one
-- INSERT … SELECT and one DELETE here.
CREATE FUNCTION person_tokens_add() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO person_tokens ("organizationId", "personId", token)
  SELECT DISTINCT "organizationId", "personId", token FROM added_tokens
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- A word leaves the person only when no name of theirs has it any more.
CREATE FUNCTION person_tokens_remove() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM person_tokens p
   USING (SELECT DISTINCT "personId", token FROM removed_tokens) r
   WHERE p."personId" = r."personId" AND p.token = r.token
     AND NOT EXISTS (SELECT 1 FROM person_name_tokens t WHERE t."personId" = r."personId" AND t.token = r.token);
  RETURN NULL;
END
$$;

CREATE TRIGGER person_name_tokens_after_insert
  AFTER INSERT ON "person_name_tokens"
  REFERENCING NEW TABLE AS added_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION person_tokens_add();

CREATE TRIGGER person_name_tokens_after_delete
  AFTER DELETE ON "person_name_tokens"
  REFERENCING OLD TABLE AS removed_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION person_tokens_remove();
