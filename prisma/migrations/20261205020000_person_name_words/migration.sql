-- The spelling-tolerant duplicate search, bounded by what indexes can answer.
--
-- app_duplicate_person_ids and app_duplicate_people_by_key matched whole skeletons with
-- `pn.skeleton % k OR k <% pn.skeleton OR pn.skeleton <% k`. The last arm ("the recorded name appears
-- within the new one") has no index support, so every call read every name of the organisation: 7 s for
-- one new case on an organisation of 300 000 people, and still 0.2–1.4 s without that arm for a common
-- name, whose trigrams are in tens of thousands of names.
--
-- Now the search starts from the words of the new name, in a small table of the organisation's distinct
-- name words (person_name_words) with a trigram index: for each word, the few recorded words close to it (a typo,
-- a spelling that the skeleton does not fold). From those, two bounded sets of candidates:
--   * whole names: every combination of close words, and of fewer words (a recorded name that lacks a word
--     of the new one), looked up by equality on the skeleton index;
--   * people holding a word close to one of the new name's words, the rarest word first, at most a fixed
--     number of people in all: a rare surname brings all its holders, a common given name only some.
-- Only those candidates are scored, with the same score and the same conditions as before.

-- CreateTable
CREATE TABLE "person_name_words" (
    "organizationId" UUID NOT NULL,
    "token" TEXT COLLATE "C" NOT NULL
);

-- The words already recorded, before the indexes: building them once is far cheaper than growing them.
INSERT INTO person_name_words ("organizationId", token)
SELECT DISTINCT "organizationId", token FROM person_tokens;

ALTER TABLE "person_name_words" ADD CONSTRAINT "person_name_words_pkey" PRIMARY KEY ("organizationId","token");

-- CreateIndex
CREATE INDEX "person_name_words_token_trgm_idx" ON "person_name_words" USING GIN ("token" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "person_name_words" ADD CONSTRAINT "person_name_words_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "person_name_words" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_name_words"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "person_name_words" TO qamqor_app;

-- Kept from person_tokens by statement-level triggers, like person_tokens from person_name_tokens, so
-- whatever writes, moves or deletes names (services, imports, merges, erasure, the large seed) keeps it
-- right. A word already known costs one index probe and takes no lock, so people with a common name can be
-- created at the same time without waiting for each other.
CREATE FUNCTION person_name_words_add() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO person_name_words ("organizationId", token)
  SELECT DISTINCT "organizationId", token FROM added_words
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- A word leaves the organisation with its last holder: an erased person's words do not stay behind.
-- (Should another transaction give the word to someone at that very moment, the word is missing until the
-- next name with it is written; only the spelling-tolerant search would miss it meanwhile.)
CREATE FUNCTION person_name_words_remove() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM person_name_words w
   USING (SELECT DISTINCT "organizationId", token FROM removed_words) r
   WHERE w."organizationId" = r."organizationId" AND w.token = r.token
     AND NOT EXISTS (SELECT 1 FROM person_tokens t WHERE t."organizationId" = r."organizationId" AND t.token = r.token);
  RETURN NULL;
END
$$;

CREATE TRIGGER person_tokens_after_insert
  AFTER INSERT ON "person_tokens"
  REFERENCING NEW TABLE AS added_words
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_add();

CREATE TRIGGER person_tokens_after_delete
  AFTER DELETE ON "person_tokens"
  REFERENCING OLD TABLE AS removed_words
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_remove();

-- People whose names are close to one skeleton, best first, at most max_rows, with the score of the
-- duplicate hints (0..1). Runs as the table owner inside the two SECURITY DEFINER functions below, which
-- alone may call it; the organisation is the transaction's own (app_current_org()), never an argument.
-- The caller's pg_trgm thresholds decide which words and names are close, as before.
CREATE FUNCTION app_similar_name_candidates(k text, max_rows integer)
  RETURNS TABLE ("personId" uuid, score double precision)
  LANGUAGE plpgsql STABLE
  SET search_path = public, pg_temp
  -- One plan per session for any name: planning it anew costs more than running it. In that plan every
  -- table is read through an index; the planner would rather compare every word of a small vocabulary
  -- with the trigram operators, which costs far more than it estimates.
  SET plan_cache_mode = force_generic_plan
  SET enable_seqscan = off
  ROWS 20
AS $$
DECLARE
  org uuid := app_current_org();
  -- recorded words kept per word of the new name, closest first
  close_words constant integer := 5;
  -- people read for the words, in all: the bound of the second set of candidates
  people_budget constant integer := 60;
  -- pg_trgm's thresholds for % and <%, as the caller set them
  similarity_threshold constant real := COALESCE(NULLIF(current_setting('pg_trgm.similarity_threshold', true), '')::real, 0.3);
  word_threshold constant real := COALESCE(NULLIF(current_setting('pg_trgm.word_similarity_threshold', true), '')::real, 0.6);
BEGIN
  IF org IS NULL OR COALESCE(k, '') = '' OR COALESCE(max_rows, 0) <= 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH RECURSIVE
  -- the new name's words, longest first; a one-letter initial is close to too many words to help
  words AS (
    SELECT u.word, row_number() OVER (ORDER BY length(u.word) DESC, u.word) AS ord
      FROM (SELECT DISTINCT word FROM unnest(string_to_array(k, ' ')) AS word WHERE length(word) >= 2) AS u
     ORDER BY ord
     LIMIT 8),
  shape AS (
    -- how many close words each word contributes to whole-name combinations: at most a few hundred
    SELECT count(*) AS n, CASE WHEN count(*) <= 3 THEN 3 WHEN count(*) <= 5 THEN 2 ELSE 1 END AS per_word FROM words),
  near AS MATERIALIZED (
    SELECT w.ord, v.token, v.closeness, row_number() OVER (PARTITION BY w.ord ORDER BY v.closeness DESC, v.token) AS rank
      FROM words w
      CROSS JOIN LATERAL (
        SELECT nw.token, GREATEST(similarity(nw.token, w.word), word_similarity(w.word, nw.token))::float8 AS closeness
          FROM person_name_words nw
         WHERE nw."organizationId" = org AND (nw.token % w.word OR w.word <% nw.token)
         ORDER BY closeness DESC, nw.token
         LIMIT close_words) AS v),
  -- whole names: for each word in turn, leave it out or take one of its close words
  picks (ord, picked, closeness) AS (
    SELECT 0::bigint, ARRAY[]::text[], 0::float8
    UNION ALL
    SELECT p.ord + 1, x.picked, x.closeness
      FROM picks p
      CROSS JOIN LATERAL (
        SELECT p.picked AS picked, p.closeness AS closeness
        UNION ALL
        SELECT p.picked || (n.token COLLATE "default"), p.closeness + n.closeness
          FROM near n
         WHERE n.ord = p.ord + 1 AND n.rank <= (SELECT per_word FROM shape)) AS x
     WHERE p.ord < (SELECT n FROM shape)),
  whole_names AS (
    SELECT array_to_string(ARRAY(SELECT t FROM unnest(p.picked) AS t ORDER BY t COLLATE "C"), ' ') COLLATE "default" AS skeleton,
           max(p.closeness) AS closeness, max(cardinality(p.picked)) AS size
      FROM picks p
     WHERE p.ord = (SELECT n FROM shape) AND cardinality(p.picked) > 0
     GROUP BY 1),
  -- the fullest and closest combinations first, a few names each (a common full name is held by many,
  -- all with the same score) and a bounded number of names in all
  by_whole_name AS (
    SELECT holder."personId"
      FROM (SELECT w.skeleton FROM whole_names w ORDER BY w.size DESC, w.closeness DESC, w.skeleton) AS w
      CROSS JOIN LATERAL (
        SELECT pn."personId" FROM person_names pn
         WHERE pn."organizationId" = org AND pn.skeleton = w.skeleton
         LIMIT GREATEST(max_rows, 10)) AS holder
     LIMIT GREATEST(max_rows * 2, 40)),
  -- how many people hold a word close to each word, counted up to the budget
  holders AS MATERIALIZED (
    SELECT w.ord,
           (SELECT count(*) FROM (
              SELECT 1 FROM person_tokens t
               WHERE t."organizationId" = org AND t.token = ANY (ARRAY(SELECT n.token FROM near n WHERE n.ord = w.ord))
               LIMIT people_budget) AS h) AS held
      FROM words w),
  -- the budget goes to the rarest words first
  shares AS (
    SELECT h.ord, LEAST(h.held, GREATEST(0, people_budget - (sum(h.held) OVER (ORDER BY h.held, h.ord) - h.held)))::integer AS take
      FROM holders h),
  by_word AS (
    SELECT held."personId"
      FROM shares s
      CROSS JOIN LATERAL (
        SELECT t."personId"
          FROM (SELECT n.token FROM near n WHERE n.ord = s.ord ORDER BY n.rank) AS n
          CROSS JOIN LATERAL (
            SELECT t."personId" FROM person_tokens t
             WHERE t."organizationId" = org AND t.token = n.token
             LIMIT s.take) AS t
         LIMIT s.take) AS held
     WHERE s.take > 0),
  candidates AS (
    SELECT c."personId" FROM by_whole_name c UNION SELECT c."personId" FROM by_word c),
  -- every name of the candidates; people's names in several scripts mostly share one skeleton
  named AS MATERIALIZED (
    SELECT pn."personId", pn.skeleton
      FROM candidates c
      JOIN person_names pn ON pn."personId" = c."personId"
     WHERE pn."organizationId" = org),
  distinct_names AS MATERIALIZED (
    SELECT DISTINCT n.skeleton FROM named n),
  -- the score and conditions of before (% and <% in both directions), once per distinct skeleton
  close_names AS (
    SELECT d.skeleton, GREATEST(m.whole, m.within_recorded, m.within_new)::float8 AS closeness
      FROM distinct_names d
      CROSS JOIN LATERAL (
        SELECT similarity(d.skeleton, k) AS whole, word_similarity(k, d.skeleton) AS within_recorded, word_similarity(d.skeleton, k) AS within_new) AS m
     WHERE m.whole >= similarity_threshold OR m.within_recorded >= word_threshold OR m.within_new >= word_threshold)
  SELECT n."personId", MAX(c.closeness) AS best
    FROM named n
    JOIN close_names c ON c.skeleton = n.skeleton
   GROUP BY n."personId"
   ORDER BY best DESC, n."personId"
   LIMIT max_rows;
END
$$;

-- Duplicate candidates: people with a name close to any of the skeletons entered for a new record, best
-- first, scored on the name alone (0..1). Why this shows the app nothing the policies hide from it, as in
-- 20261123182000_name_tokens: the organisation is the transaction's own setting; only ids and a score of
-- that organisation's people come back; the arguments are values, never SQL; search_path is fixed; only
-- the app's role may call it.
CREATE OR REPLACE FUNCTION app_duplicate_person_ids(skeletons text[], max_rows integer)
  RETURNS TABLE ("personId" uuid, score double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  ROWS 20
AS $$
BEGIN
  IF app_current_org() IS NULL OR skeletons IS NULL OR cardinality(skeletons) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT m."personId", MAX(m.score)::float8 AS score
      FROM (SELECT DISTINCT s.k FROM unnest(skeletons) AS s(k)) AS s
      CROSS JOIN LATERAL app_similar_name_candidates(s.k, max_rows) AS m
     GROUP BY m."personId"
     ORDER BY score DESC, m."personId"
     LIMIT max_rows;
END
$$;

-- Likely duplicates for many names at once (a spreadsheet import): each searched skeleton with its own
-- best few people. Safe for the same reasons as app_duplicate_person_ids.
CREATE OR REPLACE FUNCTION app_duplicate_people_by_key(skeletons text[], per_key integer)
  RETURNS TABLE (skeleton text, "personId" uuid, score double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  ROWS 100
AS $$
BEGIN
  IF app_current_org() IS NULL OR skeletons IS NULL OR cardinality(skeletons) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT s.k, m."personId", m.score
      FROM unnest(skeletons) AS s(k)
      CROSS JOIN LATERAL app_similar_name_candidates(s.k, per_key) AS m;
END
$$;

REVOKE ALL ON FUNCTION app_similar_name_candidates(text, integer) FROM PUBLIC;
