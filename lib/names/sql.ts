// The one SQL implementation of name search and duplicate detection against person_names, on the
// keys from lib/names/keys.ts and their GIN trigram indexes (skeleton, normalized).
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeName, skeletonKey } from "./keys";

/** pg_trgm thresholds: looser than the defaults so short given names with one letter off still count. */
export const NAME_SIMILARITY_THRESHOLD = 0.3;
export const NAME_WORD_SIMILARITY_THRESHOLD = 0.5;

export interface NameQuery {
  normalized: string;
  skeleton: string;
  /** normalized, escaped for LIKE, wrapped in % */
  contains: string;
  /** skeleton, escaped for LIKE, wrapped in % (a name typed only in part: "Qasy") */
  skeletonContains: string;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Keys of what someone typed into a search box; null when nothing searchable is left. */
export function nameQuery(input: string): NameQuery | null {
  const normalized = normalizeName(input);
  const skeleton = skeletonKey(input);
  if (!normalized && !skeleton) return null;
  return { normalized, skeleton, contains: `%${escapeLike(normalized)}%`, skeletonContains: `%${escapeLike(skeleton)}%` };
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
  // Numbers only, formatted here: SET does not take bind parameters.
  await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.similarity_threshold = ${Number(similarity).toFixed(3)}`);
  await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.word_similarity_threshold = ${Number(wordSimilarity).toFixed(3)}`);
}

function column(alias: string, name: "skeleton" | "normalized"): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error("Invalid SQL alias");
  return Prisma.raw(`"${alias}"."${name}"`);
}

/**
 * WHERE condition: the name's skeleton is trigram-close to the query's (any script or romanisation),
 * the query is close to one word of it, or the typed text occurs in the normalized name (Chinese
 * characters, partial words). All three use the trigram indexes.
 */
export function nameMatchCondition(query: NameQuery, alias = "pn"): Prisma.Sql {
  const skeleton = column(alias, "skeleton");
  const normalized = column(alias, "normalized");
  const parts: Prisma.Sql[] = [];
  if (query.normalized) {
    parts.push(Prisma.sql`${normalized} ILIKE ${query.contains}`);
    parts.push(Prisma.sql`${normalized} % ${query.normalized}`);
  }
  if (query.skeleton) {
    parts.push(Prisma.sql`${skeleton} % ${query.skeleton}`);
    parts.push(Prisma.sql`${query.skeleton} <% ${skeleton}`);
    parts.push(Prisma.sql`${skeleton} LIKE ${query.skeletonContains}`);
  }
  if (parts.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
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
 * Person ids whose names match the query, best first, within what the caller's transaction may see
 * (RLS limits the rows to the organisation). Combine with your own scope filter on persons.
 */
export function personIdsByNameSql(query: NameQuery, limit = 50): Prisma.Sql {
  return Prisma.sql`
    SELECT pn."personId" AS "personId", MAX(${nameRank(query)})::float8 AS "score"
    FROM person_names pn
    WHERE ${nameMatchCondition(query)}
    GROUP BY pn."personId"
    ORDER BY "score" DESC
    LIMIT ${limit}`;
}

/**
 * Duplicate candidates: person ids whose names are close to any of `skeletons` (the keys of every name
 * entered for the new record), best first. Ranking by birth year, gender, hometown and relatives is the
 * caller's; the score here is only the name part (0..1).
 */
export function duplicateCandidateIdsSql(skeletons: string[], limit = 20): Prisma.Sql {
  const keys = [...new Set(skeletons.filter((key) => key.length >= 2))];
  if (keys.length === 0) return Prisma.sql`SELECT NULL::uuid AS "personId", 0::float8 AS "score" WHERE FALSE`;
  return Prisma.sql`
    SELECT pn."personId" AS "personId",
           MAX(GREATEST(similarity(pn.skeleton, s.k), word_similarity(s.k, pn.skeleton), word_similarity(pn.skeleton, s.k)))::float8 AS "score"
    FROM person_names pn
    CROSS JOIN unnest(${keys}::text[]) AS s(k)
    WHERE pn.skeleton % s.k OR s.k <% pn.skeleton OR pn.skeleton <% s.k
    GROUP BY pn."personId"
    ORDER BY "score" DESC
    LIMIT ${limit}`;
}
