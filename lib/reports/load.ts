// Loads case records and police actions in the shape the disclosure projection takes (lib/disclosure).
// Free text is decrypted only for records the reader will see in full; the projection never gets a
// chance to leak what was never loaded.
import "server-only";
import { decryptField, decryptJson } from "@/lib/crypto";
import {
  advocacyDescriptionContext,
  advocacyResponseContext,
  caseSummaryContext,
  eventDescriptionContext,
  personContactContext,
  policeDescriptionContext,
  sourceDescriptionContext,
} from "@/lib/crypto-contexts";
import { oneAtATime, type Tx } from "@/lib/db";
import { visibilityFor, type CaseRecord, type PoliceActionRecord, type Reader } from "@/lib/disclosure";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/config";
import { placeName } from "@/lib/places/place-name";

interface PlaceRow {
  id: string;
  kind: string;
  country: string;
  parentId: string | null;
  nameEn: string;
  nameKk: string | null;
  nameRu: string | null;
}

export interface Gazetteer {
  name(id: string | null): string | null;
  /**
   * The region-level unit a place lies in, never anything finer: a Xinjiang prefecture or prefecture-level
   * city; in Kazakhstan (and elsewhere) the unit directly under the country, an oblast or a city of
   * republican significance (Almaty, Astana), so a town such as Konaev reads as its oblast.
   */
  prefecture(id: string | null): string | null;
}

const COARSE = new Set(["PREFECTURE", "AUTONOMOUS_PREFECTURE", "REGION"]);

export async function loadGazetteer(tx: Tx, locale: Locale): Promise<Gazetteer> {
  const rows: PlaceRow[] = await tx.place.findMany({ select: { id: true, kind: true, country: true, parentId: true, nameEn: true, nameKk: true, nameRu: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    name: (id) => {
      const place = id ? byId.get(id) : undefined;
      return place ? placeName(place, locale) : null;
    },
    prefecture: (id) => {
      let place = id ? byId.get(id) : undefined;
      if (place && place.country !== "CN") {
        for (let depth = 0; place && depth < 6; depth += 1) {
          const parent: PlaceRow | undefined = place.parentId ? byId.get(place.parentId) : undefined;
          if (place.kind !== "COUNTRY" && parent?.kind === "COUNTRY") return placeName(place, locale);
          place = parent;
        }
        return null;
      }
      for (let depth = 0; place && depth < 6; depth += 1) {
        const parent = place.parentId ? byId.get(place.parentId) : undefined;
        // a prefecture-level city (Ürümqi, Karamay) stands directly under the region
        if (COARSE.has(place.kind) || (place.kind === "CITY" && parent?.kind === "REGION")) return placeName(place, locale);
        place = parent;
      }
      return null;
    },
  };
}

const money = (value: { toString(): string } | null) => (value === null ? null : Number(value.toString()));

const caseInclude = {
  subject: {
    select: {
      id: true,
      displayName: true,
      gender: true,
      birthDate: true,
      birthDatePrecision: true,
      hometownPlaceId: true,
      hometownText: true,
      citizenships: true,
      ethnicity: true,
      names: { select: { value: true, script: true }, orderBy: [{ isPrimary: "desc" }, { position: "asc" }] },
    },
  },
} satisfies Prisma.CaseInclude;

/**
 * Loads the cases matching `where` as records. Sub-records (timeline, contacts, advocacy, sources,
 * police actions) are loaded only when `detail` is set (dossiers); summaries and statistics need the
 * case row and its subject.
 */
export async function loadCaseRecords(
  tx: Tx,
  reader: Reader,
  where: Prisma.CaseWhereInput,
  options: { locale: Locale; gazetteer: Gazetteer; detail?: boolean; contactsVisible?: (caseRow: { id: string }) => boolean; take?: number },
): Promise<CaseRecord[]> {
  const cases = await tx.case.findMany({ where, include: caseInclude, orderBy: { reference: "asc" }, take: options.take });
  if (cases.length === 0) return [];
  const ids = cases.map((row) => row.id);
  const detail = Boolean(options.detail);
  const [contacts, events, advocacy, links, policeActions] = detail
    ? await oneAtATime([
        () => tx.caseContact.findMany({
          where: { caseId: { in: ids } },
          orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
          select: { caseId: true, personId: true, relationship: true, person: { select: { displayName: true, contactEnc: true } } },
        }),
        () => tx.caseEvent.findMany({ where: { caseId: { in: ids }, deletedAt: null }, orderBy: [{ date: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] }),
        () => tx.advocacyAction.findMany({ where: { caseId: { in: ids }, deletedAt: null }, orderBy: { date: "asc" } }),
        () => tx.sourceLink.findMany({
          where: { OR: [{ caseId: { in: ids } }, { caseEvent: { caseId: { in: ids } } }], source: { deletedAt: null } },
          include: { source: true, caseEvent: { select: { caseId: true } } },
          orderBy: { createdAt: "asc" },
        }),
        () => tx.policeAction.findMany({
          where: { caseId: { in: ids }, deletedAt: null },
          include: policeActionInclude,
          orderBy: { date: "asc" },
        }),
      ])
    : [[], [], [], [], []];

  return cases.map((row): CaseRecord => {
    const full = visibilityFor(reader, row.disclosureLevel) === "full";
    const showContacts = full && Boolean(options.contactsVisible?.(row));
    const seenSources = new Set<string>();
    return {
      id: row.id,
      reference: row.reference,
      disclosureLevel: row.disclosureLevel,
      status: row.status,
      openedAt: row.openedAt,
      summary: full ? decryptField(row.summaryEnc, caseSummaryContext(row.id)) : null,
      tags: row.tags,
      subject: {
        id: row.subject.id,
        displayName: row.subject.displayName,
        names: row.subject.names,
        gender: row.subject.gender,
        birthDate: row.subject.birthDate,
        birthDatePrecision: row.subject.birthDatePrecision,
        hometownPrefecture: options.gazetteer.prefecture(row.subject.hometownPlaceId),
        hometown: options.gazetteer.name(row.subject.hometownPlaceId) ?? row.subject.hometownText,
        citizenships: row.subject.citizenships,
        ethnicity: row.subject.ethnicity,
      },
      contacts: contacts
        .filter((contact) => contact.caseId === row.id)
        .map((contact) => ({
          displayName: contact.person.displayName,
          relationship: contact.relationship,
          contact: showContacts ? decryptJson<Record<string, string>>(contact.person.contactEnc, personContactContext(contact.personId)) : null,
        })),
      events: events
        .filter((event) => event.caseId === row.id)
        .map((event) => ({
          type: event.type,
          date: event.date,
          datePrecision: event.date ? event.datePrecision : "UNKNOWN",
          place: options.gazetteer.name(event.placeId) ?? event.placeText,
          placePrefecture: options.gazetteer.prefecture(event.placeId),
          facility: event.facility,
          authority: event.authority,
          charges: event.charges,
          sentenceMonths: event.sentenceMonths,
          description: full ? decryptField(event.descriptionEnc, eventDescriptionContext(event.id)) : null,
        })),
      advocacy: advocacy
        .filter((action) => action.caseId === row.id)
        .map((action) => ({
          type: action.type,
          date: action.date,
          recipient: action.recipient,
          theirReference: action.theirReference,
          description: full ? decryptField(action.descriptionEnc, advocacyDescriptionContext(action.id)) : null,
          response: full ? decryptField(action.responseEnc, advocacyResponseContext(action.id)) : action.responseEnc ? "" : null,
          responseDate: action.responseDate,
        })),
      sources: links
        .filter((link) => (link.caseId ?? link.caseEvent?.caseId) === row.id && !seenSources.has(link.sourceId) && Boolean(seenSources.add(link.sourceId)))
        .map((link) => ({
          kind: link.source.kind,
          title: link.source.title,
          url: link.source.url,
          publishedAt: link.source.publishedAt,
          description: full ? decryptField(link.source.descriptionEnc, sourceDescriptionContext(link.sourceId)) : null,
        })),
      policeActions: policeActions
        .filter((action) => action.caseId === row.id)
        .map((action) => toPoliceActionRecord(action, row.disclosureLevel, row.reference, full, options.gazetteer)),
    };
  });
}

/** What a police action's read takes of its person and protest (the register and the dossier alike). */
export const policeActionInclude = {
  person: { select: { displayName: true } },
  protest: { select: { city: true, placeId: true } },
} satisfies Prisma.PoliceActionInclude;

type PoliceActionRow = Prisma.PoliceActionGetPayload<{ include: typeof policeActionInclude }>;

export function toPoliceActionRecord(
  action: PoliceActionRow,
  caseLevel: CaseRecord["disclosureLevel"] | null,
  caseReference: string | null,
  decrypt: boolean,
  gazetteer: Gazetteer,
): PoliceActionRecord {
  return {
    id: action.id,
    region: gazetteer.prefecture(action.protest?.placeId ?? null),
    personId: action.personId,
    personName: action.person.displayName,
    caseLevel,
    caseId: action.caseId,
    caseReference,
    type: action.type,
    date: action.date,
    city: action.protest?.city ?? null,
    authority: action.authority,
    legalBasis: action.legalBasis,
    hearingAt: action.hearingAt,
    durationHours: action.durationHours,
    arrestDays: action.arrestDays,
    fineAmount: money(action.fineAmount),
    currency: action.currency,
    lawyer: action.lawyer,
    status: action.status,
    outcome: action.outcome,
    outcomeDate: action.outcomeDate,
    outcomeFineAmount: money(action.outcomeFineAmount),
    outcomeDaysServed: action.outcomeDaysServed,
    description: decrypt ? decryptField(action.descriptionEnc, policeDescriptionContext(action.id)) : null,
  };
}
