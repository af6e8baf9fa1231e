// npm run seed:large -- --cases 100000 [--org-slug bench] [--replace] [--police-actions 50000]
// A large, deterministic data set for benchmarks, in the shape of the biggest campaigns: per case its
// subject and two family contacts (three people, 2–4 names each, search keys computed here), 6–14
// events (three to six that move its status, the rest pressure on the family, notes), one protest per
// five cases with up to five of the families at each, a police action for nearly every participation
// (more with --police-actions), and 20 audit events per case in a valid chain (so 100 000 cases give
// 300 000 people, 1 000 000 events, 20 000 protests, ~100 000 police actions, 2 000 000 audit events).
// Rows go in with `INSERT … SELECT FROM unnest(…)` batches in one transaction, as the database owner,
// with secondary indexes and user triggers off; indexes, name words, UN readiness and the dashboard's
// summaries are then built once, and every table written is vacuumed and analysed (autovacuum may be
// off, as on CI). Optional
// encrypted columns stay empty: the data is for measuring, not reading.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ConfigError, getEnv } from "../lib/env";
import type { CaseEventType, CaseStatus } from "../lib/generated/prisma/enums";
import { nameKeys } from "../lib/names/keys";
import { hashPassword } from "../lib/auth/password";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../lib/audit";
import { createRandom, FEMALE_NAMES, fictionalName, MALE_NAMES, type Random } from "../prisma/seed/names";
import { BENCH_PASSWORD, BENCH_ROLES, benchEmail } from "./lib/bench-accounts";
import { StartupError } from "./lib/embedded-postgres";
import { MigrationError } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare-database";

const BATCH_CASES = 5_000;
const AUDIT_EVENTS_PER_CASE = 20;
/** Events after the status-moving ones: none of them changes a case's status. */
const LATER_EVENTS: CaseEventType[] = ["RELATIVES_PRESSURED", "OTHER", "OTHER", "CONTACT_RESTORED", "EXIT_BAN", "PASSPORT_CONFISCATED"];
/** Every table the seed writes: each is vacuumed and analysed at the end. */
const WRITTEN_TABLES = [
  "organizations", "users", "memberships", "people", "person_names", "person_name_tokens", "person_tokens", "cases", "case_contacts",
  "case_events", "protests", "protest_participations", "police_actions", "case_reference_counters", "audit_events",
  // kept by triggers as the rows above went in
  "case_un_readiness", "dashboard_case_facts", "dashboard_counts", "person_duplicate_pairs", "person_name_words",
];

/** Tables whose secondary indexes are built after the load (see main). */
const INDEXED_AFTER_LOAD = [
  "people", "person_names", "person_name_tokens", "person_tokens", "cases", "case_contacts", "case_events", "protests",
  "protest_participations", "police_actions", "audit_events",
];
/** Tables whose user triggers are off during the load: what they derive is written once at the end. */
const TRIGGERS_OFF = ["person_names", "person_name_tokens", "cases", "case_contacts", "case_events"];

interface Options {
  cases: number;
  slug: string;
  replace: boolean;
  seed: number;
  /** at least this many police actions (the register's benchmark); protests alone give about cases / 40 */
  policeActions: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { cases: 100_000, slug: "bench", replace: false, seed: 42, policeActions: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--cases" || arg === "--seed" || arg === "--police-actions") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${arg} needs a whole number greater than zero.`);
      if (arg === "--cases") options.cases = n;
      else if (arg === "--police-actions") options.policeActions = n;
      else options.seed = n;
      i++;
    } else if (arg === "--org-slug") {
      if (!value || !/^[a-z0-9-]{2,40}$/.test(value)) throw new ConfigError("--org-slug needs lower-case letters, digits and dashes.");
      options.slug = value;
      i++;
    } else if (arg === "--replace") {
      options.replace = true;
    } else {
      throw new ConfigError(`Unknown option ${arg}; use --cases N, --org-slug SLUG, --seed N, --police-actions N, --replace.`);
    }
  }
  return options;
}

// ───────────────────────────── unnest batches ─────────────────────────────

interface Column {
  name: string;
  /** SQL array element type, e.g. uuid, text, int, date, "CaseStatus" */
  type: string;
  values: unknown[];
  /** expression over the unnested value `v`, when the column needs a conversion */
  expression?: string;
}

let rowsWritten = 0;
/** Seconds spent per step, printed at the end: where a slow run spent its time. */
const stepSeconds = new Map<string, number>();
async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    stepSeconds.set(step, (stepSeconds.get(step) ?? 0) + (performance.now() - started) / 1000);
  }
}

async function insertUnnest(client: pg.ClientBase, table: string, columns: Column[]): Promise<void> {
  const count = columns[0]?.values.length ?? 0;
  if (count === 0) return;
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns.map((column, i) => (column.expression ? column.expression.replaceAll("{v}", aliases[i] as string) : aliases[i])).join(", ");
  const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column.name}"`).join(", ")})
    SELECT ${select} FROM unnest(${columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(", ")}) AS u(${aliases.join(", ")})`;
  await timed(table, () => client.query(sql, columns.map((column) => column.values)));
  rowsWritten += count;
}

/** Column-oriented buffers: one array per column, appended row by row. */
function table<K extends string>(names: readonly K[]): { push: (row: Record<K, unknown>) => void; column: (name: K) => unknown[]; size: () => number } {
  const data = Object.fromEntries(names.map((name) => [name, [] as unknown[]])) as Record<K, unknown[]>;
  return {
    push: (row) => {
      for (const name of names) data[name].push(row[name]);
    },
    column: (name) => data[name],
    size: () => data[names[0] as K].length,
  };
}

// ───────────────────────────── generation ─────────────────────────────

const TEMPLATES: CaseEventType[][] = [
  ["DISAPPEARED", "CONTACT_LOST", "RELATIVES_PRESSURED"],
  ["DETAINED", "TRANSFERRED", "SENTENCED"],
  ["DETAINED", "SENT_TO_CAMP", "CONTACT_LOST", "RELATIVES_PRESSURED"],
  ["DETAINED", "SENT_TO_CAMP", "RELEASED", "PASSPORT_CONFISCATED"],
  ["DETAINED", "SENT_TO_CAMP", "HOUSE_ARREST"],
  ["DETAINED", "SENT_TO_CAMP", "RELEASED", "GUARANTOR_REGISTRATION", "PLEDGE_OF_SILENCE", "RETURNED"],
  ["DETAINED", "SENT_TO_CAMP", "TRANSFERRED", "SENTENCED", "RELATIVES_PRESSURED", "EXIT_BAN"],
  ["DETAINED", "SENT_TO_CAMP", "DIED"],
];
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
const RELATIONSHIPS = ["WIFE", "HUSBAND", "SON", "DAUGHTER", "BROTHER", "SISTER", "MOTHER", "FATHER"] as const;
const TAGS = ["camp", "sentenced", "guarantor", "media", "health", "family-pressured", "un-wgeid"];
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const keyCache = new Map<string, ReturnType<typeof nameKeys>>();
function cachedKeys(value: string): ReturnType<typeof nameKeys> {
  let keys = keyCache.get(value);
  if (!keys) {
    keys = nameKeys(value);
    keyCache.set(value, keys);
  }
  return keys;
}

interface Context {
  client: pg.ClientBase;
  rand: Random;
  organizationId: string;
  prefix: string;
  volunteers: string[];
  hometowns: string[];
  counters: Map<number, number>;
  /** first contact of some cases, for protests */
  protesters: { personId: string; caseId: string }[];
  now: number;
  /** members who act in the audit log */
  actors: string[];
  /** the audit chain's last hash and time, carried from batch to batch */
  audit: { prevHash: string; at: number; step: number };
}

async function writeCaseBatch(ctx: Context, count: number): Promise<void> {
  const { rand, organizationId } = ctx;
  const people = table(["id", "displayName", "gender", "birthDate", "birthDatePrecision", "citizenship", "hometownPlaceId"] as const);
  const names = table(["id", "personId", "value", "script", "kind", "isPrimary", "normalized", "skeleton", "position"] as const);
  const cases = table(["id", "reference", "subjectPersonId", "status", "disclosureLevel", "priority", "verificationLevel", "tags", "assignedToId", "lastEventDate", "openedAt"] as const);
  const contacts = table(["id", "caseId", "personId", "relationship", "isPrimary"] as const);
  const events = table(["id", "caseId", "type", "date", "datePrecision", "placeId", "sentenceMonths"] as const);

  const addPerson = (female: boolean, han: boolean, hometown: string | null, citizenship: string, extraNames: number): { id: string; name: string } => {
    const id = rand.uuid();
    const given = rand.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const name = fictionalName(given, rand.pick(MALE_NAMES), female);
    const values: [string, string][] = [
      [name.latin, "LEGAL"],
      [name.cyrillic, "LEGAL"],
    ];
    if (han) values.push([name.han, "LEGAL"]);
    for (const variant of name.variants.slice(0, extraNames)) values.push([variant.value, variant.kind]);
    values.slice(0, 4).forEach(([value, kind], position) => {
      const keys = cachedKeys(value);
      names.push({ id: rand.uuid(), personId: id, value, script: keys.script, kind, isPrimary: position === 0, normalized: keys.normalized, skeleton: keys.skeleton, position });
    });
    const year = rand.int(1945, 2000);
    people.push({ id, displayName: name.latin, gender: female ? "FEMALE" : "MALE", birthDate: `${year}-01-01`, birthDatePrecision: "YEAR", citizenship, hometownPlaceId: hometown });
    return { id, name: name.latin };
  };

  for (let i = 0; i < count; i++) {
    const subject = addPerson(rand.chance(0.35), true, rand.pick(ctx.hometowns), "CN", rand.int(0, 1));
    const caseId = rand.uuid();
    const template = rand.pick(TEMPLATES);
    const eventCount = Math.min(template.length, rand.int(3, 6));
    let status: CaseStatus = "UNKNOWN";
    let at = Date.UTC(2017, 0, 1) + rand.int(0, 700) * DAY_MS;
    let last = at;
    for (const type of template.slice(0, eventCount)) {
      const precision = rand.pick(["DAY", "MONTH", "YEAR"] as const);
      events.push({
        id: rand.uuid(),
        caseId,
        type,
        date: isoDay(at),
        datePrecision: precision,
        placeId: rand.chance(0.5) ? rand.pick(ctx.hometowns) : null,
        sentenceMonths: type === "SENTENCED" ? rand.pick([60, 84, 120, 180, 240]) : null,
      });
      status = STATUS_AFTER[type] ?? status;
      last = at;
      at += rand.int(30, 500) * DAY_MS;
    }
    const opened = Math.min(ctx.now - DAY_MS, last + rand.int(10, 900) * DAY_MS);
    // what happens to the family afterwards, and notes: none of it moves the status
    const later = rand.int(6, 14) - eventCount;
    for (let e = 0, on = last + rand.int(10, 200) * DAY_MS; e < later && on < ctx.now - DAY_MS; e++, on += rand.int(10, 120) * DAY_MS) {
      events.push({ id: rand.uuid(), caseId, type: rand.pick(LATER_EVENTS), date: isoDay(on), datePrecision: "DAY", placeId: null, sentenceMonths: null });
      last = on;
    }
    const year = new Date(opened).getUTCFullYear();
    const number = (ctx.counters.get(year) ?? 0) + 1;
    ctx.counters.set(year, number);
    const roll = rand.next();
    const tags = TAGS.filter(() => rand.chance(0.15));
    cases.push({
      id: caseId,
      reference: `${ctx.prefix}-${year}-${String(number).padStart(4, "0")}`,
      subjectPersonId: subject.id,
      status,
      disclosureLevel: roll < 0.5 ? "PRIVATE" : roll < 0.8 ? "ANONYMISED" : "PUBLIC",
      priority: rand.pick(["LOW", "NORMAL", "NORMAL", "HIGH", "URGENT"]),
      verificationLevel: rand.pick(["REPORTED", "PARTLY_VERIFIED", "CORROBORATED", "DOCUMENTED"]),
      tags: tags.join(","),
      assignedToId: rand.chance(0.85) ? rand.pick(ctx.volunteers) : null,
      lastEventDate: isoDay(last),
      openedAt: new Date(opened),
    });
    const family = 2;
    for (let f = 0; f < family; f++) {
      const relationship = RELATIONSHIPS[(i + f * 3) % RELATIONSHIPS.length] as (typeof RELATIONSHIPS)[number];
      const female = relationship === "WIFE" || relationship === "DAUGHTER" || relationship === "SISTER" || relationship === "MOTHER";
      const contact = addPerson(female, false, null, "KZ", rand.int(0, 2));
      contacts.push({ id: rand.uuid(), caseId, personId: contact.id, relationship, isPrimary: f === 0 });
      if (f === 0 && rand.chance(0.5)) ctx.protesters.push({ personId: contact.id, caseId });
    }
  }

  const org = (n: number) => new Array<string>(n).fill(organizationId);
  const now = new Date(ctx.now);
  await insertUnnest(ctx.client, "people", [
    { name: "id", type: "uuid", values: people.column("id") },
    { name: "organizationId", type: "uuid", values: org(people.size()) },
    { name: "displayName", type: "text", values: people.column("displayName") },
    { name: "gender", type: '"Gender"', values: people.column("gender") },
    { name: "birthDate", type: "date", values: people.column("birthDate") },
    { name: "birthDatePrecision", type: '"DatePrecision"', values: people.column("birthDatePrecision") },
    { name: "ethnicity", type: "text", values: new Array<string>(people.size()).fill("Kazakh") },
    { name: "citizenships", type: "text", values: people.column("citizenship"), expression: "ARRAY[{v}]" },
    { name: "hometownPlaceId", type: "uuid", values: people.column("hometownPlaceId") },
    { name: "updatedAt", type: "timestamptz", values: new Array<Date>(people.size()).fill(now) },
  ]);
  await insertUnnest(ctx.client, "person_names", [
    { name: "id", type: "uuid", values: names.column("id") },
    { name: "organizationId", type: "uuid", values: org(names.size()) },
    { name: "personId", type: "uuid", values: names.column("personId") },
    { name: "value", type: "text", values: names.column("value") },
    { name: "script", type: '"NameScript"', values: names.column("script") },
    { name: "kind", type: '"NameKind"', values: names.column("kind") },
    { name: "isPrimary", type: "boolean", values: names.column("isPrimary") },
    { name: "normalized", type: "text", values: names.column("normalized") },
    { name: "skeleton", type: "text", values: names.column("skeleton") },
    { name: "position", type: "int", values: names.column("position") },
  ]);
  await insertUnnest(ctx.client, "cases", [
    { name: "id", type: "uuid", values: cases.column("id") },
    { name: "organizationId", type: "uuid", values: org(cases.size()) },
    { name: "reference", type: "text", values: cases.column("reference") },
    { name: "subjectPersonId", type: "uuid", values: cases.column("subjectPersonId") },
    { name: "status", type: '"CaseStatus"', values: cases.column("status") },
    { name: "disclosureLevel", type: '"DisclosureLevel"', values: cases.column("disclosureLevel") },
    { name: "priority", type: '"Priority"', values: cases.column("priority") },
    { name: "verificationLevel", type: '"VerificationLevel"', values: cases.column("verificationLevel") },
    { name: "tags", type: "text", values: cases.column("tags"), expression: "CASE WHEN {v} = '' THEN '{}'::text[] ELSE string_to_array({v}, ',') END" },
    { name: "assignedToId", type: "uuid", values: cases.column("assignedToId") },
    { name: "lastEventDate", type: "date", values: cases.column("lastEventDate") },
    { name: "openedAt", type: "timestamptz", values: cases.column("openedAt") },
    { name: "createdAt", type: "timestamptz", values: cases.column("openedAt") },
    { name: "updatedAt", type: "timestamptz", values: cases.column("openedAt") },
  ]);
  await insertUnnest(ctx.client, "case_contacts", [
    { name: "id", type: "uuid", values: contacts.column("id") },
    { name: "organizationId", type: "uuid", values: org(contacts.size()) },
    { name: "caseId", type: "uuid", values: contacts.column("caseId") },
    { name: "personId", type: "uuid", values: contacts.column("personId") },
    { name: "relationship", type: '"Relationship"', values: contacts.column("relationship") },
    { name: "isPrimary", type: "boolean", values: contacts.column("isPrimary") },
  ]);
  await insertUnnest(ctx.client, "case_events", [
    { name: "id", type: "uuid", values: events.column("id") },
    { name: "organizationId", type: "uuid", values: org(events.size()) },
    { name: "caseId", type: "uuid", values: events.column("caseId") },
    { name: "type", type: '"CaseEventType"', values: events.column("type") },
    { name: "date", type: "date", values: events.column("date") },
    { name: "datePrecision", type: '"DatePrecision"', values: events.column("datePrecision") },
    { name: "placeId", type: "uuid", values: events.column("placeId") },
    { name: "sentenceMonths", type: "int", values: events.column("sentenceMonths") },
    { name: "updatedAt", type: "timestamptz", values: new Array<Date>(events.size()).fill(now) },
  ]);
  await writeAuditEvents(ctx, cases.column("id") as string[]);
}

const AUDIT_ACTIONS: [action: string, share: number][] = [
  ["case.view", 0.62],
  ["case.update", 0.14],
  ["case.event.create", 0.1],
  ["case.contact.view", 0.08],
  ["report.generate", 0.06],
];

/** A share of the organisation's audit log about these cases, chained like lib/audit.ts chains it. */
async function writeAuditEvents(ctx: Context, caseIds: string[]): Promise<void> {
  const { rand, organizationId } = ctx;
  const rows = table(["actorUserId", "action", "entityId", "changedFields", "createdAt", "prevHash", "hash"] as const);
  for (let n = 0; n < caseIds.length * AUDIT_EVENTS_PER_CASE; n++) {
    const roll = rand.next();
    let sum = 0;
    const action = AUDIT_ACTIONS.find(([, share]) => (sum += share) > roll)?.[0] ?? "case.view";
    ctx.audit.at += ctx.audit.step;
    const fields: ChainedFields = {
      organizationId,
      actorUserId: rand.pick(ctx.actors),
      action,
      entityType: "Case",
      entityId: rand.pick(caseIds),
      changedFields: action === "case.update" ? ["status"] : [],
      metadata: {},
      ipHash: null,
      createdAt: new Date(Math.floor(ctx.audit.at)),
      prevHash: ctx.audit.prevHash,
    };
    const hash = hashEvent(fields);
    rows.push({ ...fields, changedFields: fields.changedFields.join(","), hash });
    ctx.audit.prevHash = hash;
  }
  // WITH ORDINALITY … ORDER BY: the ids follow the chain's order
  const count = rows.size();
  await timed("audit_events", () => ctx.client.query(
    `INSERT INTO audit_events ("organizationId", "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "createdAt", "prevHash", hash)
     SELECT $1, a, act, 'Case', e, CASE WHEN f = '' THEN '{}'::text[] ELSE string_to_array(f, ',') END, '{}'::jsonb, t, p, h
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[]) WITH ORDINALITY AS u(a, act, e, f, t, p, h, n)
      ORDER BY n`,
    [organizationId, rows.column("actorUserId"), rows.column("action"), rows.column("entityId"), rows.column("changedFields"), rows.column("createdAt"), rows.column("prevHash"), rows.column("hash")],
  ));
  rowsWritten += count;
}

/**
 * The words of every name of the organisation (person_name_tokens) and each person's words once
 * (person_tokens): what the triggers of migrations 20261123182000 and 20261123191242 write per
 * statement, here in two statements for the whole load.
 */
async function writeNameWords(client: pg.ClientBase, organizationId: string): Promise<void> {
  await client.query(
    `INSERT INTO person_name_tokens ("organizationId", "personNameId", "personId", token)
     SELECT DISTINCT n."organizationId", n.id, n."personId", word
       FROM person_names n CROSS JOIN LATERAL unnest(string_to_array(n.skeleton, ' ')) AS word
      WHERE n."organizationId" = $1 AND word <> ''`,
    [organizationId],
  );
  await client.query(
    `INSERT INTO person_tokens ("organizationId", "personId", token)
     SELECT DISTINCT "organizationId", "personId", token FROM person_name_tokens WHERE "organizationId" = $1
     ON CONFLICT DO NOTHING`,
    [organizationId],
  );
}

function policeAction(ctx: Context, who: { personId: string; caseId: string }, protestId: string, startsAt: number) {
  const { rand } = ctx;
  const pending = rand.chance(0.2);
  return {
    id: rand.uuid(),
    personId: who.personId,
    protestId,
    caseId: who.caseId,
    type: rand.pick(["SUMMONS", "WARNING", "DETENTION", "FINE", "ADMINISTRATIVE_ARREST"]),
    date: isoDay(startsAt),
    status: pending ? "PENDING" : "RESOLVED",
    outcome: pending ? null : rand.pick(["WARNING", "FINED", "DISMISSED", "APPEALED"]),
    fine: rand.chance(0.4) ? "69000" : null,
    hearingAt: pending ? new Date(ctx.now + rand.int(1, 40) * DAY_MS) : null,
  };
}

async function writeProtests(ctx: Context, count: number, minPoliceActions: number): Promise<void> {
  const { rand, organizationId } = ctx;
  const protests = table(["id", "startsAt", "city", "kind"] as const);
  const participants = table(["id", "protestId", "personId", "caseId"] as const);
  const police = table(["id", "personId", "protestId", "caseId", "type", "date", "status", "outcome", "fine", "hearingAt"] as const);
  for (let p = 0; p < count && ctx.protesters.length > 0; p++) {
    const id = rand.uuid();
    const startsAt = ctx.now - rand.int(7, 2_000) * DAY_MS;
    protests.push({ id, startsAt: new Date(startsAt), city: rand.chance(0.7) ? "Almaty" : "Astana", kind: rand.pick(["PICKET", "SOLO_PICKET", "PRESS_CONFERENCE", "RALLY"]) });
    const seen = new Set<string>();
    for (let k = 0; k < 5; k++) {
      const who = rand.pick(ctx.protesters);
      if (seen.has(who.personId)) continue;
      seen.add(who.personId);
      participants.push({ id: rand.uuid(), protestId: id, personId: who.personId, caseId: who.caseId });
      if (rand.chance(0.95)) police.push(policeAction(ctx, who, id, startsAt));
    }
  }
  // the register's benchmark needs more actions than protests give: more participants are summoned later
  const protestIds = protests.column("id") as string[];
  const protestStarts = protests.column("startsAt") as Date[];
  while (police.size() < minPoliceActions && protestIds.length > 0 && ctx.protesters.length > 0) {
    const p = rand.int(0, protestIds.length - 1);
    police.push(policeAction(ctx, rand.pick(ctx.protesters), protestIds[p] as string, (protestStarts[p] as Date).getTime() + rand.int(0, 30) * DAY_MS));
  }
  const org = (n: number) => new Array<string>(n).fill(organizationId);
  const now = new Date(ctx.now);
  await insertUnnest(ctx.client, "protests", [
    { name: "id", type: "uuid", values: protests.column("id") },
    { name: "organizationId", type: "uuid", values: org(protests.size()) },
    { name: "startsAt", type: "timestamptz", values: protests.column("startsAt") },
    { name: "city", type: "text", values: protests.column("city") },
    { name: "kind", type: '"ProtestKind"', values: protests.column("kind") },
    { name: "updatedAt", type: "timestamptz", values: new Array<Date>(protests.size()).fill(now) },
  ]);
  await insertUnnest(ctx.client, "protest_participations", [
    { name: "id", type: "uuid", values: participants.column("id") },
    { name: "organizationId", type: "uuid", values: org(participants.size()) },
    { name: "protestId", type: "uuid", values: participants.column("protestId") },
    { name: "personId", type: "uuid", values: participants.column("personId") },
    { name: "caseId", type: "uuid", values: participants.column("caseId") },
  ]);
  await insertUnnest(ctx.client, "police_actions", [
    { name: "id", type: "uuid", values: police.column("id") },
    { name: "organizationId", type: "uuid", values: org(police.size()) },
    { name: "personId", type: "uuid", values: police.column("personId") },
    { name: "protestId", type: "uuid", values: police.column("protestId") },
    { name: "caseId", type: "uuid", values: police.column("caseId") },
    { name: "type", type: '"PoliceActionType"', values: police.column("type") },
    { name: "date", type: "date", values: police.column("date") },
    { name: "status", type: '"PoliceActionStatus"', values: police.column("status") },
    { name: "outcome", type: '"PoliceOutcome"', values: police.column("outcome") },
    { name: "fineAmount", type: "numeric", values: police.column("fine") },
    { name: "hearingAt", type: "timestamptz", values: police.column("hearingAt") },
    { name: "updatedAt", type: "timestamptz", values: new Array<Date>(police.size()).fill(now) },
  ]);
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const url = getEnv().DATABASE_URL;
  if (!url) throw new ConfigError("DATABASE_URL is not set; it must name the database to fill, as its owner.");
  const began = performance.now();
  await timed("migrations", () => prepareDatabase({ ownerUrl: url }));

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [options.slug]);
    const existingId = existing.rows[0]?.id;
    if (existingId && !options.replace) {
      throw new StartupError(`The organisation "${options.slug}" already exists; pass --replace to rebuild it or --org-slug to choose another.`);
    }
    await client.query("BEGIN");
    // the set-based steps at the end sort and group millions of rows: in memory, not in temporary files
    await client.query("SET LOCAL work_mem = '256MB'");
    if (existingId) {
      // Cases first: a case's subject may not be deleted while the case exists.
      await client.query(`DELETE FROM cases WHERE "organizationId" = $1`, [existingId]);
      await client.query(`DELETE FROM organizations WHERE id = $1`, [existingId]);
    }

    const rand = createRandom(options.seed);
    const now = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const organizationId = rand.uuid();
    const prefix = options.slug.replace(/[^a-z]/g, "").slice(0, 2).toUpperCase() || "BN";
    await client.query(
      `INSERT INTO organizations (id, slug, name, "referencePrefix", require2fa, "updatedAt") VALUES ($1, $2, $3, $4, false, now())`,
      [organizationId, options.slug, `Benchmark (${options.slug})`, prefix],
    );
    // Members for the benchmark's contexts; one shared password hash keeps this fast.
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const roles: string[] = [...BENCH_ROLES];
    const userIds = roles.map(() => rand.uuid());
    await client.query(
      `INSERT INTO users (id, email, name, "passwordHash", "updatedAt")
       SELECT id, email, name, $4, now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, email, name)
       ON CONFLICT (email) DO NOTHING`,
      [userIds, roles.map((role, i) => benchEmail(options.slug, role, i)), roles.map((role, i) => `${role} ${i}`), passwordHash],
    );
    const users = await client.query<{ id: string; email: string }>(`SELECT id, email FROM users WHERE email LIKE $1`, [`%@${options.slug}.bench.example`]);
    const idByEmail = new Map(users.rows.map((row) => [row.email, row.id]));
    const memberIds = roles.map((role, i) => idByEmail.get(benchEmail(options.slug, role, i)) as string);
    await client.query(
      `INSERT INTO memberships ("userId", "organizationId", role, "updatedAt")
       SELECT u, $2, r::"Role", now() FROM unnest($1::uuid[], $3::text[]) AS x(u, r)`,
      [memberIds, organizationId, roles],
    );
    const places = await client.query<{ id: string }>(`SELECT id FROM places WHERE code LIKE 'XJ-%' ORDER BY code`);
    const ctx: Context = {
      client,
      rand,
      organizationId,
      prefix,
      volunteers: memberIds.filter((_, i) => roles[i] === "VOLUNTEER"),
      hometowns: places.rows.map((row) => row.id),
      counters: new Map(),
      protesters: [],
      now,
      actors: memberIds.filter((_, i) => roles[i] !== "ANALYST"),
      audit: { prevHash: GENESIS_HASH, at: now - 730 * DAY_MS, step: (730 * DAY_MS) / (options.cases * AUDIT_EVENTS_PER_CASE) },
    };
    // A rebuilt organisation keeps its id, and the audit log is append-only: its new events continue the chain.
    const head = await client.query<{ hash: string; createdAt: Date }>(
      `SELECT hash, "createdAt" FROM audit_events WHERE "organizationId" = $1 ORDER BY id DESC LIMIT 1`,
      [organizationId],
    );
    if (head.rows[0]) {
      ctx.audit.prevHash = head.rows[0].hash;
      ctx.audit.at = Math.max(ctx.audit.at, head.rows[0].createdAt.getTime());
    }

    // Bulk load: the secondary indexes of the tables written are far cheaper to build once than to grow
    // row by row, and what the triggers derive (name words, UN readiness, the dashboard's summaries) is
    // cheaper to compute once for every case than batch by batch, three times per case (its row, its
    // contacts, its events). So, in this one transaction (a failed run changes nothing): the indexes
    // that back no constraint are dropped and recreated from their exact definitions, the user triggers
    // of these tables are off, and the derived rows are written set-based at the end. Foreign keys stay on.
    const loadIndexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.relname AS indexname, pg_get_indexdef(i.oid) AS indexdef
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1::text[]) AND NOT x.indisunique AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
      [INDEXED_AFTER_LOAD],
    );
    for (const index of loadIndexes.rows) await client.query(`DROP INDEX ${pg.escapeIdentifier(index.indexname)}`);
    for (const name of TRIGGERS_OFF) await client.query(`ALTER TABLE ${pg.escapeIdentifier(name)} DISABLE TRIGGER USER`);

    for (let done = 0; done < options.cases; done += BATCH_CASES) {
      await writeCaseBatch(ctx, Math.min(BATCH_CASES, options.cases - done));
      // the dashboard's counts of this batch now, rather than of every case at once when the load commits
      await client.query("SELECT dashboard_flush()");
      const seconds = (performance.now() - began) / 1000;
      process.stdout.write(`\r${Math.min(done + BATCH_CASES, options.cases)} / ${options.cases} cases, ${rowsWritten} rows, ${Math.round(rowsWritten / seconds)} rows/s   `);
    }
    await writeProtests(ctx, Math.ceil(options.cases / 5), options.policeActions);
    await client.query(
      `INSERT INTO case_reference_counters ("organizationId", year, "lastNumber") SELECT $1, y, n FROM unnest($2::int[], $3::int[]) AS c(y, n)`,
      [organizationId, [...ctx.counters.keys()], [...ctx.counters.values()]],
    );
    process.stdout.write("\nName words, indexes, UN readiness and dashboard summaries…");
    await timed("name words", () => writeNameWords(client, organizationId));
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    await timed("indexes", async () => {
      for (const index of loadIndexes.rows) await client.query(index.indexdef);
    });
    for (const name of TRIGGERS_OFF) await client.query(`ALTER TABLE ${pg.escapeIdentifier(name)} ENABLE TRIGGER USER`);
    // statistics of what they read first, so the recomputations below get plans for the data as it now is
    await timed("analyse", async () => {
      for (const name of ["people", "cases", "case_contacts", "case_events"]) await client.query(`ANALYZE ${pg.escapeIdentifier(name)}`);
    });
    await timed("UN readiness", () =>
      client.query(`SELECT app_un_readiness_refresh(ARRAY(SELECT id FROM cases WHERE "organizationId" = $1))`, [organizationId]),
    );
    await timed("dashboard summaries", () => client.query(`SELECT dashboard_rebuild($1)`, [organizationId]));
    // the rebuild counted every case, person and police action: what the protests' and police actions'
    // triggers noted needs no second count at commit
    await client.query(`DO $$ BEGIN
      IF to_regclass('pg_temp.dashboard_pending_cases') IS NOT NULL THEN DELETE FROM pg_temp.dashboard_pending_cases; END IF;
      IF to_regclass('pg_temp.dashboard_pending_people') IS NOT NULL THEN DELETE FROM pg_temp.dashboard_pending_people; DELETE FROM pg_temp.dashboard_pending_police; END IF;
    END $$`);
    // the people went in without the duplicate check of the person form: a background scan compares them
    await client.query(`UPDATE organizations SET "duplicatesScannedAt" = NULL WHERE id = $1`, [organizationId]);
    await client.query(`SELECT app_request_duplicate_scan($1)`, [organizationId]);
    await timed("commit", () => client.query("COMMIT"));
    // Every table written: the visibility map lets the list and name look-ups read their indexes alone
    // (index-only scans), and the planner gets the statistics of the data as it now is.
    process.stdout.write("\nVacuuming and analysing…");
    await timed("vacuum", async () => {
      for (const name of WRITTEN_TABLES) await client.query(`VACUUM (ANALYZE) ${pg.escapeIdentifier(name)}`);
    });
    const seconds = (performance.now() - began) / 1000;
    process.stdout.write("\n");
    console.log(
      `Wrote ${options.cases} cases (${rowsWritten} rows) for "${options.slug}" in ${seconds.toFixed(1)} s: ${Math.round(rowsWritten / seconds)} rows/s.`,
    );
    console.log(`Seconds per step: ${[...stepSeconds].map(([step, spent]) => `${step} ${spent.toFixed(1)}`).join(", ")}.`);
    console.log(`Members: admin0@${options.slug}.bench.example and others, password ${BENCH_PASSWORD} (demo mode only).`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof MigrationError || error instanceof StartupError;
  console.error(known ? (error as Error).message : `The large seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
