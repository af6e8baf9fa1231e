// Demo data (`npm run db:seed`, and the first `npm start` in demo mode): two fictional organisations,
// users of every role, a few hundred fictional people, cases with timelines, protests, police actions,
// advocacy, notes and tasks. Written as the database owner with plain `pg` in one transaction, and
// deterministic (fixed PRNG seed; dates that must lie in the future are relative to today).
import pg from "pg";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../../lib/audit";
import { encryptField, encryptJson, lookupHash } from "../../lib/crypto";
import {
  advocacyDescriptionContext,
  advocacyResponseContext,
  caseConsentNotesContext,
  caseSummaryContext,
  eventDescriptionContext,
  noteBodyContext,
  personContactContext,
  personNotesContext,
  policeDescriptionContext,
  protestDescriptionContext,
  sourceDescriptionContext,
  taskDescriptionContext,
} from "../../lib/crypto-contexts";
import type { CaseEventType, CaseStatus, DatePrecision, Relationship, Role } from "../../lib/generated/prisma/enums";
import { nameKeys } from "../../lib/names/keys";
import { hashPassword } from "../../lib/auth/password";
import { normalisePhone } from "../../lib/validations/person";
import { createRandom, FEMALE_NAMES, fictionalName, MALE_NAMES, type GivenName, type Random } from "./names";
import { loadPlaces } from "./places";
import { insertRows } from "./sql";

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  organization: string;
}

interface OrgSpec {
  slug: string;
  name: string;
  prefix: string;
  domain: string;
  cases: number;
  protests: number;
  policeActions: number;
}

const ORGS: OrgSpec[] = [
  { slug: "atazhurt-demo", name: "Atazhurt demo", prefix: "AT", domain: "atazhurt.example", cases: 72, protests: 18, policeActions: 30 },
  { slug: "naghyz-demo", name: "Naghyz demo", prefix: "NA", domain: "naghyz.example", cases: 40, protests: 10, policeActions: 16 },
];

const PASSWORDS: Record<Role, string> = {
  ADMIN: "demo-admin-2026!",
  COORDINATOR: "demo-coordinator-2026!",
  VOLUNTEER: "demo-volunteer-2026!",
  ANALYST: "demo-analyst-2026!",
};
const BOTH_ORGS_EMAIL = "both@demo.example";
const BOTH_ORGS_PASSWORD = "demo-both-orgs-2026!";

/** Demo sign-ins, printed by `npm start` and listed in the README. Valid in demo mode only. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  ...ORGS.flatMap((org) => [
    { role: "ADMIN" as const, email: `admin@${org.domain}`, password: PASSWORDS.ADMIN, organization: org.name },
    { role: "COORDINATOR" as const, email: `coordinator@${org.domain}`, password: PASSWORDS.COORDINATOR, organization: org.name },
    { role: "VOLUNTEER" as const, email: `volunteer@${org.domain}`, password: PASSWORDS.VOLUNTEER, organization: org.name },
    { role: "ANALYST" as const, email: `analyst@${org.domain}`, password: PASSWORDS.ANALYST, organization: org.name },
  ]),
  { role: "COORDINATOR", email: BOTH_ORGS_EMAIL, password: BOTH_ORGS_PASSWORD, organization: "Naghyz demo (and volunteer in Atazhurt demo)" },
];

const SEED = 20_261_123;
const DAY_MS = 86_400_000;

// ───────────────────────────── helpers ─────────────────────────────

const isoDate = (year: number, month = 1, day = 1) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const dateOnly = (date: Date) => date.toISOString().slice(0, 10);
const earliest = (a: Date, b: Date) => (a < b ? a : b);

interface NamedPerson {
  id: string;
  displayName: string;
  given: GivenName;
  female: boolean;
}

interface SeedState {
  rand: Random;
  placeIds: Map<string, string>;
  today: Date;
  people: Record<string, unknown>[];
  names: Record<string, unknown>[];
}

function placeId(state: SeedState, code: string): string | null {
  return state.placeIds.get(code) ?? null;
}

const XJ_HOMETOWNS = [
  "XJ-ILI-GHU", "XJ-ILI-GHC", "XJ-ILI-HUO", "XJ-ILI-XIN", "XJ-ILI-ZHA", "XJ-ILI-TEK", "XJ-ILI-NIL", "XJ-ILI-GON",
  "XJ-TAC-CHU", "XJ-TAC-EMI", "XJ-TAC-TOL", "XJ-TAC-YUM", "XJ-ALT-ALT", "XJ-ALT-BUR", "XJ-ALT-FUY", "XJ-ALT-QIN",
  "XJ-ALT-KAB", "XJ-CHA-MOR", "XJ-CHA-CHA", "XJ-URU", "XJ-HAM-BAR", "XJ-BOR-WEN",
];
const KZ_HOMES = ["KZ-ALA", "KZ-ALA", "KZ-ALA", "KZ-AST", "KZ-ZHT-ZHA", "KZ-ZHT-TAL", "KZ-VOS-ZAI", "KZ-VOS-OSK", "KZ-ABY-SEM", "KZ-ALM-KON"];

function addPerson(
  state: SeedState,
  organizationId: string,
  options: { female: boolean; father?: GivenName; han: boolean; citizenships: string[]; birthYear: number; hometown: string; contact?: boolean; createdById: string | null },
): NamedPerson {
  const { rand } = state;
  const id = rand.uuid();
  const given = rand.pick(options.female ? FEMALE_NAMES : MALE_NAMES);
  let father = options.father ?? rand.pick(MALE_NAMES);
  if (father === given) father = MALE_NAMES[(MALE_NAMES.indexOf(father) + 1) % MALE_NAMES.length] as GivenName;
  const name = fictionalName(given, father, options.female);

  const values: { value: string; kind: string; primary: boolean }[] = [
    { value: name.latin, kind: "LEGAL", primary: true },
    { value: name.cyrillic, kind: "LEGAL", primary: false },
  ];
  if (options.han) values.push({ value: name.han, kind: "LEGAL", primary: false });
  for (const variant of name.variants.slice(0, options.han ? 3 : 2)) values.push({ value: variant.value, kind: variant.kind, primary: false });
  values.forEach((entry, position) => {
    const keys = nameKeys(entry.value);
    state.names.push({
      id: rand.uuid(),
      organizationId,
      personId: id,
      value: entry.value,
      script: keys.script,
      kind: entry.kind,
      isPrimary: entry.primary,
      normalized: keys.normalized,
      skeleton: keys.skeleton,
      position,
    });
  });

  let contactEnc: string | null = null;
  let phoneHash: string | null = null;
  if (options.contact) {
    // 7 700 0xx xx xx: a block no operator hands out, so no demo number reaches a real phone
    const tail = String(rand.int(10_000, 99_999));
    const phone = `+7 700 0${tail.slice(0, 2)} ${tail.slice(2)}`;
    contactEnc = encryptJson(
      { phone, messenger: rand.pick(["WhatsApp", "Telegram", "Signal"]), address: `${rand.pick(["Abay", "Tole bi", "Zhibek zholy", "Dostyk", "Seifullin"])} street ${rand.int(1, 180)}` },
      personContactContext(id),
    );
    const normalised = normalisePhone(phone);
    phoneHash = normalised ? lookupHash(normalised, "phone") : null;
  }
  const birthExact = rand.chance(0.4);
  state.people.push({
    id,
    organizationId,
    displayName: name.latin,
    gender: options.female ? "FEMALE" : "MALE",
    birthDate: birthExact ? isoDate(options.birthYear, rand.int(1, 12), rand.int(1, 28)) : isoDate(options.birthYear),
    birthDatePrecision: birthExact ? "DAY" : "YEAR",
    ethnicity: "Kazakh",
    citizenships: options.citizenships,
    hometownPlaceId: placeId(state, options.hometown),
    contactEnc,
    phoneHash,
    notesEnc: rand.chance(0.1) ? encryptField("Prefers to be called in the evening; speaks Kazakh and Chinese.", personNotesContext(id)) : null,
    createdById: options.createdById,
    updatedAt: state.today,
  });
  return { id, displayName: name.latin, given, female: options.female };
}

// ───────────────────────────── timelines ─────────────────────────────

interface TimelineEvent {
  type: CaseEventType;
  date: string | null;
  precision: DatePrecision;
  place?: string;
  facility?: string;
  authority?: string;
  charges?: string;
  sentenceMonths?: number;
  description: string;
}

/** What the case status becomes after each kind of event; events not listed leave it unchanged. */
const STATUS_AFTER: Partial<Record<CaseEventType, CaseStatus>> = {
  DISAPPEARED: "MISSING",
  CONTACT_LOST: "MISSING",
  DETAINED: "DETAINED",
  TRANSFERRED: "DETAINED",
  SENTENCED: "SENTENCED",
  SENT_TO_CAMP: "IN_CAMP",
  HOUSE_ARREST: "HOUSE_ARREST",
  RELEASED: "RELEASED_IN_CHINA",
  RETURNED: "RETURNED_TO_KAZAKHSTAN",
  DIED: "DECEASED",
};

const CHARGES = [
  "espionage",
  "inciting separatism",
  "gathering a crowd to disturb public order",
  "organising illegal religious activity",
  "possessing banned content on a phone",
  "picking quarrels and provoking trouble",
];

function timeline(rand: Random, hometown: string, hometownName: string): TimelineEvent[] {
  const county = hometownName;
  const camp = `"Vocational skills education and training centre", ${county}`;
  const police = `Public security bureau, ${county}`;
  const events: TimelineEvent[] = [];
  const roll = rand.next();
  const springMonth = rand.int(3, 5);

  if (roll < 0.2) {
    events.push({ type: "DISAPPEARED", date: isoDate(2017), precision: "YEAR", place: hometown, description: "Stopped answering calls; neighbours said the police had taken him away." });
    events.push({ type: "CONTACT_LOST", date: isoDate(2017, rand.int(6, 12)), precision: "MONTH", description: "The family's messages are no longer delivered; relatives in China refuse to talk." });
  } else if (roll < 0.45) {
    events.push({ type: "DETAINED", date: isoDate(2018, springMonth), precision: "MONTH", place: hometown, authority: police, description: "Detained at home in the spring of 2018; the passport had been taken earlier." });
    if (rand.chance(0.5)) events.push({ type: "TRANSFERRED", date: isoDate(2018, springMonth + rand.int(2, 5)), precision: "MONTH", facility: `Detention centre, ${county}`, description: "Moved to a detention centre; no visits allowed." });
    events.push({
      type: "SENTENCED",
      date: isoDate(2019, rand.int(1, 12), rand.int(1, 28)),
      precision: "DAY",
      authority: `Intermediate People's Court, ${county}`,
      charges: rand.pick(CHARGES),
      sentenceMonths: rand.pick([60, 84, 120, 144, 168, 240]),
      description: "A relative in China learned of the sentence by telephone; no written verdict was given to the family.",
    });
  } else if (roll < 0.7) {
    events.push({ type: "DETAINED", date: isoDate(2017, rand.int(4, 11)), precision: "MONTH", place: hometown, authority: police, description: "Taken for \"study\" after a trip to Kazakhstan." });
    events.push({ type: "SENT_TO_CAMP", date: isoDate(2018), precision: "YEAR", facility: camp, place: hometown, description: "Held in a \"re-education\" camp, according to a former detainee." });
    const after = rand.next();
    if (after < 0.35) {
      events.push({ type: "RELEASED", date: isoDate(2019, rand.int(1, 12)), precision: "MONTH", place: hometown, description: "Released; must report to the local police every week." });
      events.push({ type: "PASSPORT_CONFISCATED", date: isoDate(2019, rand.int(1, 12)), precision: "MONTH", description: "Passport kept by the authorities; cannot travel to the family in Kazakhstan." });
    } else if (after < 0.6) {
      events.push({ type: "HOUSE_ARREST", date: isoDate(2019, rand.int(1, 12)), precision: "MONTH", place: hometown, description: "Moved from the camp to house arrest." });
    }
  } else if (roll < 0.94) {
    events.push({ type: "DETAINED", date: isoDate(2018, springMonth), precision: "MONTH", place: hometown, authority: police, description: "Detained while visiting parents." });
    events.push({ type: "SENT_TO_CAMP", date: isoDate(2018, springMonth + 1), precision: "MONTH", facility: camp, description: "Sent to a camp without charge." });
    events.push({ type: "RELEASED", date: isoDate(2019, rand.int(5, 12), rand.int(1, 28)), precision: "DAY", description: "Released after the family's public campaign." });
    events.push({ type: "GUARANTOR_REGISTRATION", date: isoDate(2019, 12), precision: "MONTH", description: "Two relatives in China were registered as guarantors so that the exit could be allowed." });
    if (rand.chance(0.6)) events.push({ type: "PLEDGE_OF_SILENCE", date: isoDate(2019, 12), precision: "MONTH", description: "Signed a pledge not to speak about the camp." });
    events.push({ type: "RETURNED", date: isoDate(2020, rand.int(1, 2), rand.int(1, 28)), precision: "DAY", place: "KZ-ZHT-ZHA", description: "Crossed the border at Khorgos and returned to the family in Kazakhstan." });
  } else {
    events.push({ type: "DETAINED", date: isoDate(2018), precision: "YEAR", place: hometown, description: "Detained; the family heard about it months later." });
    events.push({ type: "SENT_TO_CAMP", date: isoDate(2018), precision: "YEAR", facility: camp, description: "Held in a camp." });
    events.push({ type: "DIED", date: isoDate(2020, rand.int(1, 12)), precision: "MONTH", description: "Relatives in China reported the death; the cause given was heart failure." });
  }
  if (rand.chance(0.35)) {
    events.push({
      type: "RELATIVES_PRESSURED",
      date: isoDate(rand.int(2019, 2024), rand.int(1, 12)),
      precision: "MONTH",
      description: rand.pick([
        "A brother in China was questioned after the family spoke to journalists.",
        "Relatives in China were told to make the family in Kazakhstan stop the campaign.",
        "A video call was arranged by officials to ask the family to withdraw their appeal.",
      ]),
    });
  }
  return events.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
}

const RELATIONSHIPS: Relationship[] = ["WIFE", "HUSBAND", "SON", "DAUGHTER", "BROTHER", "SISTER", "MOTHER", "FATHER"];
const FEMALE_RELATIONSHIPS = new Set<Relationship>(["WIFE", "DAUGHTER", "SISTER", "MOTHER"]);

// ───────────────────────────── organisation ─────────────────────────────

interface SeededCase {
  id: string;
  contacts: NamedPerson[];
}

async function seedOrganization(client: pg.ClientBase, state: SeedState, spec: OrgSpec, sharedUserId: string, sharedRole: Role): Promise<Record<string, number>> {
  const { rand, today } = state;
  const organizationId = rand.uuid();
  await insertRows(client, "organizations", [
    { id: organizationId, slug: spec.slug, name: spec.name, referencePrefix: spec.prefix, defaultLocale: "kk", require2fa: false, updatedAt: today },
  ]);

  // Members: one of each role, a second volunteer, and the user shared between both organisations.
  const roles: { role: Role; email: string; password: string }[] = [
    { role: "ADMIN", email: `admin@${spec.domain}`, password: PASSWORDS.ADMIN },
    { role: "COORDINATOR", email: `coordinator@${spec.domain}`, password: PASSWORDS.COORDINATOR },
    { role: "VOLUNTEER", email: `volunteer@${spec.domain}`, password: PASSWORDS.VOLUNTEER },
    { role: "VOLUNTEER", email: `volunteer2@${spec.domain}`, password: PASSWORDS.VOLUNTEER },
    { role: "ANALYST", email: `analyst@${spec.domain}`, password: PASSWORDS.ANALYST },
  ];
  const users = await Promise.all(
    roles.map(async (entry) => {
      const female = rand.chance(0.5);
      const given = rand.pick(female ? FEMALE_NAMES : MALE_NAMES);
      const father = rand.pick(MALE_NAMES);
      return {
        id: rand.uuid(),
        email: entry.email,
        name: fictionalName(given, father, female).latin,
        role: entry.role,
        passwordHash: await hashPassword(entry.password),
      };
    }),
  );
  await insertRows(client, "users", users.map(({ id, email, name, passwordHash }) => ({ id, email, name, passwordHash, locale: null, updatedAt: today })));
  await insertRows(client, "memberships", [
    ...users.map((user) => ({ id: rand.uuid(), userId: user.id, organizationId, role: user.role, updatedAt: today })),
    { id: rand.uuid(), userId: sharedUserId, organizationId, role: sharedRole, updatedAt: today },
  ]);
  const byRole = (role: Role) => users.filter((user) => user.role === role).map((user) => user.id);
  const coordinatorId = byRole("COORDINATOR")[0] ?? null;
  const volunteers = [...byRole("VOLUNTEER"), ...(sharedRole === "VOLUNTEER" ? [sharedUserId] : [])];
  const writers = [coordinatorId, ...volunteers].filter((id): id is string => id !== null);

  // Cases with their subjects, families and timelines.
  const cases: Record<string, unknown>[] = [];
  const contacts: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const advocacy: Record<string, unknown>[] = [];
  const notes: Record<string, unknown>[] = [];
  const tasks: Record<string, unknown>[] = [];
  const counters = new Map<number, number>();
  const seeded: SeededCase[] = [];
  const placeNames = await client.query<{ code: string; nameEn: string }>(`SELECT code, "nameEn" FROM places`);
  const placeName = new Map(placeNames.rows.map((row) => [row.code, row.nameEn]));

  for (let index = 0; index < spec.cases; index++) {
    const createdById = rand.pick(writers);
    const hometown = rand.pick(XJ_HOMETOWNS);
    const subjectFemale = rand.chance(0.35);
    const subjectFather = rand.pick(MALE_NAMES);
    const subject = addPerson(state, organizationId, {
      female: subjectFemale,
      father: subjectFather,
      han: true,
      citizenships: rand.chance(0.2) ? ["KZ"] : ["CN"],
      birthYear: rand.int(1948, 1996),
      hometown,
      createdById,
    });

    // Family in Kazakhstan who speak for the case.
    const family: NamedPerson[] = [];
    const relationships: Relationship[] = [];
    const familySize = rand.chance(0.4) ? 2 : 1;
    for (let f = 0; f < familySize; f++) {
      let relationship = rand.pick(RELATIONSHIPS);
      if ((relationship === "WIFE" && subjectFemale) || (relationship === "HUSBAND" && !subjectFemale)) relationship = subjectFemale ? "HUSBAND" : "WIFE";
      if (relationships.includes(relationship)) relationship = "OTHER";
      const female = relationship === "OTHER" ? rand.chance(0.5) : FEMALE_RELATIONSHIPS.has(relationship);
      const father =
        relationship === "BROTHER" || relationship === "SISTER" ? subjectFather : (relationship === "SON" || relationship === "DAUGHTER") && !subjectFemale ? subject.given : undefined;
      family.push(
        addPerson(state, organizationId, {
          female,
          father,
          han: false,
          citizenships: ["KZ"],
          birthYear: rand.int(1955, 2002),
          hometown: rand.pick(KZ_HOMES),
          contact: true,
          createdById,
        }),
      );
      relationships.push(relationship);
    }

    const caseId = rand.uuid();
    const story = timeline(rand, placeId(state, hometown) ? hometown : "XJ", placeName.get(hometown) ?? "Xinjiang");
    let status: CaseStatus = "UNKNOWN";
    for (const event of story) status = STATUS_AFTER[event.type] ?? status;
    const lastEventDate = story.reduce<string | null>((latest, event) => (event.date && (!latest || event.date > latest) ? event.date : latest), null);
    const firstYear = Number((story[0]?.date ?? "2018").slice(0, 4));
    const openedAt = new Date(Date.UTC(Math.min(2026, firstYear + rand.int(0, 3)), rand.int(0, 10), rand.int(1, 28), rand.int(4, 12)));
    const year = openedAt.getUTCFullYear();
    const number = (counters.get(year) ?? 0) + 1;
    counters.set(year, number);

    const disclosureRoll = rand.next();
    const disclosureLevel = disclosureRoll < 0.45 ? "PRIVATE" : disclosureRoll < 0.75 ? "ANONYMISED" : "PUBLIC";
    const consenting = family[0];
    const consent =
      disclosureLevel === "PRIVATE" || !consenting
        ? { consentGivenBy: null, consentGivenAt: null, consentScope: null, consentNotesEnc: null }
        : {
            consentGivenBy: `${consenting.displayName} (${(relationships[0] ?? "OTHER").toLowerCase()})`,
            consentGivenAt: dateOnly(addDays(openedAt, rand.int(0, 60))),
            consentScope: disclosureLevel === "PUBLIC" ? "Name, photo and story may be published; no contact details." : "Facts and counts may be published without the name.",
            consentNotesEnc: encryptField("Consent given in person at the office; signed form kept on paper.", caseConsentNotesContext(caseId)),
          };
    const tags = new Set<string>();
    if (story.some((event) => event.type === "SENT_TO_CAMP")) tags.add("camp");
    if (story.some((event) => event.type === "SENTENCED")) tags.add("sentenced");
    if (story.some((event) => event.type === "GUARANTOR_REGISTRATION")) tags.add("guarantor");
    if (story.some((event) => event.type === "RELATIVES_PRESSURED")) tags.add("family-pressured");
    if (rand.chance(0.25)) tags.add("media");
    if (rand.chance(0.15)) tags.add("health");
    const summary = `${subject.displayName}, from ${placeName.get(hometown) ?? "Xinjiang"}. ${story.map((event) => event.description).join(" ")}`;

    cases.push({
      id: caseId,
      organizationId,
      reference: `${spec.prefix}-${year}-${String(number).padStart(4, "0")}`,
      subjectPersonId: subject.id,
      status,
      disclosureLevel,
      ...consent,
      priority: status === "DETAINED" || status === "IN_CAMP" ? rand.pick(["HIGH", "URGENT", "NORMAL"]) : rand.pick(["LOW", "NORMAL", "NORMAL", "HIGH"]),
      verificationLevel: rand.pick(["REPORTED", "PARTLY_VERIFIED", "CORROBORATED", "DOCUMENTED"]),
      tags: [...tags],
      summaryEnc: encryptField(summary, caseSummaryContext(caseId)),
      assignedToId: rand.chance(0.8) ? rand.pick(volunteers) : null,
      createdById,
      lastEventDate,
      openedAt,
      createdAt: openedAt,
      updatedAt: earliest(addDays(openedAt, rand.int(1, 400)), today),
    });
    family.forEach((member, f) =>
      contacts.push({ id: rand.uuid(), organizationId, caseId, personId: member.id, relationship: relationships[f] ?? "OTHER", isPrimary: f === 0 }),
    );
    for (const event of story) {
      const eventId = rand.uuid();
      events.push({
        id: eventId,
        organizationId,
        caseId,
        type: event.type,
        date: event.date,
        datePrecision: event.precision,
        placeId: event.place ? placeId(state, event.place) : null,
        facility: event.facility ?? null,
        authority: event.authority ?? null,
        charges: event.charges ?? null,
        sentenceMonths: event.sentenceMonths ?? null,
        descriptionEnc: encryptField(event.description, eventDescriptionContext(eventId)),
        createdById,
        createdAt: openedAt,
        updatedAt: openedAt,
      });
    }

    // Advocacy: appeals to the foreign ministry, the Chinese embassy, the UN working group.
    const appeals = rand.int(0, 2);
    for (let a = 0; a < appeals; a++) {
      const id = rand.uuid();
      const kind = rand.pick([
        { type: "APPEAL_KZ_FOREIGN_MINISTRY", recipient: "Ministry of Foreign Affairs of Kazakhstan", response: "The ministry has sent an inquiry to the Chinese side and will inform the family of the answer." },
        { type: "UN_SUBMISSION", recipient: "UN Working Group on Enforced or Involuntary Disappearances", response: "The case was transmitted to the Government of China under the urgent procedure." },
        { type: "APPEAL_CHINESE_EMBASSY", recipient: "Embassy of the People's Republic of China in Astana", response: "The person is said to be living normally and in good health." },
      ] as const);
      const date = earliest(addDays(openedAt, rand.int(10, 500)), addDays(today, -rand.int(5, 60)));
      const answered = rand.chance(0.5);
      advocacy.push({
        id,
        organizationId,
        caseId,
        type: kind.type,
        date: dateOnly(date),
        recipient: kind.recipient,
        theirReference: rand.chance(0.5) ? `${rand.int(10, 99)}-${rand.int(1000, 9999)}` : null,
        descriptionEnc: encryptField(`Appeal on behalf of the family of ${subject.displayName}.`, advocacyDescriptionContext(id)),
        responseEnc: answered ? encryptField(kind.response, advocacyResponseContext(id)) : null,
        responseDate: answered ? dateOnly(earliest(addDays(date, rand.int(20, 120)), today)) : null,
        createdById,
        updatedAt: today,
      });
    }

    if (rand.chance(0.35)) {
      const id = rand.uuid();
      notes.push({
        id,
        organizationId,
        caseId,
        bodyEnc: encryptField(
          rand.pick([
            "The family asked us not to contact relatives in China directly.",
            "The wife brought a copy of the household registration; scanned and kept offline.",
            "A former detainee may have seen him in the camp; follow up through the coordinator.",
          ]),
          noteBodyContext(id),
        ),
        authorId: createdById,
        createdAt: addDays(openedAt, rand.int(1, 30)),
        updatedAt: today,
      });
    }
    if (index % 5 === 0) {
      const id = rand.uuid();
      const done = rand.chance(0.3);
      tasks.push({
        id,
        organizationId,
        caseId,
        title: rand.pick(["Call the family for news", "Prepare the UN follow-up letter", "Ask the ministry about the inquiry", "Collect the court documents"]),
        descriptionEnc: encryptField("Agreed at the weekly meeting.", taskDescriptionContext(id)),
        dueDate: dateOnly(addDays(today, done ? -rand.int(1, 30) : rand.int(-5, 30))),
        status: done ? "DONE" : "OPEN",
        assigneeId: rand.pick(volunteers),
        createdById: coordinatorId,
        completedAt: done ? addDays(today, -rand.int(1, 10)) : null,
        updatedAt: today,
      });
    }
    seeded.push({ id: caseId, contacts: family });
  }

  // People first (cases reference subjects), then everything that points at cases.
  await insertRows(client, "people", state.people.splice(0));
  await insertRows(client, "person_names", state.names.splice(0));
  await insertRows(client, "cases", cases);
  await insertRows(client, "case_reference_counters", [...counters].map(([year, lastNumber]) => ({ organizationId, year, lastNumber })));
  await insertRows(client, "case_contacts", contacts);
  await insertRows(client, "case_events", events);
  await insertRows(client, "advocacy_actions", advocacy);
  await insertRows(client, "notes", notes);
  await insertRows(client, "tasks", tasks);

  // Protests: pickets at the consulate in Almaty and the embassy in Astana, solo pickets, press conferences.
  const protests: Record<string, unknown>[] = [];
  const participations: Record<string, unknown>[] = [];
  const protestCast: { protestId: string; date: Date; city: string; people: { personId: string; caseId: string }[] }[] = [];
  for (let p = 0; p < spec.protests; p++) {
    const id = rand.uuid();
    const venue = rand.pick([
      { city: "Almaty", place: "KZ-ALA", location: "Consulate General of the People's Republic of China, Almaty", kind: "PICKET" },
      { city: "Almaty", place: "KZ-ALA", location: "Consulate General of the People's Republic of China, Almaty", kind: "SOLO_PICKET" },
      { city: "Astana", place: "KZ-AST", location: "Embassy of the People's Republic of China, Astana", kind: "PICKET" },
      { city: "Almaty", place: "KZ-ALA", location: "Office of the organisation, Almaty", kind: "PRESS_CONFERENCE" },
    ] as const);
    // Spread over the last two years, at 11:00 local time (UTC+5).
    const day = addDays(today, -rand.int(7, 730));
    const startsAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 6));
    protests.push({
      id,
      organizationId,
      startsAt,
      city: venue.city,
      placeId: placeId(state, venue.place),
      location: venue.location,
      kind: venue.kind,
      organiser: spec.name,
      descriptionEnc: encryptField(
        venue.kind === "PRESS_CONFERENCE" ? "Relatives spoke to journalists about their detained family members." : "Relatives held photographs and asked for news of their family members.",
        protestDescriptionContext(id),
      ),
      createdById: rand.pick(writers),
      createdAt: startsAt,
      updatedAt: startsAt,
    });
    const size = venue.kind === "SOLO_PICKET" ? 1 : rand.int(3, 8);
    const chosen = new Map<string, string>();
    while (chosen.size < size) {
      const c = rand.pick(seeded);
      const person = c.contacts[0];
      if (person) chosen.set(person.id, c.id);
    }
    const people = [...chosen].map(([personId, caseId]) => ({ personId, caseId }));
    people.forEach((entry, i) =>
      participations.push({ id: rand.uuid(), organizationId, protestId: id, personId: entry.personId, caseId: entry.caseId, role: i === 0 && size > 1 ? "ORGANISER" : "PARTICIPANT" }),
    );
    protestCast.push({ protestId: id, date: startsAt, city: venue.city, people });
  }
  await insertRows(client, "protests", protests);
  await insertRows(client, "protest_participations", participations);

  // Police actions against protesters, with outcomes; some still pending with hearings ahead.
  const policeActions: Record<string, unknown>[] = [];
  const ARTICLE_488 = "Article 488 of the Code of Administrative Offences (violating the procedure for holding peaceful assemblies)";
  for (let n = 0; n < spec.policeActions; n++) {
    const id = rand.uuid();
    const protest = rand.pick(protestCast);
    const who = rand.pick(protest.people);
    const district = protest.city === "Almaty" ? rand.pick(["Medeu", "Almaly", "Bostandyk"]) : rand.pick(["Esil", "Almaty", "Saryarka"]);
    const authority = `Police department of ${district} district, ${protest.city}`;
    const pending = n % 5 === 0;
    const kind = rand.pick(["SUMMONS", "WARNING", "DETENTION", "ADMINISTRATIVE_ARREST", "FINE", "ADMINISTRATIVE_CASE", "REMOVAL_FROM_TRANSPORT"] as const);
    const row: Record<string, unknown> = {
      id,
      organizationId,
      personId: who.personId,
      protestId: protest.protestId,
      caseId: who.caseId,
      type: kind,
      date: dateOnly(kind === "SUMMONS" ? addDays(protest.date, 1) : protest.date),
      authority,
      legalBasis: kind === "SUMMONS" || kind === "WARNING" || kind === "REMOVAL_FROM_TRANSPORT" ? null : ARTICLE_488,
      hearingAt: null,
      durationHours: kind === "DETENTION" ? rand.int(3, 6) : null,
      arrestDays: kind === "ADMINISTRATIVE_ARREST" ? rand.pick([5, 10, 15]) : null,
      fineAmount: kind === "FINE" || kind === "ADMINISTRATIVE_CASE" ? rand.pick(["69000.00", "34500.00", "138000.00"]) : null,
      lawyer: rand.chance(0.4) ? "Legal aid lawyer of the organisation" : null,
      status: "RESOLVED",
      outcome: null,
      outcomeDate: null,
      outcomeFineAmount: null,
      outcomeDaysServed: null,
      appealResult: null,
      appealResultDate: null,
      descriptionEnc: encryptField(
        {
          SUMMONS: "Summoned to the police station for a \"conversation\" the day after the picket.",
          WARNING: "Warned not to travel to the capital and not to hold pickets again.",
          DETENTION: "Taken to the police station from the picket and released in the evening.",
          ADMINISTRATIVE_ARREST: "Detained at the picket; the court ordered administrative arrest.",
          FINE: "An administrative protocol was drawn up at the picket.",
          ADMINISTRATIVE_CASE: "Administrative case opened for an unauthorised picket.",
          REMOVAL_FROM_TRANSPORT: "Taken off the bus to Astana by police officers.",
        }[kind],
        policeDescriptionContext(id),
      ),
      createdById: rand.pick(writers),
      updatedAt: today,
    };
    if (pending && (kind === "FINE" || kind === "ADMINISTRATIVE_CASE" || kind === "ADMINISTRATIVE_ARREST" || kind === "SUMMONS")) {
      // A hearing ahead: 10:00 Almaty time (UTC+5) in the next weeks.
      const hearing = addDays(today, rand.int(3, 28));
      row.status = "PENDING";
      row.hearingAt = new Date(Date.UTC(hearing.getUTCFullYear(), hearing.getUTCMonth(), hearing.getUTCDate(), 5));
      row.date = dateOnly(addDays(today, -rand.int(1, 20)));
    } else {
      const outcomeDate = dateOnly(addDays(new Date(`${row.date as string}T00:00:00Z`), rand.int(0, 20)));
      row.outcomeDate = outcomeDate;
      switch (kind) {
        case "SUMMONS":
        case "WARNING":
        case "REMOVAL_FROM_TRANSPORT":
          row.outcome = "WARNING";
          break;
        case "DETENTION":
          row.outcome = rand.pick(["DISMISSED", "WARNING"]);
          break;
        case "ADMINISTRATIVE_ARREST":
          row.outcome = "DETAINED";
          row.outcomeDaysServed = row.arrestDays;
          break;
        default: {
          const appealed = rand.chance(0.35);
          row.outcome = appealed ? "APPEALED" : rand.pick(["FINED", "FINED", "DISMISSED"]);
          if (row.outcome !== "DISMISSED") row.outcomeFineAmount = row.fineAmount;
          if (appealed) {
            const decided = rand.chance(0.6);
            row.appealResult = decided ? rand.pick(["DISMISSED", "GRANTED", "PARTLY_GRANTED"]) : "PENDING";
            row.appealResultDate = decided ? dateOnly(addDays(new Date(`${outcomeDate}T00:00:00Z`), rand.int(20, 60))) : null;
          }
        }
      }
    }
    policeActions.push(row);
  }
  await insertRows(client, "police_actions", policeActions);

  // Sources behind some cases: testimonies and (fictional) media reports.
  const sources: Record<string, unknown>[] = [];
  const sourceLinks: Record<string, unknown>[] = [];
  for (const [i, c] of seeded.entries()) {
    if (i % 4 !== 0) continue;
    const id = rand.uuid();
    const media = rand.chance(0.5);
    sources.push({
      id,
      organizationId,
      kind: media ? "MEDIA_REPORT" : "TESTIMONY",
      title: media ? "Relatives ask for news of family members held in Xinjiang" : "Testimony of a family member, recorded at the office",
      url: media ? `https://news.example/reports/${rand.int(1000, 9999)}` : null,
      reliability: media ? "MEDIUM" : rand.pick(["HIGH", "MEDIUM"]),
      publishedAt: dateOnly(addDays(today, -rand.int(30, 1500))),
      descriptionEnc: encryptField(media ? "Interview with the family; names the camp and the date of detention." : "Recorded in Kazakh; the family asked that it not be published.", sourceDescriptionContext(id)),
      createdById: rand.pick(writers),
      updatedAt: today,
    });
    sourceLinks.push({ id: rand.uuid(), organizationId, sourceId: id, caseId: c.id });
  }
  await insertRows(client, "sources", sources);
  await insertRows(client, "source_links", sourceLinks);

  const counts = {
    users: users.length + 1,
    cases: cases.length,
    events: events.length,
    protests: protests.length,
    policeActions: policeActions.length,
    advocacyActions: advocacy.length,
    notes: notes.length,
    tasks: tasks.length,
    sources: sources.length,
  };
  await writeSeedAuditEvent(client, organizationId, counts);
  return counts;
}

/** First link of the organisation's audit chain: the demo data was loaded. */
async function writeSeedAuditEvent(client: pg.ClientBase, organizationId: string, counts: Record<string, number>): Promise<void> {
  const previous = await client.query<{ hash: string }>(`SELECT hash FROM audit_events WHERE "organizationId" = $1 ORDER BY id DESC LIMIT 1`, [organizationId]);
  const fields: ChainedFields = {
    organizationId,
    actorUserId: null,
    action: "seed.demo",
    entityType: "Organization",
    entityId: organizationId,
    changedFields: [],
    metadata: counts,
    ipHash: null,
    createdAt: new Date(Date.now()),
    prevHash: previous.rows[0]?.hash ?? GENESIS_HASH,
  };
  await client.query(
    `INSERT INTO audit_events ("organizationId", "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "ipHash", "createdAt", "prevHash", hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      fields.organizationId,
      fields.actorUserId,
      fields.action,
      fields.entityType,
      fields.entityId,
      fields.changedFields,
      JSON.stringify(fields.metadata),
      fields.ipHash,
      fields.createdAt,
      fields.prevHash,
      hashEvent(fields),
    ],
  );
}

// ───────────────────────────── entry points ─────────────────────────────

/** Loads the demo data in one transaction: all of it or nothing. */
export async function seedDemo(ownerUrl: string, options: { log?: (line: string) => void } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    // The places are reference data loaded on every start; loading them here too lets the seed run alone.
    await loadPlaces(client);
    const places = await client.query<{ code: string; id: string }>("SELECT code, id FROM places");
    const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
    const state: SeedState = { rand: createRandom(SEED), placeIds: new Map(places.rows.map((row) => [row.code, row.id])), today, people: [], names: [] };

    const sharedUserId = state.rand.uuid();
    await insertRows(client, "users", [
      { id: sharedUserId, email: BOTH_ORGS_EMAIL, name: "Zhanar Serikkyzy", passwordHash: await hashPassword(BOTH_ORGS_PASSWORD), locale: null, updatedAt: today },
    ]);
    const [first, second] = ORGS as [OrgSpec, OrgSpec];
    const a = await seedOrganization(client, state, first, sharedUserId, "VOLUNTEER");
    options.log?.(`${first.name}: ${a.cases} cases, ${a.protests} protests, ${a.policeActions} police actions.`);
    const b = await seedOrganization(client, state, second, sharedUserId, "COORDINATOR");
    options.log?.(`${second.name}: ${b.cases} cases, ${b.protests} protests, ${b.policeActions} police actions.`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Seeds the demo data unless any organisation exists. Returns true when it seeded. */
/** Held while the demo data is checked for and loaded, so two instances starting together load it once. */
const DEMO_SEED_LOCK = 7_220_261_202;

export async function seedDemoIfEmpty(ownerUrl: string, options: { log?: (line: string) => void } = {}): Promise<boolean> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [DEMO_SEED_LOCK]);
    const { rowCount } = await client.query("SELECT 1 FROM organizations LIMIT 1");
    if (rowCount) return false;
    await seedDemo(ownerUrl, options);
    return true;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [DEMO_SEED_LOCK]).catch(() => {});
    await client.end();
  }
}
