// Identity documents of a person: encrypted numbers with a keyed look-up hash, their visible shape
// (in full only for those who may see the person's contact details, otherwise the last four characters),
// writing a person's list of documents, and finding people by a number.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Ctx } from "@/lib/authz";
import { decryptField, encryptField, lookupHash } from "@/lib/crypto";
import { personDocumentNoteContext, personDocumentNumberContext } from "@/lib/crypto-contexts";
import type { Tx } from "@/lib/db";
import type { IdentityDocumentKind } from "@/lib/generated/prisma/enums";
import { checkDocumentNumber, DEFAULT_ISSUING_COUNTRY, maskDocumentNumber, normaliseDocumentNumber } from "@/lib/identity-documents/numbers";
import type { PersonDocumentData } from "@/lib/validations/person";
import { canSeeContacts } from "./shared";
import { personDocumentScope } from "@/lib/authz";

export interface PersonDocumentView {
  id: string;
  kind: IdentityDocumentKind;
  /** the full number; null when the viewer may not see it (see `masked`) */
  number: string | null;
  /** the last four characters, for everyone who may see the person */
  masked: string;
  issuingCountry: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string | null;
  /** the number failed its check and was kept as written on purpose */
  checkOverridden: boolean;
}

export interface PersonDocumentRow {
  id: string;
  kind: IdentityDocumentKind;
  numberEnc: string;
  issuingCountry: string | null;
  issuedOn: Date | null;
  expiresOn: Date | null;
  noteEnc: string | null;
  checkOverridden: boolean;
}

export const documentOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** One number, one hash, whatever its kind and however it was typed. */
export const documentNumberHash = (number: string) => lookupHash(normaliseDocumentNumber(number), "document");

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export function toDocumentView(row: PersonDocumentRow, full: boolean): PersonDocumentView {
  // decrypted even for the masked view: the last four characters are all that leaves the server then
  const number = decryptField(row.numberEnc, personDocumentNumberContext(row.id)) ?? "";
  return {
    id: row.id,
    kind: row.kind,
    number: full ? number : null,
    masked: maskDocumentNumber(number),
    issuingCountry: row.issuingCountry,
    issuedOn: day(row.issuedOn),
    expiresOn: day(row.expiresOn),
    note: full ? decryptField(row.noteEnc, personDocumentNoteContext(row.id)) : null,
    checkOverridden: row.checkOverridden,
  };
}

/** The stored columns of a document (also the spreadsheet import's, which inserts many at once). */
export function documentColumns(id: string, input: PersonDocumentData) {
  const normalized = normaliseDocumentNumber(input.number);
  return {
    kind: input.kind,
    numberEnc: encryptField(normalized, personDocumentNumberContext(id)) ?? "",
    numberHash: lookupHash(normalized, "document"),
    issuingCountry: input.issuingCountry ?? DEFAULT_ISSUING_COUNTRY[input.kind],
    issuedOn: input.issuedOn ? new Date(`${input.issuedOn}T00:00:00Z`) : null,
    expiresOn: input.expiresOn ? new Date(`${input.expiresOn}T00:00:00Z`) : null,
    noteEnc: encryptField(input.note, personDocumentNoteContext(id)),
    // only a number that really fails is marked; a ticked box on a valid number changes nothing
    checkOverridden: !checkDocumentNumber(input.kind, normalized).valid,
  };
}

/** The comparable content of a document, to tell an unchanged one from an edited one. */
function fingerprint(view: Omit<PersonDocumentView, "id" | "masked" | "checkOverridden">): string {
  return JSON.stringify([view.kind, normaliseDocumentNumber(view.number ?? ""), view.issuingCountry, view.issuedOn, view.expiresOn, view.note ?? null]);
}

/**
 * Makes the person's documents what `input` lists: listed ids are updated, new ones added, the rest
 * removed. Returns whether anything changed. The caller has checked that the actor may see documents.
 */
export async function writeDocuments(tx: Tx, ctx: Ctx, personId: string, input: PersonDocumentData[]): Promise<boolean> {
  const existing = await tx.personDocument.findMany({ where: { personId }, orderBy: documentOrder });
  const current = new Map(existing.map((row) => [row.id, toDocumentView(row, true)]));
  let changed = false;
  const kept = new Set<string>();
  for (const document of input) {
    const before = document.id ? current.get(document.id) : undefined;
    if (before) {
      kept.add(before.id);
      const next = { ...document, issuingCountry: document.issuingCountry ?? DEFAULT_ISSUING_COUNTRY[document.kind] };
      if (fingerprint(before) === fingerprint(next)) continue;
      await tx.personDocument.update({ where: { id: before.id }, data: documentColumns(before.id, document) });
    } else {
      const id = randomUUID();
      await tx.personDocument.create({ data: { id, organizationId: ctx.organizationId, personId, ...documentColumns(id, document) } });
    }
    changed = true;
  }
  const removed = existing.filter((row) => !kept.has(row.id)).map((row) => row.id);
  if (removed.length) {
    await tx.personDocument.deleteMany({ where: { id: { in: removed }, personId } });
    changed = true;
  }
  return changed;
}

/** A search text that could be a whole identity number: six or more letters and digits, at least four digits. */
export function looksLikeDocumentNumber(text: string): boolean {
  const normalized = normaliseDocumentNumber(text);
  return /^[\p{L}\p{N}]{6,30}$/u.test(normalized) && (normalized.match(/\d/g)?.length ?? 0) >= 4;
}

/**
 * People of the organisation holding one of these numbers, each with the kinds that matched, limited to
 * those whose documents the actor may see: nobody learns by typing a number who holds it unless they
 * could read that person's documents anyway.
 */
export async function peopleWithDocumentNumbers(tx: Tx, ctx: Ctx, numbers: string[]): Promise<Map<string, IdentityDocumentKind[]>> {
  const hashes = [...new Set(numbers.filter(looksLikeDocumentNumber).map(documentNumberHash))];
  if (hashes.length === 0) return new Map();
  const rows = await tx.personDocument.findMany({
    where: { ...personDocumentScope(ctx), numberHash: { in: hashes } },
    select: { personId: true, kind: true },
    take: 50,
  });
  const found = new Map<string, IdentityDocumentKind[]>();
  for (const row of rows) found.set(row.personId, [...(found.get(row.personId) ?? []), row.kind]);
  for (const personId of [...found.keys()]) if (!(await canSeeContacts(tx, ctx, personId))) found.delete(personId);
  return found;
}

/** Other people holding one of this person's numbers (the strongest duplicate signal), for one who may see them. */
export async function peopleSharingDocuments(tx: Tx, ctx: Ctx, personId: string): Promise<{ id: string; displayName: string }[]> {
  const own = await tx.personDocument.findMany({ where: { personId }, select: { numberHash: true } });
  if (own.length === 0) return [];
  const rows = await tx.personDocument.findMany({
    where: {
      ...personDocumentScope(ctx),
      numberHash: { in: own.map((d) => d.numberHash) },
      personId: { not: personId },
    },
    select: { person: { select: { id: true, displayName: true } } },
    take: 20,
  });
  const people = [...new Map(rows.map((row) => [row.person.id, row.person])).values()];
  const visible = [];
  for (const person of people) if (await canSeeContacts(tx, ctx, person.id)) visible.push(person);
  return visible;
}
