// Likely duplicate people, kept as pairs: recorded whenever a person is created or their names change,
// by the same ranking the person form shows (rankDuplicateCandidates), and listed for coordinators in
// "what needs doing today" until someone merges the two or reviews them as not the same person.
import "server-only";
import { can, type Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
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

/** Records the likely duplicates of a person just written (new pairs open; a reviewed pair keeps its decision). */
export async function recordDuplicatePairs(tx: Tx, ctx: Ctx, personId: string): Promise<void> {
  const person = await tx.person.findFirst({
    where: { id: personId, organizationId: ctx.organizationId, deletedAt: null, mergedIntoId: null, erasedAt: null },
    select: { gender: true, birthDate: true, birthDatePrecision: true, hometownPlaceId: true, names: { select: { value: true } } },
  });
  if (!person) return;
  const candidates = await rankDuplicateCandidates(tx, ctx, {
    names: person.names.map((name) => name.value),
    birthDate: isoDate(person.birthDate),
    birthDatePrecision: person.birthDatePrecision,
    gender: person.gender,
    hometownPlaceId: person.hometownPlaceId,
    relativeNames: [],
    documentNumbers: [],
    excludePersonId: personId,
  });
  for (const candidate of candidates) {
    if (candidate.score < LIKELY_DUPLICATE_SCORE) continue;
    const [personAId, personBId] = personId < candidate.id ? [personId, candidate.id] : [candidate.id, personId];
    await tx.personDuplicatePair.upsert({
      where: { organizationId_personAId_personBId: { organizationId: ctx.organizationId, personAId, personBId } },
      create: { organizationId: ctx.organizationId, personAId, personBId, score: candidate.score, reasons: candidate.reasons },
      update: { score: candidate.score, reasons: candidate.reasons },
    });
  }
}

/**
 * The open pairs of two live records (neither merged, deleted nor erased), most likely first, with their
 * count; empty for roles that may not merge people.
 */
export async function findOpenDuplicatePairs(tx: Tx, ctx: Ctx, limit: number): Promise<{ count: number; items: DuplicatePairItem[] }> {
  if (!can(ctx, "people.merge")) return { count: 0, items: [] };
  const rows = await tx.$queryRaw<
    { id: string; total: number; aId: string; aName: string; aCreated: Date; bId: string; bName: string; bCreated: Date; score: number; detectedAt: Date }[]
  >`
    SELECT d.id, count(*) OVER ()::int AS total, a.id AS "aId", a."displayName" AS "aName", a."createdAt" AS "aCreated",
           b.id AS "bId", b."displayName" AS "bName", b."createdAt" AS "bCreated", d.score, d."detectedAt"
      FROM person_duplicate_pairs d
      JOIN people a ON a.id = d."personAId" AND a."deletedAt" IS NULL AND a."mergedIntoId" IS NULL AND a."erasedAt" IS NULL
      JOIN people b ON b.id = d."personBId" AND b."deletedAt" IS NULL AND b."mergedIntoId" IS NULL AND b."erasedAt" IS NULL
     WHERE d."organizationId" = ${ctx.organizationId}::uuid AND d.status = 'OPEN'
     ORDER BY d.score DESC, d."detectedAt" ASC, d.id
     LIMIT ${limit}`;
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((row) => {
      const a = { id: row.aId, displayName: row.aName };
      const b = { id: row.bId, displayName: row.bName };
      const [first, second] = row.aCreated.getTime() <= row.bCreated.getTime() ? [a, b] : [b, a];
      return { id: row.id, first, second, score: Number(row.score), detectedAt: row.detectedAt.toISOString(), href: `/people/${first.id}/merge?other=${second.id}` };
    }),
  };
}
