// Likely duplicate people, kept as pairs: recorded whenever a person is created or their names change,
// and for people who arrived in bulk by the background scan (./scan-duplicates.ts), by the same ranking
// the person form shows (rankDuplicateCandidates) and the identity documents' keyed hashes, and listed for coordinators in
// "what needs doing today" until someone merges the two or reviews them as not the same person.
import "server-only";
import { can, type Ctx, personScope } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import type { DatePrecision, Gender } from "@/lib/generated/prisma/enums";
import { rankDuplicateCandidates } from "./find-duplicate-candidates";
import { isoDate } from "./shared";

/** From this score on (0..1) a candidate is recorded as a likely duplicate: the same name, or a similar one with more that agrees. */
export const LIKELY_DUPLICATE_SCORE = 0.6;

export interface DuplicatePairItem {
  id: string;
  /** the two records, the older first: the compare-and-merge page keeps the first */
  first: { id: string; displayName: string };
  second: { id: string; displayName: string };
  score: number;
  detectedAt: string;
  /** where the two are compared and can be merged */
  href: string;
}

/**
 * Records the likely duplicates of a person (new pairs open; a reviewed pair keeps its decision) and
 * returns how many pairs were new. Candidates by the ranking the person form shows; people holding one of
 * this person's identity documents (the same keyed hash) always, whatever the spelling of their names.
 */
export async function recordDuplicatePairs(tx: Tx, ctx: Ctx, personId: string, known?: RecordedPersonFacts): Promise<number> {
  const person = known ?? (await duplicateFacts(tx, ctx, personId));
  if (!person) return 0;
  const candidates = await rankDuplicateCandidates(tx, ctx, {
    names: person.names,
    birthDate: isoDate(person.birthDate),
    birthDatePrecision: person.birthDatePrecision,
    gender: person.gender,
    hometownPlaceId: person.hometownPlaceId,
    relativeNames: [],
    documentNumbers: [],
    excludePersonId: personId,
  });
  const found = new Map<string, { score: number; reasons: string[] }>();
  for (const candidate of candidates) if (candidate.score >= LIKELY_DUPLICATE_SCORE) found.set(candidate.id, { score: candidate.score, reasons: candidate.reasons });
  // a person just created holds no document yet unless it was given with them
  if (person.hasDocuments !== false)
    for (const id of await peopleSharingDocumentHash(tx, ctx, personId)) {
      const reasons = found.get(id)?.reasons ?? [];
      found.set(id, { score: 1, reasons: ["sameDocument", ...reasons.filter((reason) => reason !== "sameDocument")] });
    }
  if (found.size === 0) return 0;
  const pairs = [...found].map(([candidateId, { score, reasons }]) => ({
    ...(personId < candidateId ? { a: personId, b: candidateId } : { a: candidateId, b: personId }),
    score,
    reasons: JSON.stringify(reasons),
  }));
  // every pair in one statement; a pair reviewed as "not the same person" is left exactly as decided
  const rows = await tx.$queryRaw<{ created: boolean }[]>`
    INSERT INTO person_duplicate_pairs ("organizationId", "personAId", "personBId", score, reasons)
    SELECT ${ctx.organizationId}::uuid, u.a::uuid, u.b::uuid, u.score, ARRAY(SELECT json_array_elements_text(u.reasons::json))
      FROM unnest(${pairs.map((pair) => pair.a)}::text[], ${pairs.map((pair) => pair.b)}::text[], ${pairs.map((pair) => pair.score)}::float8[],
                  ${pairs.map((pair) => pair.reasons)}::text[]) AS u(a, b, score, reasons)
    ON CONFLICT ("organizationId", "personAId", "personBId") DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons
     WHERE person_duplicate_pairs.status = 'OPEN'
    RETURNING (xmax = 0) AS created`;
  return rows.filter((row) => row.created).length;
}

/** What the ranking weighs of a person, as recorded; `hasDocuments: false` when they are known to hold none. */
export interface RecordedPersonFacts {
  names: string[];
  birthDate: Date | null;
  birthDatePrecision: DatePrecision;
  gender: Gender | null;
  hometownPlaceId: string | null;
  hasDocuments?: boolean;
}

async function duplicateFacts(tx: Tx, ctx: Ctx, personId: string): Promise<RecordedPersonFacts | null> {
  const person = await tx.person.findFirst({
    where: { ...personScope(ctx), id: personId, erasedAt: null },
    select: { gender: true, birthDate: true, birthDatePrecision: true, hometownPlaceId: true, names: { select: { value: true } } },
  });
  return person ? { ...person, names: person.names.map((name) => name.value) } : null;
}

/** Live people of the organisation holding a document whose number has the same keyed hash as one of this person's. */
async function peopleSharingDocumentHash(tx: Tx, ctx: Ctx, personId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ personId: string }[]>`
    SELECT DISTINCT other."personId"
      FROM person_documents own
      JOIN person_documents other ON other."organizationId" = own."organizationId" AND other."numberHash" = own."numberHash" AND other."personId" <> own."personId"
      JOIN people p ON p.id = other."personId" AND p."deletedAt" IS NULL AND p."mergedIntoId" IS NULL AND p."erasedAt" IS NULL
     WHERE own."personId" = ${personId}::uuid AND own."organizationId" = ${ctx.organizationId}::uuid
     LIMIT 50`;
  return rows.map((row) => row.personId);
}

/**
 * Open pairs counted up to this many: a scan of 300 000 bulk-loaded people finds tens of thousands, and
 * counting them all on every dashboard view took 23 ms of its 36 ms in the database. Past it the count
 * reads "1 000+".
 */
export const DUPLICATE_PAIRS_COUNTED = 1_000;

/**
 * The open pairs of two live records (neither merged, deleted nor erased), most likely first, with their
 * count (`countCapped` when there are more than `counted`); empty for roles that may not merge people.
 */
export async function findOpenDuplicatePairs(
  tx: Tx,
  ctx: Ctx,
  limit: number,
  counted = DUPLICATE_PAIRS_COUNTED,
): Promise<{ count: number; countCapped: boolean; items: DuplicatePairItem[] }> {
  if (!can(ctx, "people.merge")) return { count: 0, countCapped: false, items: [] };
  // One statement. The count: open pairs less those holding a record no longer live (few, from their
  // own index), one past the cap at most. The items: the first open pairs in offered order whose two
  // records are live (read from the front of the open pairs' index). The same pairs as joining every
  // open pair to its two people, which cost two lookups per pair.
  const found = await tx.$queryRaw<
    { total: number; id: string | null; aId: string; aName: string; aCreated: Date; bId: string; bName: string; bCreated: Date; score: number; detectedAt: Date }[]
  >`
    WITH not_live AS MATERIALIZED (
      SELECT p.id FROM people p
       WHERE p."organizationId" = ${ctx.organizationId}::uuid
         AND (p."deletedAt" IS NOT NULL OR p."mergedIntoId" IS NOT NULL OR p."erasedAt" IS NOT NULL)
    ), counted AS (
      SELECT count(*)::int AS total FROM (
        SELECT 1
          FROM person_duplicate_pairs d
         WHERE d."organizationId" = ${ctx.organizationId}::uuid AND d.status = 'OPEN'
           AND d."personAId" NOT IN (SELECT id FROM not_live) AND d."personBId" NOT IN (SELECT id FROM not_live)
         LIMIT ${counted + 1}
      ) open
    )
    SELECT counted.total, offered.*
      FROM counted
      LEFT JOIN LATERAL (
        SELECT d.id, a.id AS "aId", a."displayName" AS "aName", a."createdAt" AS "aCreated",
               b.id AS "bId", b."displayName" AS "bName", b."createdAt" AS "bCreated", d.score, d."detectedAt"
          FROM person_duplicate_pairs d
          JOIN people a ON a.id = d."personAId" AND a."deletedAt" IS NULL AND a."mergedIntoId" IS NULL AND a."erasedAt" IS NULL
          JOIN people b ON b.id = d."personBId" AND b."deletedAt" IS NULL AND b."mergedIntoId" IS NULL AND b."erasedAt" IS NULL
         WHERE counted.total > 0 AND d."organizationId" = ${ctx.organizationId}::uuid AND d.status = 'OPEN'
         ORDER BY d.score DESC, d."detectedAt" ASC, d.id
         LIMIT ${limit}
      ) offered ON true`;
  const total = found[0]?.total ?? 0;
  const rows = found.filter((row): row is typeof row & { id: string } => row.id !== null);
  return {
    count: Math.min(total, counted),
    countCapped: total > counted,
    items: rows.map((row) => {
      const a = { id: row.aId, displayName: row.aName };
      const b = { id: row.bId, displayName: row.bName };
      const [first, second] = row.aCreated.getTime() <= row.bCreated.getTime() ? [a, b] : [b, a];
      return { id: row.id, first, second, score: Number(row.score), detectedAt: row.detectedAt.toISOString(), href: `/people/${first.id}/merge?other=${second.id}` };
    }),
  };
}
