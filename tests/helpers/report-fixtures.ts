// Organisations full of cases of every disclosure level, written directly as the database owner (fast
// enough for property tests), with every identifying value recorded so a test can look for it in files.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { encryptField, encryptJson } from "../../lib/crypto";
import {
  advocacyDescriptionContext,
  advocacyResponseContext,
  caseSummaryContext,
  eventDescriptionContext,
  personContactContext,
  policeDescriptionContext,
  sourceDescriptionContext,
} from "../../lib/crypto-contexts";
import type { DisclosureLevel } from "../../lib/disclosure";
import { nameKeys } from "../../lib/names/keys";
import { insertRows } from "../../prisma/seed/sql";

export interface FixtureCase {
  level: DisclosureLevel;
  /** names in several scripts, each a distinct string */
  names: string[];
  relativeName: string;
  phone: string;
  birthDate: string;
  summary: string;
  eventDescription: string;
  facility: string;
  placeText: string;
  sourceTitle: string;
  advocacyResponse: string;
  policeDescription: string;
  lawyer: string;
  /** the police action's authority, exact day ("2026-06-15") and protest town; defaults when unset */
  policeAuthority?: string;
  policeDate?: string;
  /** the protest's town as written, placed in Konaev (Almaty Region) in the gazetteer */
  policeCity?: string;
}

export interface FixtureOrg {
  cases: (FixtureCase & { id: string; reference: string; subjectId: string; relativeId: string })[];
}

export interface BuiltCase {
  id: string;
  reference: string;
  level: DisclosureLevel;
  /** every value that identifies the person or their family */
  identifying: string[];
}

/** Writes `cases` into `organizationId`, each with a relative, an event, advocacy, a source and a police action. */
export async function writeFixtureCases(organizationId: string, prefix: string, cases: FixtureCase[], createdById: string | null = null): Promise<BuiltCase[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const place = await client.query<{ id: string }>(`SELECT id FROM places WHERE code = 'XJ-ILI' OR kind = 'AUTONOMOUS_PREFECTURE' ORDER BY code = 'XJ-ILI' DESC LIMIT 1`);
    const hometownPlaceId = place.rows[0]?.id ?? null;
    const town = await client.query<{ id: string }>(`SELECT id FROM places WHERE code = 'KZ-ALM-KON'`);
    const protests: Record<string, unknown>[] = [];
    const people: Record<string, unknown>[] = [];
    const names: Record<string, unknown>[] = [];
    const rows: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const advocacy: Record<string, unknown>[] = [];
    const sources: Record<string, unknown>[] = [];
    const links: Record<string, unknown>[] = [];
    const police: Record<string, unknown>[] = [];
    const built: BuiltCase[] = [];
    const now = new Date();
    const existing = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM cases WHERE "organizationId" = $1`, [organizationId]);
    let number = Number(existing.rows[0]?.n ?? 0);
    for (const fixture of cases) {
      number += 1;
      const id = randomUUID();
      const subjectId = randomUUID();
      const relativeId = randomUUID();
      const reference = `${prefix}-2026-${String(number).padStart(4, "0")}`;
      people.push({ id: subjectId, organizationId, displayName: fixture.names[0], gender: "MALE", birthDate: fixture.birthDate, birthDatePrecision: "DAY", hometownPlaceId, hometownText: fixture.placeText, contactEnc: null, updatedAt: now });
      people.push({ id: relativeId, organizationId, displayName: fixture.relativeName, gender: "FEMALE", birthDate: null, birthDatePrecision: "UNKNOWN", hometownPlaceId: null, hometownText: null, contactEnc: encryptJson({ phone: fixture.phone }, personContactContext(relativeId)), updatedAt: now });
      fixture.names.forEach((value, position) => {
        const keys = nameKeys(value);
        names.push({ id: randomUUID(), organizationId, personId: subjectId, value, script: keys.script, kind: "LEGAL", isPrimary: position === 0, normalized: keys.normalized, skeleton: keys.skeleton, position });
      });
      const relativeKeys = nameKeys(fixture.relativeName);
      names.push({ id: randomUUID(), organizationId, personId: relativeId, value: fixture.relativeName, script: relativeKeys.script, kind: "LEGAL", isPrimary: true, normalized: relativeKeys.normalized, skeleton: relativeKeys.skeleton, position: 0 });
      rows.push({ id, organizationId, reference, subjectPersonId: subjectId, status: "DETAINED", disclosureLevel: fixture.level, summaryEnc: encryptField(fixture.summary, caseSummaryContext(id)), createdById, openedAt: new Date("2026-03-02T00:00:00Z"), updatedAt: now });
      contacts.push({ id: randomUUID(), organizationId, caseId: id, personId: relativeId, relationship: "SISTER", isPrimary: true });
      const eventId = randomUUID();
      events.push({ id: eventId, organizationId, caseId: id, type: "DETAINED", date: "2018-04-17", datePrecision: "DAY", placeId: hometownPlaceId, placeText: fixture.placeText, facility: fixture.facility, authority: "Public security bureau", charges: "separatism", sentenceMonths: 120, descriptionEnc: encryptField(fixture.eventDescription, eventDescriptionContext(eventId)), updatedAt: now });
      const pressureId = randomUUID();
      events.push({ id: pressureId, organizationId, caseId: id, type: "RELATIVES_PRESSURED", date: "2019-01-01", datePrecision: "MONTH", placeId: null, placeText: null, facility: null, authority: null, charges: null, sentenceMonths: null, descriptionEnc: null, updatedAt: now });
      const advocacyId = randomUUID();
      advocacy.push({ id: advocacyId, organizationId, caseId: id, type: "UN_SUBMISSION", date: "2026-05-10", recipient: "UN WGEID", descriptionEnc: encryptField(fixture.summary, advocacyDescriptionContext(advocacyId)), responseEnc: encryptField(fixture.advocacyResponse, advocacyResponseContext(advocacyId)), responseDate: "2026-07-01", updatedAt: now });
      const sourceId = randomUUID();
      sources.push({ id: sourceId, organizationId, kind: "TESTIMONY", title: fixture.sourceTitle, descriptionEnc: encryptField(fixture.eventDescription, sourceDescriptionContext(sourceId)), updatedAt: now });
      links.push({ id: randomUUID(), organizationId, sourceId, caseId: id });
      const policeId = randomUUID();
      const protestId = fixture.policeCity ? randomUUID() : null;
      const policeDate = fixture.policeDate ?? "2026-06-15";
      if (protestId) protests.push({ id: protestId, organizationId, startsAt: new Date(`${policeDate}T06:00:00Z`), city: fixture.policeCity, placeId: town.rows[0]?.id ?? null, kind: "PICKET", updatedAt: now });
      police.push({ id: policeId, organizationId, personId: relativeId, caseId: id, protestId, type: "DETENTION", date: policeDate, hearingAt: new Date(`${policeDate}T10:30:00Z`), authority: fixture.policeAuthority ?? "Almaty police", legalBasis: "Art. 488", durationHours: 4, lawyer: fixture.lawyer, descriptionEnc: encryptField(fixture.policeDescription, policeDescriptionContext(policeId)), status: "RESOLVED", outcome: "FINED", outcomeFineAmount: "69000", updatedAt: now });
      built.push({
        id,
        reference,
        level: fixture.level,
        identifying: [...fixture.names, fixture.relativeName, fixture.phone, fixture.birthDate, fixture.summary, fixture.eventDescription, fixture.facility, fixture.placeText, fixture.sourceTitle, fixture.advocacyResponse, fixture.policeDescription, fixture.lawyer, reference, ...(fixture.policeAuthority ? [fixture.policeAuthority] : []), ...(fixture.policeCity ? [fixture.policeCity] : [])],
      });
    }
    await client.query("BEGIN");
    await insertRows(client, "people", people);
    await insertRows(client, "person_names", names);
    await insertRows(client, "cases", rows);
    await insertRows(client, "case_contacts", contacts);
    await insertRows(client, "case_events", events);
    await insertRows(client, "advocacy_actions", advocacy);
    await insertRows(client, "sources", sources);
    await insertRows(client, "source_links", links);
    await insertRows(client, "protests", protests);
    await insertRows(client, "police_actions", police);
    await client.query("COMMIT");
    return built;
  } finally {
    await client.end();
  }
}
