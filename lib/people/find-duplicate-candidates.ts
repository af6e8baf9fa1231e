// Likely existing records of the person being entered: candidates by the transliteration-independent
// name skeleton (lib/names/sql.ts), then ranked here with birth year, gender, hometown and relatives' names.
import "server-only";
import { authorize, personScope, type Ctx } from "@/lib/authz";
import { withTenant, type Tx } from "@/lib/db";
import type { DatePrecision, Gender } from "@/lib/generated/prisma/enums";
import { skeletonKey } from "@/lib/names/keys";
import { duplicateCandidateIdsSql, setNameMatchThresholds } from "@/lib/names/sql";
import { duplicateQuerySchema, parseUncertainDate, type DuplicateQuery, type DuplicateQueryInput } from "@/lib/validations/person";
import { peopleWithDocumentNumbers } from "./documents";
import { isoDate, type PlaceView } from "./shared";
import { parseInput } from "@/lib/service-kit";

export type DuplicateReason =
  | "sameDocument"
  | "sameName"
  | "similarName"
  | "sameBirthYear"
  | "closeBirthYear"
  | "differentBirthYear"
  | "sameGender"
  | "differentGender"
  | "sameHometown"
  | "sharedRelative";

export interface DuplicateCandidate {
  id: string;
  displayName: string;
  otherNames: string[];
  gender: Gender;
  birthDate: string | null;
  birthDatePrecision: DatePrecision;
  hometown: PlaceView | null;
  hometownText: string | null;
  /** 0..1, higher is more likely the same person */
  score: number;
  nameScore: number;
  reasons: DuplicateReason[];
}

/** Below this name similarity a record is not shown at all, whatever else matches. */
const MIN_NAME_SCORE = 0.45;
const MAX_CANDIDATES = 10;

/** What is known of a person for comparing: the entered one or a recorded one. */
export interface DuplicateFacts {
  birthYear: number | null;
  gender?: Gender | null;
  hometownPlaceId?: string | null;
  /** a hometown not matched to the gazetteer, compared by its transliteration-independent key */
  hometownText?: string | null;
}

/**
 * A name match's score moved by birth year, gender and hometown, with the reasons: the one weighing of
 * the duplicate hints, also used by the spreadsheet import.
 */
export function weighDuplicate(query: DuplicateFacts, person: DuplicateFacts, nameScore: number): { score: number; reasons: DuplicateReason[] } {
  const reasons: DuplicateReason[] = [];
  if (nameScore >= MIN_NAME_SCORE) reasons.push(nameScore >= 0.99 ? "sameName" : "similarName");
  let score = nameScore * 0.6;
  if (query.birthYear !== null && person.birthYear !== null) {
    const gap = Math.abs(query.birthYear - person.birthYear);
    if (gap === 0) {
      score += 0.15;
      reasons.push("sameBirthYear");
    } else if (gap <= 2) {
      score += 0.05;
      reasons.push("closeBirthYear");
    } else {
      score -= 0.15;
      reasons.push("differentBirthYear");
    }
  }
  if (query.gender && query.gender !== "UNKNOWN" && person.gender && person.gender !== "UNKNOWN") {
    if (query.gender === person.gender) {
      score += 0.05;
      reasons.push("sameGender");
    } else {
      score -= 0.2;
      reasons.push("differentGender");
    }
  }
  const sameText = Boolean(query.hometownText && person.hometownText && skeletonKey(query.hometownText) === skeletonKey(person.hometownText));
  if ((query.hometownPlaceId && query.hometownPlaceId === person.hometownPlaceId) || sameText) {
    score += 0.1;
    reasons.push("sameHometown");
  }
  return { score, reasons };
}

export async function findDuplicateCandidates(ctx: Ctx, input: DuplicateQueryInput): Promise<DuplicateCandidate[]> {
  authorize(ctx, "people.read");
  const query = parseInput(duplicateQuerySchema, input);
  return withTenant(ctx, (tx) => rankDuplicateCandidates(tx, ctx, query));
}

/** The ranking itself, inside a caller's transaction (also used to record likely pairs as people are written). */
export async function rankDuplicateCandidates(tx: Tx, ctx: Ctx, query: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const skeletons = [...new Set(query.names.map(skeletonKey).filter((s) => s.length >= 2))];
  if (skeletons.length === 0 && query.documentNumbers.length === 0) return [];
  const relativeSkeletons = new Set(query.relativeNames.map(skeletonKey).filter(Boolean));
  const birth = parseUncertainDate(query.birthDate, query.birthDatePrecision);
  const birthYear = birth ? birth.getUTCFullYear() : null;

  await setNameMatchThresholds(tx);
  const matches = skeletons.length
    ? await tx.$queryRaw<{ personId: string; score: number }[]>(duplicateCandidateIdsSql(skeletons, 50, ctx.organizationId))
    : [];
  const nameScores = new Map(matches.filter((m) => Number(m.score) >= MIN_NAME_SCORE).map((m) => [m.personId, Number(m.score)]));
  // the same identity number is the strongest signal, whatever the spelling of the name
  const sameDocument = await peopleWithDocumentNumbers(tx, ctx, query.documentNumbers);
  for (const id of sameDocument.keys()) if (!nameScores.has(id)) nameScores.set(id, 0);
  if (query.excludePersonId) nameScores.delete(query.excludePersonId);
  if (nameScores.size === 0) return [];

  const people = await tx.person.findMany({
    where: { ...personScope(ctx), id: { in: [...nameScores.keys()] } },
    include: { names: { orderBy: [{ isPrimary: "desc" }, { position: "asc" }] }, hometown: true },
  });
  // the relatives' names are read only when the new record names relatives (creating a case does not)
  const relativesOf = relativeSkeletons.size > 0 ? await relativeSkeletonsOf(tx, ctx, people.map((person) => person.id)) : new Map<string, string[]>();

  const candidates = people.map((person): DuplicateCandidate => {
    const nameScore = nameScores.get(person.id) ?? 0;
    const reasons: DuplicateReason[] = [];
    if (sameDocument.has(person.id)) reasons.push("sameDocument");
    const theirYear = person.birthDate && person.birthDatePrecision !== "UNKNOWN" ? person.birthDate.getUTCFullYear() : null;
    const weighed = weighDuplicate({ birthYear, gender: query.gender, hometownPlaceId: query.hometownPlaceId }, { birthYear: theirYear, gender: person.gender, hometownPlaceId: person.hometownPlaceId }, nameScore);
    reasons.push(...weighed.reasons);
    let score = weighed.score;
    if (relativeSkeletons.size > 0) {
      if ((relativesOf.get(person.id) ?? []).some((key) => relativeSkeletons.has(key))) {
        score += 0.15;
        reasons.push("sharedRelative");
      }
    }
    return {
      id: person.id,
      displayName: person.displayName,
      otherNames: person.names.filter((n) => !n.isPrimary).map((n) => n.value),
      gender: person.gender,
      birthDate: isoDate(person.birthDate),
      birthDatePrecision: person.birthDatePrecision,
      hometown: person.hometown,
      hometownText: person.hometownText,
      // a shared number outweighs any name, date or place evidence
      score: sameDocument.has(person.id) ? 1 : Math.round(Math.min(1, Math.max(0, score)) * 100) / 100,
      nameScore: Math.round(nameScore * 100) / 100,
      reasons,
    };
  });
  const documentFirst = (c: DuplicateCandidate) => (c.reasons.includes("sameDocument") ? 1 : 0);
  return candidates
    .sort((a, b) => documentFirst(b) - documentFirst(a) || b.score - a.score || b.nameScore - a.nameScore)
    .slice(0, MAX_CANDIDATES);
}

/** Name keys of each person's relatives: the contacts of the cases about them, and the subjects of the cases they are a contact on. */
async function relativeSkeletonsOf(tx: Tx, ctx: Ctx, ids: string[]): Promise<Map<string, string[]>> {
  const people = await tx.person.findMany({
    where: { ...personScope(ctx), id: { in: ids } },
    select: {
      id: true,
      subjectOf: { where: { deletedAt: null }, select: { contacts: { select: { person: { select: { names: { select: { skeleton: true } } } } } } } },
      contactFor: {
        where: { case: { deletedAt: null } },
        select: { case: { select: { subject: { select: { names: { select: { skeleton: true } } } } } } },
      },
    },
  });
  return new Map(
    people.map((person) => [
      person.id,
      [
        ...person.subjectOf.flatMap((c) => c.contacts.flatMap((contact) => contact.person.names.map((n) => n.skeleton))),
        ...person.contactFor.flatMap((c) => c.case.subject.names.map((n) => n.skeleton)),
      ],
    ]),
  );
}
