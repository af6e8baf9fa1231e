// Likely duplicates of existing people for a batch of rows, ranked as the duplicate hints rank them
// (lib/people/find-duplicate-candidates.ts weighDuplicate): the same transliteration-independent name key
// or a close spelling, moved by birth year, gender and hometown, and an identity document of the same
// kind and number (compared by its lookup hash) above everything. A few queries per batch, none per row.
import "server-only";
import { contactScope, type Ctx, personDocumentScope, personScope } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import type { Gender, IdentityDocumentKind } from "@/lib/generated/prisma/enums";
import { skeletonKey } from "@/lib/names/keys";
import { setNameMatchThresholds } from "@/lib/names/sql";
import { weighDuplicate, type DuplicateFacts, type DuplicateReason } from "@/lib/people/find-duplicate-candidates";

export interface ImportCandidate {
  id: string;
  displayName: string;
  birthYear: number | null;
  /** 0..1, higher is more likely the same person */
  score: number;
  reasons: DuplicateReason[];
}

export interface DuplicateQueryRow {
  row: number;
  names: string[];
  facts: DuplicateFacts;
  /** an identity document the row gives, as kind and lookup hash of its number */
  document: { kind: IdentityDocumentKind; hash: string } | null;
}

/** How many existing people a row's likely duplicates list at most (a common name matches thousands). */
export const MAX_CANDIDATES = 5;
/**
 * Recorded people ranked per name key. A name held by more people (a common name in a large
 * organisation) is ranked among the first POOL found: enough for an organisation's real namesakes, and it
 * keeps a batch's look-up to one index probe and at most POOL people per name.
 */
const POOL = 50;
/** Name keys whose holders are kept for the rest of the sheet (each at most POOL small records). */
const MAX_POOLS = 20_000;
/** The spelling-tolerant look-up costs milliseconds per name on a large organisation: at most this many names a sheet. */
export const MAX_SIMILAR_LOOKUPS = 2_000;
/** From this name similarity (0..1) on, a person is offered as a likely duplicate (the hints' "similar name" starts at 0.45). */
const SIMILAR_NAME_SCORE = 0.6;
const CHUNK = 5_000;

interface Recorded {
  id: string;
  displayName: string;
  facts: DuplicateFacts;
}

const personSelect = { id: true, displayName: true, birthDate: true, birthDatePrecision: true, gender: true, hometownPlaceId: true, hometownText: true } as const;
const alive = { deletedAt: null, mergedIntoId: null, erasedAt: null } as const;

function recorded(person: { id: string; displayName: string; birthDate: Date | null; birthDatePrecision: string; gender: Gender; hometownPlaceId: string | null; hometownText: string | null }): Recorded {
  const birthYear = person.birthDate && person.birthDatePrecision !== "UNKNOWN" ? person.birthDate.getUTCFullYear() : null;
  return { id: person.id, displayName: person.displayName, facts: { birthYear, gender: person.gender, hometownPlaceId: person.hometownPlaceId, hometownText: person.hometownText } };
}

/** What the look-ups of a sheet keep from batch to batch: the holders of each name key, and the similar-name budget. */
export interface DuplicateState {
  /** similar-name look-ups left for the sheet */
  similar: number;
  /** keys already looked up by similarity (a key is looked up once a sheet) */
  lookedUp: Set<string>;
  /** name key → at most POOL people holding it */
  pools: Map<string, Recorded[]>;
}

export const newDuplicateState = (): DuplicateState => ({ similar: MAX_SIMILAR_LOOKUPS, lookedUp: new Set(), pools: new Map() });

/** Row number → its candidates, best first; rows without any are left out. */
export async function findImportDuplicates(tx: Tx, ctx: Ctx, rows: DuplicateQueryRow[], state: DuplicateState): Promise<Map<number, ImportCandidate[]>> {
  const keysOf = new Map(rows.map((row) => [row.row, [...new Set(row.names.map(skeletonKey).filter((key) => key.length >= 2))]]));
  const allKeys = [...new Set([...keysOf.values()].flat())];

  // the same name key: the holders of each key of the batch, at most POOL of them, looked up once a sheet
  const byKey = new Map<string, Map<string, { person: Recorded; nameScore: number }>>();
  const add = (key: string, person: Recorded, nameScore: number) => {
    const list = byKey.get(key) ?? new Map<string, { person: Recorded; nameScore: number }>();
    const known = list.get(person.id);
    if (known) known.nameScore = Math.max(known.nameScore, nameScore);
    else list.set(person.id, { person, nameScore });
    byKey.set(key, list);
  };
  const unknownKeys = allKeys.filter((key) => !state.pools.has(key));
  for (let start = 0; start < unknownKeys.length; start += CHUNK) {
    const chunk = unknownKeys.slice(start, start + CHUNK);
    const found = await tx.$queryRaw<{ skeleton: string; id: string; displayName: string; birthDate: Date | null; birthDatePrecision: string; gender: Gender; hometownPlaceId: string | null; hometownText: string | null }[]>`
      SELECT q.skeleton, p.id, p."displayName", p."birthDate", p."birthDatePrecision"::text AS "birthDatePrecision", p.gender::text AS gender, p."hometownPlaceId", p."hometownText"
        FROM unnest(${chunk}::text[]) AS q(skeleton)
        CROSS JOIN LATERAL (
          SELECT DISTINCT person.id, person."displayName", person."birthDate", person."birthDatePrecision", person.gender, person."hometownPlaceId", person."hometownText"
            FROM (SELECT n."personId" FROM person_names n WHERE n."organizationId" = ${ctx.organizationId}::uuid AND n.skeleton = q.skeleton LIMIT ${POOL * 2}::int) AS n
            JOIN people person ON person.id = n."personId"
           WHERE person."deletedAt" IS NULL AND person."mergedIntoId" IS NULL AND person."erasedAt" IS NULL
           LIMIT ${POOL}::int
        ) AS p`;
    const pools = new Map<string, Recorded[]>(chunk.map((key) => [key, []]));
    for (const person of found) pools.get(person.skeleton)?.push(recorded(person));
    for (const [key, pool] of pools) if (state.pools.size < MAX_POOLS) state.pools.set(key, pool);
    for (const [key, pool] of pools) for (const person of pool) add(key, person, 1);
  }
  for (const key of allKeys) for (const person of state.pools.get(key) ?? []) add(key, person, 1);

  // names with no one of the same key: the spelling-tolerant match of the duplicate hints
  // (Dauletbek / Dauletbekuly, a letter off), for many names in one query
  const wanted = allKeys.filter((key) => !byKey.has(key) && !state.lookedUp.has(key) && key.length >= 4).slice(0, Math.max(0, state.similar));
  state.similar -= wanted.length;
  for (const key of wanted) state.lookedUp.add(key);
  if (wanted.length) {
    await setNameMatchThresholds(tx);
    const matches = await tx.$queryRaw<{ skeleton: string; personId: string; score: number }[]>`
      SELECT skeleton, "personId", score FROM app_duplicate_people_by_key(${wanted}::text[], ${MAX_CANDIDATES}::int) WHERE score >= ${SIMILAR_NAME_SCORE}`;
    if (matches.length) {
      const people = await tx.person.findMany({ where: { ...personScope(ctx), id: { in: [...new Set(matches.map((match) => match.personId))] }, ...alive }, select: personSelect });
      const byId = new Map(people.map((person) => [person.id, recorded(person)]));
      for (const match of matches) {
        const person = byId.get(match.personId);
        if (person) add(match.skeleton, person, Number(match.score));
      }
    }
  }

  // the same identity document: kind and number, whatever the spelling of the name; only people whose
  // documents the member may see (the rule of the person pages)
  const hashes = [...new Set(rows.flatMap((row) => (row.document ? [row.document.hash] : [])))];
  const byDocument = new Map<string, Recorded[]>();
  for (let start = 0; start < hashes.length; start += CHUNK) {
    const documents = await tx.personDocument.findMany({
      where: { ...personDocumentScope(ctx), numberHash: { in: hashes.slice(start, start + CHUNK) }, person: { AND: [contactScope(ctx), alive] } },
      select: { kind: true, numberHash: true, person: { select: personSelect } },
    });
    for (const document of documents) {
      const key = `${document.kind}\u0000${document.numberHash}`;
      byDocument.set(key, [...(byDocument.get(key) ?? []), recorded(document.person)]);
    }
  }

  const result = new Map<number, ImportCandidate[]>();
  for (const row of rows) {
    const found = new Map<string, { person: Recorded; nameScore: number; sameDocument: boolean }>();
    for (const key of keysOf.get(row.row) ?? []) {
      for (const { person, nameScore } of byKey.get(key)?.values() ?? []) {
        const known = found.get(person.id);
        if (!known || known.nameScore < nameScore) found.set(person.id, { person, nameScore, sameDocument: false });
      }
    }
    for (const person of row.document ? (byDocument.get(`${row.document.kind}\u0000${row.document.hash}`) ?? []) : []) {
      const known = found.get(person.id);
      found.set(person.id, { person, nameScore: known?.nameScore ?? 0, sameDocument: true });
    }
    if (found.size === 0) continue;
    const ranked = [...found.values()]
      .map(({ person, nameScore, sameDocument }): ImportCandidate & { nameScore: number } => {
        const weighed = weighDuplicate(row.facts, person.facts, nameScore);
        return {
          id: person.id,
          displayName: person.displayName,
          birthYear: person.facts.birthYear,
          // a shared number outweighs any name, date or place evidence
          score: sameDocument ? 1 : Math.round(Math.min(1, Math.max(0, weighed.score)) * 100) / 100,
          reasons: sameDocument ? ["sameDocument", ...weighed.reasons] : weighed.reasons,
          nameScore,
        };
      })
      .sort((a, b) => Number(b.reasons[0] === "sameDocument") - Number(a.reasons[0] === "sameDocument") || b.score - a.score || b.nameScore - a.nameScore || a.id.localeCompare(b.id))
      .slice(0, MAX_CANDIDATES)
      .map(({ nameScore: _nameScore, ...candidate }) => candidate);
    result.set(row.row, ranked);
  }
  return result;
}
