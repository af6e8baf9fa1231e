-- Name search that stays fast under row-level security.
--
-- The app connects as "qamqor_app", so every query on person_names carries the policy's condition
-- ("organizationId" = app_current_org()). PostgreSQL evaluates a condition whose operator is not
-- leakproof only after the policy's, so it never used the trigram indexes for pg_trgm's LIKE, % and <%:
-- a common name was a sequential scan of the organisation's names (hundreds of milliseconds to seconds
-- on 770 000 names).
--
-- 1. person_name_tokens: one row per word of each name's skeleton (lib/names/keys.ts), written by a
--    trigger on person_names so every writer (services, seeds, imports) keeps it right, and deleted with
--    its name (ON DELETE CASCADE, which erasing a person relies on). Words are looked up by equality and
--    by prefix as a range (token >= 'erjan' AND token < 'erjao') on a btree index: texteq, text_ge and
--    text_lt are leakproof, so the index is used under row-level security like any other. The column is
--    in collation "C" so that a prefix is exactly one range of the index in any database locale.
-- 2. Two SECURITY DEFINER functions keep the trigram (spelling-tolerant) search for what words cannot
--    find (a typo, a word given only in the middle); see below why they are safe.

-- CreateTable
CREATE TABLE "person_name_tokens" (
    "organizationId" UUID NOT NULL,
    "personNameId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "token" TEXT COLLATE "C" NOT NULL
);

-- The names already recorded, before the indexes: building them once is far cheaper than growing them.
INSERT INTO person_name_tokens ("organizationId", "personNameId", "personId", token)
SELECT DISTINCT n."organizationId", n.id, n."personId", word
  FROM person_names n
  CROSS JOIN LATERAL unnest(string_to_array(n.skeleton, ' ')) AS word
 WHERE word <> '';

ALTER TABLE "person_name_tokens" ADD CONSTRAINT "person_name_tokens_pkey" PRIMARY KEY ("personNameId","token");

-- CreateIndex
CREATE INDEX "person_name_tokens_organizationId_token_personNameId_person_idx" ON "person_name_tokens"("organizationId", "token", "personNameId", "personId");

-- AddForeignKey
ALTER TABLE "person_name_tokens" ADD CONSTRAINT "person_name_tokens_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_name_tokens" ADD CONSTRAINT "person_name_tokens_personNameId_fkey" FOREIGN KEY ("personNameId") REFERENCES "person_names"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "person_name_tokens" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_name_tokens"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "person_name_tokens" TO qamqor_app;

-- Tokens are rebuilt whenever a name is written: statement-level triggers with transition tables, so a
-- batch insert of thousands of names is one INSERT … SELECT.
CREATE FUNCTION person_name_tokens_insert() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO person_name_tokens ("organizationId", "personNameId", "personId", token)
  SELECT DISTINCT n."organizationId", n.id, n."personId", word
    FROM new_names n
    CROSS JOIN LATERAL unnest(string_to_array(n.skeleton, ' ')) AS word
   WHERE word <> '';
  RETURN NULL;
END
$$;

CREATE FUNCTION person_name_tokens_update() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM person_name_tokens t USING new_names n WHERE t."personNameId" = n.id;
  INSERT INTO person_name_tokens ("organizationId", "personNameId", "personId", token)
  SELECT DISTINCT n."organizationId", n.id, n."personId", word
    FROM new_names n
    CROSS JOIN LATERAL unnest(string_to_array(n.skeleton, ' ')) AS word
   WHERE word <> '';
  RETURN NULL;
END
$$;

CREATE TRIGGER person_names_tokens_after_insert
  AFTER INSERT ON "person_names"
  REFERENCING NEW TABLE AS new_names
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_tokens_insert();

CREATE TRIGGER person_names_tokens_after_update
  AFTER UPDATE ON "person_names"
  REFERENCING NEW TABLE AS new_names
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_tokens_update();

-- Trigram search as the table owner, for the spelling-tolerant part of name search and duplicate
-- detection, so that it can use the trigram indexes. Why this shows the app nothing that the policies
-- hide from it:
--   * the organisation is taken from the transaction's own setting (app_current_org(), the very value
--     the policies use), never from an argument; with no organisation set nothing matches;
--   * they return person ids and a 0..1 score only, of that organisation's people: what the app could
--     compute itself, slowly, through the policies;
--   * the arguments are search keys and a row limit, bound as parameters (EXECUTE … USING): no SQL text
--     comes from the caller; the dynamic SQL only gives each call a plan for its actual keys;
--   * search_path is fixed to the schema of the tables and of pg_trgm, where only the owner may create
--     objects, so a caller cannot substitute an operator or a function;
--   * EXECUTE is revoked from PUBLIC and granted to qamqor_app only;
--   * LIKE and pg_trgm's functions raise no error that depends on a row's data, so evaluating them on
--     another organisation's rows before the organisation filter drops them reveals nothing.
-- The caller sets pg_trgm's thresholds for % and <% in its transaction (lib/names/sql.ts).

-- People whose names are close to a searched name, best first, with the rank of lib/names/sql.ts.
CREATE FUNCTION app_person_ids_by_name(q_normalized text, q_skeleton text, q_contains text, q_skeleton_contains text, max_rows integer)
  RETURNS TABLE ("personId" uuid, score double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  ROWS 50
AS $$
DECLARE
  conditions text[] := ARRAY[]::text[];
  q_key text := COALESCE(NULLIF(q_skeleton, ''), q_normalized);
BEGIN
  IF app_current_org() IS NULL OR COALESCE(q_key, '') = '' THEN
    RETURN;
  END IF;
  IF COALESCE(q_normalized, '') <> '' THEN
    conditions := conditions || ARRAY['pn.normalized ILIKE $3', 'pn.normalized % $1'];
  END IF;
  IF COALESCE(q_skeleton, '') <> '' THEN
    conditions := conditions || ARRAY['pn.skeleton % $2', '$2 <% pn.skeleton', 'pn.skeleton LIKE $4'];
  END IF;
  RETURN QUERY EXECUTE
    'SELECT pn."personId", MAX(GREATEST(
              CASE WHEN pn.skeleton = $5 OR pn.normalized = $1 THEN 1.0 ELSE 0 END,
              similarity(pn.skeleton, $5),
              word_similarity($5, pn.skeleton) * 0.9,
              similarity(pn.normalized, $1),
              CASE WHEN pn.normalized ILIKE $3 OR pn.skeleton LIKE $4 THEN 0.7 ELSE 0 END))::float8 AS score
       FROM person_names pn
      WHERE pn."organizationId" = app_current_org()
        AND (' || array_to_string(conditions, ' OR ') || ')
      GROUP BY pn."personId"
      ORDER BY score DESC, pn."personId"
      LIMIT $6'
    USING COALESCE(q_normalized, ''), COALESCE(q_skeleton, ''), q_contains, q_skeleton_contains, q_key, max_rows;
END
$$;

-- Duplicate candidates: people with a name close to any of the skeletons entered for a new record,
-- best first, scored on the name alone (0..1).
CREATE FUNCTION app_duplicate_person_ids(skeletons text[], max_rows integer)
  RETURNS TABLE ("personId" uuid, score double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  ROWS 20
AS $$
BEGIN
  IF app_current_org() IS NULL OR skeletons IS NULL OR cardinality(skeletons) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE
    'SELECT m."personId", MAX(m.score)::float8 AS score
       FROM unnest($1::text[]) AS s(k)
       CROSS JOIN LATERAL (
         SELECT pn."personId",
                GREATEST(similarity(pn.skeleton, s.k), word_similarity(s.k, pn.skeleton), word_similarity(pn.skeleton, s.k)) AS score
           FROM person_names pn
          WHERE pn."organizationId" = app_current_org()
            AND (pn.skeleton % s.k OR s.k <% pn.skeleton OR pn.skeleton <% s.k)) AS m
      GROUP BY m."personId"
      ORDER BY score DESC, m."personId"
      LIMIT $2'
    USING skeletons, max_rows;
END
$$;

REVOKE ALL ON FUNCTION app_person_ids_by_name(text, text, text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_duplicate_person_ids(text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_person_ids_by_name(text, text, text, text, integer) TO qamqor_app;
GRANT EXECUTE ON FUNCTION app_duplicate_person_ids(text[], integer) TO qamqor_app;
