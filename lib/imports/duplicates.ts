// Likely duplicates of existing people for a batch of rows, ranked as the duplicate hints rank them
// (lib/people/find-duplicate-candidates.ts weighDuplicate): the same transliteration-independent name key
// or a close spelling, moved by birth year, gender and hometown, and an identity document of the same
// kind and number (compared by its lookup hash) above everything. A few queries per batch, none per row.
import "server-only";
import { contactScope, type Ctx } from "@/lib/authz";
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
/** Recorded people looked at per name key before ranking. */
const PER_KEY = 20;
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

/** Row number → its candidates, best first; rows without any are left out. `budget` counts down the similar-name look-ups left for the sheet. */
export async function findImportDuplicates(tx: Tx, ctx: Ctx, rows: DuplicateQueryRow[], budget: { similar: number }): Promise<Map<number, ImportCandidate[]>> {
  const keysOf = new Map(rows.map((row) => [row.row, [...new Set(row.names.map(skeletonKey).filter((key) => key.length >= 2))]]));
  const allKeys = [...new Set([...keysOf.values()].flat())];

  // the same name key
  const byKey = new Map<string, Map<string, { person: Recorded; nameScore: number }>>();
  const add = (key: string, person: Recorded, nameScore: number) => {
    const list = byKey.get(key) ?? new Map<string, { person: Recorded; nameScore: number }>();
    const known = list.get(person.id);
    if (known) known.nameScore = Math.max(known.nameScore, nameScore);
    else if (list.size < PER_KEY) list.set(person.id, { person, nameScore });
    byKey.set(key, list);
  };
  for (let start = 0; start < allKeys.length; start += CHUNK) {
    const names = await tx.personName.findMany({
      where: { organizationId: ctx.organizationId, skeleton: { in: allKeys.slice(start, start + CHUNK) }, person: alive },
      select: { skeleton: true, person: { select: personSelect } },
    });
    for (const name of names) add(name.skeleton, recorded(name.person), 1);
  }

  // names with no one of the same key: the spelling-tolerant match of the duplicate hints
  // (Dauletbek / Dauletbekuly, a letter off), for many names in one query
  const wanted = allKeys.filter((key) => !byKey.has(key) && key.length >= 4).slice(0, Math.max(0, budget.similar));
  budget.similar -= wanted.length;
  if (wanted.length) {
    await setNameMatchThresholds(tx);
    const matches = await tx.$queryRaw<{ skeleton: string; personId: string; score: number }[]>`
      SELECT skeleton, "personId", score FROM app_duplicate_people_by_key(${wanted}::text[], ${MAX_CANDIDATES}::int) WHERE score >= ${SIMILAR_NAME_SCORE}`;
    if (matches.length) {
      const people = await tx.person.findMany({ where: { organizationId: ctx.organizationId, id: { in: [...new Set(matches.map((match) => match.personId))] }, ...alive }, select: personSelect });
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
      where: { organizationId: ctx.organizationId, numberHash: { in: hashes.slice(start, start + CHUNK) }, person: { AND: [contactScope(ctx), alive] } },
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
