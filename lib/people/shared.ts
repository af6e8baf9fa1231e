// Pieces every people service shares: the visible shape of a person, name rows, the contact-details rule.
import "server-only";
import { contactScope, type Ctx } from "@/lib/authz";
import { decryptField, decryptJson } from "@/lib/crypto";
import { personContactContext, personNotesContext } from "@/lib/crypto-contexts";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DatePrecision, Gender, NameKind, NameScript } from "@/lib/generated/prisma/enums";
import { nameKeys } from "@/lib/names/keys";
import { toDocumentView, type PersonDocumentRow, type PersonDocumentView } from "./documents";
import type { PersonContact, PersonNameInput } from "@/lib/validations/person";
import type { PlaceOption } from "@/lib/places/find-places";

/** A person's hometown as the gazetteer names it. */
export type PlaceView = Omit<PlaceOption, "divisionCode" | "parentName">;

export interface PersonNameView {
  id: string;
  value: string;
  script: NameScript;
  kind: NameKind;
  isPrimary: boolean;
}

export interface PersonView {
  id: string;
  displayName: string;
  names: PersonNameView[];
  gender: Gender;
  /** first day of the period, "YYYY-MM-DD" */
  birthDate: string | null;
  birthDatePrecision: DatePrecision;
  deathDate: string | null;
  deathDatePrecision: DatePrecision;
  ethnicity: string | null;
  citizenships: string[];
  hometownPlaceId: string | null;
  hometownText: string | null;
  hometown: PlaceView | null;
  /** null when empty or when the acting user may not see it (see contactVisible) */
  contact: PersonContact | null;
  notes: string | null;
  contactVisible: boolean;
  /** identity documents: numbers in full when contactVisible, otherwise only their last four characters */
  documents: PersonDocumentView[];
  /** other people holding one of these numbers, filled only where a page asks (getPerson) */
  documentMatches: { id: string; displayName: string }[];
  /** whether the person has a portrait the viewer may see (GET /api/v1/people/{id}/portrait) */
  hasPortrait: boolean;
  createdById: string | null;
  mergedIntoId: string | null;
  /** set when the person was erased on a family's request: the record is a tombstone */
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

export const personInclude = {
  names: { orderBy: [{ isPrimary: "desc" }, { position: "asc" }] },
  hometown: true,
  documents: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  portraits: { where: { deletedAt: null }, select: { id: true } },
} satisfies Prisma.PersonInclude;

interface PersonRow {
  id: string;
  displayName: string;
  gender: Gender;
  birthDate: Date | null;
  birthDatePrecision: DatePrecision;
  deathDate: Date | null;
  deathDatePrecision: DatePrecision;
  ethnicity: string | null;
  citizenships: string[];
  hometownPlaceId: string | null;
  hometownText: string | null;
  contactEnc: string | null;
  notesEnc: string | null;
  createdById: string | null;
  mergedIntoId: string | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
  names: { id: string; value: string; script: NameScript; kind: NameKind; isPrimary: boolean }[];
  hometown: PlaceView | null;
  documents?: PersonDocumentRow[];
  portraits?: { id: string }[];
}

export const isoDate = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

/** The person as the acting user may see it; decrypts the sensitive fields only when `withSensitive`. */
export function toPersonView(row: PersonRow, withSensitive: boolean): PersonView {
  return {
    id: row.id,
    displayName: row.displayName,
    names: row.names.map(({ id, value, script, kind, isPrimary }) => ({ id, value, script, kind, isPrimary })),
    gender: row.gender,
    birthDate: isoDate(row.birthDate),
    birthDatePrecision: row.birthDatePrecision,
    deathDate: isoDate(row.deathDate),
    deathDatePrecision: row.deathDatePrecision,
    ethnicity: row.ethnicity,
    citizenships: row.citizenships,
    hometownPlaceId: row.hometownPlaceId,
    hometownText: row.hometownText,
    hometown: row.hometown
      ? {
          id: row.hometown.id,
          code: row.hometown.code,
          kind: row.hometown.kind,
          country: row.hometown.country,
          nameEn: row.hometown.nameEn,
          nameKk: row.hometown.nameKk,
          nameRu: row.hometown.nameRu,
          nameZh: row.hometown.nameZh,
        }
      : null,
    contact: withSensitive ? decryptJson<PersonContact>(row.contactEnc, personContactContext(row.id)) : null,
    notes: withSensitive ? decryptField(row.notesEnc, personNotesContext(row.id)) : null,
    contactVisible: withSensitive,
    documents: (row.documents ?? []).map((document) => toDocumentView(document, withSensitive)),
    documentMatches: [],
    hasPortrait: withSensitive && (row.portraits?.length ?? 0) > 0,
    createdById: row.createdById,
    mergedIntoId: row.mergedIntoId,
    erasedAt: row.erasedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** PersonName rows for a list of typed names: script and search keys computed here, the first name primary. */
export function nameRows(organizationId: string, personId: string, names: PersonNameInput[]) {
  return names.map((name, position) => {
    const keys = nameKeys(name.value.trim());
    return {
      organizationId,
      personId,
      value: name.value.trim(),
      kind: name.kind ?? "LEGAL",
      script: keys.script,
      normalized: keys.normalized,
      skeleton: keys.skeleton,
      isPrimary: position === 0,
      position,
    };
  });
}

/** A contact with no filled field is stored as nothing at all. */
export function emptyContact(contact: PersonContact | null | undefined): boolean {
  return !contact || (!contact.phone && !contact.messenger && !contact.address);
}

/** Whether this context may see the person's contact details (and notes): the rule is `contactScope` in lib/authz. */
export async function canSeeContacts(tx: Tx, ctx: Ctx, personId: string): Promise<boolean> {
  return (await tx.person.count({ where: { AND: [{ id: personId }, contactScope(ctx)] } })) > 0;
}
