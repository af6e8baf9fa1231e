// The one SQL implementation of name search and duplicate detection, on the keys from
// lib/names/keys.ts. Used by the case list, the people list, the person picker and the duplicate hints.
//
// Two paths, because the app's database role is bound by row-level security:
//   * words: every word of a name's skeleton is a row of person_name_tokens (kept by a trigger; once
//     per person in person_tokens, which the case list reads), looked up by prefix as a range of a
//     btree index. Text comparisons are leakproof, so PostgreSQL uses the
//     index under row-level security: a common first name is a few milliseconds on 100 000 cases.
//   * spelling-tolerant: pg_trgm similarity, through SECURITY DEFINER functions that read the
//     organisation from the transaction (migration 20261123182000_name_tokens). It finds typos and words
//     given only in the middle, so it runs only when the words find nothing (or, for duplicates, too
//     little). For search it compares whole skeletons, which costs seconds for common names on a large
//     organisation; for duplicates it starts from the words of the organisation close to the new name's
//     words and scores a bounded set of candidates (migration 20261205020000_person_name_words).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeName, skeletonKey } from "./keys";
import { escapeLike } from "@/lib/search/like";

/** pg_trgm thresholds: looser than the defaults so short given names with one letter off still count. */
export const NAME_SIMILARITY_THRESHOLD = 0.3;
export const NAME_WORD_SIMILARITY_THRESHOLD = 0.5;

/** How many names the word path ranks at most: a common name alone matches tens of thousands. */
export const MAX_RANKED_NAMES = 500;

/** How many names holding a new name's longest word the duplicate hints look at for its other words. */
export const MAX_SCANNED_DUPLICATE_NAMES = 500;

export interface NameQuery {
  normalized: string;
  skeleton: string;
  /** the skeleton's distinct words, longest first (the most selective one drives the look-up) */
  words: string[];
  /** normalized, escaped for LIKE, wrapped in % */
  contains: string;
  /** skeleton, escaped for LIKE, wrapped in % (a name typed only in part: "Qasy") */
  skeletonContains: string;
}

/** Distinct words of a skeleton, longest first. */
export function skeletonWords(skeleton: string): string[] {
  return [...new Set(skeleton.split(" ").filter((word) => word.length > 0))].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** Keys of what someone typed into a search box; null when nothing searchable is left. */
export function nameQuery(input: string): NameQuery | null {
  const normalized = normalizeName(input);
  const skeleton = skeletonKey(input);
  if (!normalized && !skeleton) return null;
  return {
    normalized,
    skeleton,
    words: skeletonWords(skeleton),
    contains: `%${escapeLike(normalized)}%`,
    skeletonContains: `%${escapeLike(skeleton)}%`,
  };
}

/**
 * The words that start with `prefix`, as a range in collation "C" (byte order = code point order):
 * [prefix, prefix with its last character's code point plus one).
 */
export function prefixRange(prefix: string): { from: string; to: string } {
  const chars = [...prefix];
  const last = chars.pop();
  if (last === undefined) throw new Error("Empty prefix");
  const next = (last.codePointAt(0) ?? 0) + 1;
  // U+D800–U+DFFF are not characters; the next one after U+D7FF is U+E000
  return { from: prefix, to: chars.join("") + String.fromCodePoint(next === 0xd800 ? 0xe000 : next) };
}

/** Repeats the organisation for the index (row-level security already limits the rows to it). */
function sameOrganization(alias: string, organizationId: string | undefined): Prisma.Sql {
  return organizationId ? Prisma.sql` AND ${Prisma.raw(alias)}."organizationId" = ${organizationId}::uuid` : Prisma.empty;
}

/**
 * Names (personNameId, personId) with, for every word, a word of their skeleton starting with it: all
 * words in the same name. At most `limit` names; the driving word's exact matches come first (the
 * index range starts with them). With `scanned`, only that many names holding the driving word are
 * looked at, so that words each held by thousands but rarely together cost a bounded amount of work.
 * Row-level security limits the rows to the transaction's organisation; `organizationId` repeats it for
 * the index.
 */
export function namesWithWordsSql(words: string[], organizationId?: string, limit?: number, scanned?: number): Prisma.Sql {
  if (words.length === 0) return Prisma.sql`SELECT NULL::uuid AS "personNameId", NULL::uuid AS "personId" WHERE FALSE`;
  const [first, ...rest] = words.map(prefixRange);
  const org = (alias: string) => sameOrganization(alias, organizationId);
  const joins = rest.map((range, index) => {
    const alias = Prisma.raw(`w${index + 1}`);
    const match = Prisma.sql`${alias}."personNameId" = w0."personNameId" AND ${alias}.token >= ${range.from} AND ${alias}.token < ${range.to}${org(`w${index + 1}`)}`;
    // bounded: one probe of the primary key per name looked at, never a hash of a common word's names
    return scanned
      ? Prisma.sql`
      CROSS JOIN LATERAL (SELECT 1 FROM person_name_tokens ${alias} WHERE ${match} LIMIT 1) AS ${Prisma.raw(`h${index + 1}`)}`
      : Prisma.sql`
      JOIN person_name_tokens ${alias} ON ${match}`;
  });
  const driving = scanned
    ? Prisma.sql`(SELECT d."personNameId", d."personId" FROM person_name_tokens d
                   WHERE d.token >= ${first!.from} AND d.token < ${first!.to}${org("d")} LIMIT ${scanned}) AS w0`
    : Prisma.sql`person_name_tokens w0`;
  const range = scanned ? Prisma.empty : Prisma.sql` WHERE w0.token >= ${first!.from} AND w0.token < ${first!.to}${org("w0")}`;
  return Prisma.sql`
    SELECT w0."personNameId", w0."personId"
      FROM ${driving}${joins.length > 0 ? Prisma.join(joins, "") : Prisma.empty}${range}
     ${limit ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}`;
}

/**
 * Person ids with every word (by prefix) among the words of their names: the case list's name filter.
 * Reads person_tokens, one row per person and word, so a common first name hashes about a third of the
 * rows person_name_tokens would give (one per script and spelling of the same name).
 */
export function personIdsWithWordsSql(words: string[], organizationId?: string): Prisma.Sql {
  if (words.length === 0) return Prisma.sql`SELECT NULL::uuid AS "personId" WHERE FALSE`;
  const [first, ...rest] = words.map(prefixRange);
  const org = (alias: string) => sameOrganization(alias, organizationId);
  const others = rest.map((range, index) => {
    const alias = `p${index + 1}`;
    return Prisma.sql`
       AND EXISTS (SELECT 1 FROM person_tokens ${Prisma.raw(alias)}
                    WHERE ${Prisma.raw(alias)}."personId" = p0."personId"
                      AND ${Prisma.raw(alias)}.token >= ${range.from} AND ${Prisma.raw(alias)}.token < ${range.to})`;
  });
  return Prisma.sql`
    SELECT p0."personId" FROM person_tokens p0
     WHERE p0.token >= ${first!.from} AND p0.token < ${first!.to}${org("p0")}${others.length > 0 ? Prisma.join(others, "") : Prisma.empty}`;
}

/**
 * Per-transaction thresholds for the `%` and `<%` operators. Run it in the same transaction as the
 * search (inside withTenant), before the query.
 */
export async function setNameMatchThresholds(
  tx: { $executeRawUnsafe: (query: string) => Promise<unknown> },
  similarity = NAME_SIMILARITY_THRESHOLD,
  wordSimilarity = NAME_WORD_SIMILARITY_THRESHOLD,
): Promise<void> {
  // One round trip for both (set_config with is_local is SET LOCAL); numbers only, formatted here.
  await tx.$executeRawUnsafe(
    `SELECT set_config('pg_trgm.similarity_threshold', '${Number(similarity).toFixed(3)}', true),` +
      ` set_config('pg_trgm.word_similarity_threshold', '${Number(wordSimilarity).toFixed(3)}', true)`,
  );
}

function column(alias: string, name: "skeleton" | "normalized"): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error("Invalid SQL alias");
  return Prisma.raw(`"${alias}"."${name}"`);
}

/** Ranking expression 0..1 (higher first): exact key, then trigram similarity, then substring hits. */
export function nameRank(query: NameQuery, alias = "pn"): Prisma.Sql {
  const skeleton = column(alias, "skeleton");
  const normalized = column(alias, "normalized");
  const key = query.skeleton || query.normalized;
  return Prisma.sql`GREATEST(
    CASE WHEN ${skeleton} = ${key} OR ${normalized} = ${query.normalized} THEN 1.0 ELSE 0 END,
    similarity(${skeleton}, ${key}),
    word_similarity(${key}, ${skeleton}) * 0.9,
    similarity(${normalized}, ${query.normalized}),
    CASE WHEN ${normalized} ILIKE ${query.contains} OR ${skeleton} LIKE ${query.skeletonContains} THEN 0.7 ELSE 0 END
  )`;
}

/**
 * Person ids whose names match the query, best first, with a 0..1 score, within the transaction's
 * organisation (combine with your own scope filter on persons). Names containing every word of the
 * query (by prefix) first; only when there are none, the spelling-tolerant trigram search. Run
 * setNameMatchThresholds in the same transaction first.
 */
export function personIdsByNameSql(query: NameQuery, limit = 50, organizationId?: string): Prisma.Sql {
  const spellingTolerant = Prisma.sql`
    SELECT f."personId", f.score FROM app_person_ids_by_name(
      ${query.normalized}, ${query.skeleton}, ${query.contains}, ${query.skeletonContains}, ${limit}::int) AS f`;
  if (query.words.length === 0) return Prisma.sql`${spellingTolerant} ORDER BY score DESC, "personId"`;
  return Prisma.sql`
    WITH by_words AS MATERIALIZED (
      SELECT pn."personId", MAX(${nameRank(query)})::float8 AS score
        FROM (${namesWithWordsSql(query.words, organizationId, MAX_RANKED_NAMES)}) AS named
        JOIN person_names pn ON pn.id = named."personNameId"
       GROUP BY pn."personId"
       ORDER BY score DESC, pn."personId"
       LIMIT ${limit})
    SELECT "personId", score FROM by_words
    UNION ALL
    SELECT * FROM (${spellingTolerant}) AS tolerant WHERE NOT EXISTS (SELECT 1 FROM by_words)
    ORDER BY score DESC, "personId"`;
}

/**
 * Duplicate candidates: person ids whose names are close to any of `skeletons` (the keys of every name
 * entered for the new record), best first. Ranking by birth year, gender, hometown and relatives is the
 * caller's; the score here is only the name part (0..1). First the people recorded with the same key (one
 * probe of the skeleton index each); when they are fewer than `limit`, names sharing every word of a key (by
 * prefix); when all of those are fewer than `enough`, the spelling-tolerant search adds its candidates
 * (Zhanat for Zhanar, a typo), bounded by the new name's rarest words (migration
 * 20261205020000_person_name_words). Run setNameMatchThresholds in the same transaction first.
 */
export function duplicateCandidateIdsSql(skeletons: string[], limit = 20, organizationId?: string, enough = 10): Prisma.Sql {
  const keys = [...new Set(skeletons.filter((key) => key.length >= 2))];
  if (keys.length === 0) return Prisma.sql`SELECT NULL::uuid AS "personId", 0::float8 AS "score" WHERE FALSE`;
  const byKey = keys.map(
    (key) => Prisma.sql`
      SELECT pn."personId",
             GREATEST(similarity(pn.skeleton, ${key}), word_similarity(${key}, pn.skeleton), word_similarity(pn.skeleton, ${key})) AS score
        FROM (${namesWithWordsSql(skeletonWords(key), organizationId, MAX_RANKED_NAMES, MAX_SCANNED_DUPLICATE_NAMES)}) AS named
        JOIN person_names pn ON pn.id = named."personNameId"`,
  );
  // A common full name is held by hundreds: its holders score 1 like any name containing it, so when there
  // are enough of them the search by words (which would rank hundreds of names) adds nothing.
  return Prisma.sql`
    WITH same_key AS MATERIALIZED (
      SELECT DISTINCT held."personId", 1::float8 AS score
        FROM unnest(${keys}::text[]) AS k(key)
        CROSS JOIN LATERAL (
          SELECT pn."personId" FROM person_names pn
           WHERE pn.skeleton = k.key${sameOrganization("pn", organizationId)}
           LIMIT ${limit * 3}) AS held),
    by_words AS MATERIALIZED (
      SELECT m."personId", MAX(m.score)::float8 AS score
        FROM (${Prisma.join(byKey, " UNION ALL ")}) AS m
       WHERE (SELECT count(*) FROM same_key) < ${limit}
       GROUP BY m."personId"
       ORDER BY score DESC, m."personId"
       LIMIT ${limit}),
    found AS MATERIALIZED (
      SELECT * FROM same_key UNION ALL SELECT * FROM by_words),
    tolerant AS (
      SELECT f."personId", f.score FROM app_duplicate_person_ids(${keys}::text[], ${limit}::int) AS f
       WHERE (SELECT count(DISTINCT "personId") FROM found) < ${enough})
    SELECT "personId", MAX(score)::float8 AS score
      FROM (SELECT * FROM found UNION ALL SELECT * FROM tolerant) AS candidates
     GROUP BY "personId"
     ORDER BY score DESC, "personId"
     LIMIT ${limit}`;
}
