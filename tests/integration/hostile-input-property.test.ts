// Property: whatever an attacker sends, the app answers it without crashing. Every JSON API route and
// every server action (both read from the file tree, so a new one is covered the day it is added) gets
// generated hostile bodies, query strings and arguments: null, scalars, NUL characters, impossible dates,
// huge numbers, deep nesting, LIKE wildcards, well-formed records with one field poisoned. Each answer:
// - is never a 5xx, and a refused API request answers a JSON error body with translated field messages;
// - a refused action returns its error (never throws, never INTERNAL);
// - a refused request wrote no row in any table.
// Bounded runs per route keep the file to a minute or two (HOSTILE_RUNS raises them for a deeper search).
import path from "node:path";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import { createAdvocacyAction } from "@/lib/advocacy/create-advocacy-action";
import { createCase } from "@/lib/cases/create-case";
import { addEvent } from "@/lib/cases/events";
import { addNote } from "@/lib/notes/notes";
import { createPerson } from "@/lib/people/create-person";
import { createPoliceAction } from "@/lib/police-actions/create-police-action";
import { createProtest } from "@/lib/protests/create-protest";
import { actionFiles, ROOT, routeFiles, type Method } from "../helpers/app-surface";
import { createMember, createOrg, type TestMember } from "../helpers/factories";

// Server actions read the request through next/headers; here it is the acting member's cookie.
const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "qamqor_session" && request.cookie ? { name, value: request.cookie } : undefined),
    getAll: () => [],
    has: (name: string) => name === "qamqor_session" && Boolean(request.cookie),
    set: () => undefined,
    delete: () => undefined,
  }),
  headers: async () => new Headers({ "user-agent": "hostile input", "x-forwarded-for": "203.0.113.7", origin: BASE }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const BASE = "http://127.0.0.1:3100";
const RUNS = Number(process.env.HOSTILE_RUNS ?? 15);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// ─── what an attacker sends ───────────────────────────────────────────────────────────────────────

const NASTY = [
  "", " ", "\u0000", "Ser\u0000ik", "null", "undefined", "%", "_", "%_%", "\\", "%00", "'; DROP TABLE cases; --",
  "2018-02-30", "0001-01-01", "9999-12-31", "9999-99-99", "0000-00-00", "20180101", "2018-2-3", "2018-01-01T00:00:00Z",
  "2024-01-01T25:00:00Z", "2024-13-01T10:00", "not a date", "1e309", "-1", "0", "NaN", "Infinity", "1.5", "99999999999999999999",
  "x".repeat(3000), "\u202eevil", "\ud800", "🙂", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "../../etc/passwd",
  "<script>alert(1)</script>", "PRIVATE", "PUBLIC", "ADMIN", "DAY", "YEAR", "LEGAL", "SUMMONS", "PICKET", "FINE", "WARNING",
];
const FIELDS = [
  "names", "value", "kind", "gender", "birthDate", "birthDatePrecision", "deathDate", "deathDatePrecision", "contact", "phone",
  "notes", "subject", "person", "personId", "caseId", "contacts", "relationship", "disclosureLevel", "consentGivenBy",
  "consentGivenAt", "status", "priority", "tags", "summary", "version", "type", "date", "datePrecision", "description",
  "startsAt", "city", "location", "participants", "role", "newPerson", "name", "hearingAt", "outcome", "outcomeDate",
  "appealResult", "appealResultDate", "fineAmount", "detentionHours", "recipient", "response", "responseDate", "survivorId",
  "mergedId", "reason", "confirmation", "title", "dueDate", "body", "email", "password", "token", "code", "membershipId",
  "tokenId", "organizationId", "scope", "defaultLocale", "require2fa", "assignedToId", "url", "publishedAt", "q", "__proto__",
];
const QUERY_KEYS = ["q", "from", "to", "page", "pageSize", "version", "personId", "caseId", "protestId", "days", "sort", "dir", "status", "type", "city", "entityId", "action", "deleted", "hometown", "bornFrom"];
const RAW_QUERIES = ["q=%00", "from=9999-99-99", "to=0000-00-00", "q=%25", "q=_", "page=-1", "pageSize=1e9", "q=%E0%A4%A", "version=abc", "days=-5", "from=2018-02-30&to=2018-01-01", "q=" + "a".repeat(500)];

/** Real ids of the organisation's own records, so that hostile bodies get past "not found" to the parsing. */
interface Ids {
  personId: string;
  caseId: string;
  eventId: string;
  noteId: string;
  protestId: string;
  policeActionId: string;
  advocacyActionId: string;
  tokenId: string;
}

function arbitraries(ids: Ids) {
  const realIds = Object.values(ids);
  const hostileString = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY, ...realIds) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
  const hostileScalar = fc.oneof(
    { weight: 5, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 1.5, -0, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, true, false, null) },
  );
  const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      { weight: 6, arbitrary: hostileScalar },
      { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 3 }) },
    ),
  }));
  const hostileObject = fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 6 });
  // well-formed records of every kind with a few fields poisoned: these get furthest into the services
  const bases: Record<string, unknown>[] = [
    { names: [{ value: "Hostile Person" }], birthDate: "1970", birthDatePrecision: "YEAR" },
    { subject: { personId: ids.personId }, disclosureLevel: "PRIVATE" },
    { subject: { person: { names: [{ value: "Hostile Subject" }] } }, contacts: [{ personId: ids.personId, relationship: "SISTER" }] },
    { type: "DETAINED", date: "2018", version: 1 },
    { startsAt: `${day(-3)}T11:00`, city: "Almaty", kind: "PICKET", participants: [{ personId: ids.personId }], version: 1 },
    { personId: ids.personId, type: "SUMMONS", date: day(-3), hearingAt: `${day(5)}T10:00`, version: 1 },
    { version: 1, outcome: "WARNING", outcomeDate: day(-1) },
    { caseId: ids.caseId, type: "LETTER", date: day(-3), recipient: "Akimat", version: 1 },
    { version: 1, response: "Reply", responseDate: day(-1) },
    { title: "Follow up", dueDate: day(3) },
    { kind: "MEDIA_REPORT", title: "Report", publishedAt: day(-9) },
    { body: "A note" },
    { version: 1, priority: "LOW", consentGivenAt: day(-2) },
    { names: ["Nurlan", "Aigerim"], birthDate: "1980-01-01", birthDatePrecision: "DAY" },
    { survivorId: ids.personId, mergedId: ids.personId, reason: "Same" },
    { reason: "FAMILY_REQUEST", confirmation: "Hostile Person", version: 1 },
    { name: "script token" },
    { participants: [{ personId: ids.personId }] },
  ];
  const poisoned = fc.tuple(fc.constantFrom(...bases), hostileObject).map(([base, poison]) => ({ ...base, ...poison }));
  const bodyText = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom("", "null", "[]", "{}", "0", '"x"', "{", "[null]", "true", '{"__proto__":{"polluted":1}}', '"\\u0000"', '{"names":null}') },
    { weight: 3, arbitrary: poisoned.map((body) => JSON.stringify(body)) },
    { weight: 2, arbitrary: hostileObject.map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body) => JSON.stringify(body) ?? "null") },
    { weight: 1, arbitrary: hostileString },
  );
  const query = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES) },
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...QUERY_KEYS), hostileString, { maxKeys: 4 }).map((q) => new URLSearchParams(q).toString()) },
  );
  const pathParam = fc.oneof({ weight: 3, arbitrary: fc.constant("real") }, { weight: 1, arbitrary: hostileString });
  const argument = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...realIds) },
    { weight: 3, arbitrary: poisoned },
    { weight: 2, arbitrary: hostileValue },
    { weight: 1, arbitrary: hostileObject },
  );
  return { bodyText, query, pathParam, argument };
}

// ─── what must hold ───────────────────────────────────────────────────────────────────────────────

let owner: pg.Client;
let countSql: string;

/** Rows per table, all tables but the append-only logs and session bookkeeping a refused attempt may touch. */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await owner.query<{ name: string; n: number }>(countSql);
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.n)]));
}

/** A translated message is a sentence, never a bare message key such as "invalidDate". */
function expectTranslated(fieldErrors: Record<string, string[]> | undefined, shown: string): void {
  for (const messages of Object.values(fieldErrors ?? {})) {
    for (const message of messages) expect(message, shown).toMatch(/\s|[^\x20-\x7e]/);
  }
}

let admin: TestMember;
let ids: Ids;
let arb: ReturnType<typeof arbitraries>;

async function freshCookie(): Promise<string> {
  const { sessionId } = await createSession({ userId: admin.userId, organizationId: admin.organizationId });
  return sessionCookieValue(sessionId);
}

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const { rows: tables } = await owner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('_prisma_migrations', 'audit_events', 'login_attempts', 'user_sessions') ORDER BY table_name`,
  );
  countSql = tables.map(({ table_name }) => `SELECT '${table_name}' AS name, count(*) AS n FROM "${table_name}"`).join("\nUNION ALL\n");

  const org = await createOrg("Hostile", "HX");
  admin = await createMember(org, "ADMIN");
  const person = await createPerson(admin, { names: [{ value: "Hostile Person" }], contact: { phone: "+7 701 000 00 00" } });
  const relative = await createPerson(admin, { names: [{ value: "Hostile Relative" }] });
  const opened = await createCase(admin, { subject: { personId: person.id }, contacts: [{ personId: relative.id, relationship: "SISTER" }] });
  const event = await addEvent(admin, opened.id, { type: "DETAINED", date: "2018" });
  const note = await addNote(admin, opened.id, { body: "A note" });
  const protest = await createProtest(admin, { startsAt: `${day(-5)}T11:00`, city: "Almaty", kind: "PICKET", participants: [{ personId: relative.id }] });
  const police = await createPoliceAction(admin, { personId: relative.id, type: "SUMMONS", date: day(-4), protestId: protest.id });
  const advocacy = await createAdvocacyAction(admin, { caseId: opened.id, type: "LETTER", date: day(-3), recipient: "Akimat" });
  const token = await createApiToken(admin, { name: "their script" });
  ids = {
    personId: person.id,
    caseId: opened.id,
    eventId: event.id,
    noteId: note.id,
    protestId: protest.id,
    policeActionId: police.id,
    advocacyActionId: advocacy.id,
    tokenId: token.id,
  };
  arb = arbitraries(ids);
}, 60_000);

afterAll(async () => {
  await owner.end();
});

/** The real id for a path parameter, by its name (and, for `actionId`, by the area of the route). */
function realParam(key: string, name: string): string {
  if (name === "actionId") return key.startsWith("advocacy") ? ids.advocacyActionId : ids.policeActionId;
  const byName: Record<string, string> = { caseId: ids.caseId, personId: ids.personId, protestId: ids.protestId, eventId: ids.eventId, tokenId: ids.tokenId };
  return byName[name] ?? ids.personId;
}

/** A URL cannot carry a lone surrogate (the browser would send U+FFFD): the same here. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udfff]/gu, "\ufffd");

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = await routeFiles();
const ROUTE_CASES = routes.flatMap(({ key, methods }) => methods.map((method) => ({ key, method })));
const actions = await actionFiles();
const ACTION_CASES = actions.flatMap(({ key, file, actions: names }) => names.map((name) => ({ key, file, name })));

describe("hostile input to every JSON API route", () => {
  it("finds the routes to attack", () => {
    expect(ROUTE_CASES.length).toBeGreaterThan(30);
  });

  it.each(ROUTE_CASES.map((c) => [`${c.method} /api/v1/${c.key}`, c] as const))("%s never answers 5xx and refuses cleanly", async (_name, { key, method }) => {
    const routeModule = (await import(path.join(ROOT, "app/api/v1", key, "route.ts"))) as Record<Method, RouteHandler>;
    const paramNames = [...key.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    const cookie = await freshCookie();
    // rows as they should be: unchanged by a refusal, re-read after an answer that may have written
    let expected = await rowCounts();
    await fc.assert(
      fc.asyncProperty(fc.array(arb.pathParam, { minLength: paramNames.length, maxLength: paramNames.length }), arb.query, arb.bodyText, async (paramValues, query, body) => {
        const params = Object.fromEntries(paramNames.map((name, i) => [name, paramValues[i] === "real" ? realParam(key, name) : String(paramValues[i])]));
        const url = `${BASE}/api/v1/${key.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(wellFormed(params[name]!)))}${query ? `?${query}` : ""}`;
        const hasBody = method !== "GET";
        const headers = new Headers({ cookie: `${SESSION_COOKIE}=${cookie}`, origin: BASE, "accept-language": "ru" });
        if (hasBody) headers.set("content-type", "application/json");
        const response = await routeModule[method](new Request(url, { method, headers, body: hasBody ? body : undefined }), { params: Promise.resolve(params) });
        const text = await response.text();
        const shown = `${method} ${url} ${JSON.stringify(body).slice(0, 400)} → ${response.status} ${text.slice(0, 400)}`;
        expect(response.status, shown).toBeLessThan(500);
        if (response.status >= 400) {
          const answer = JSON.parse(text) as { error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> } };
          expect(typeof answer.error?.code, shown).toBe("string");
          expect(answer.error?.message, shown).toMatch(/[а-яё]/i);
          expectTranslated(answer.error?.fieldErrors, shown);
          expect(await rowCounts(), shown).toEqual(expected);
        } else expected = await rowCounts();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});

describe("hostile arguments to every server action", () => {
  it("finds the actions to attack", () => {
    expect(ACTION_CASES.length).toBeGreaterThan(40);
  });

  it.each(ACTION_CASES.map((c) => [`${c.name} (app/${c.key})`, c] as const))("%s never crashes and refuses cleanly", async (_name, { file, name }) => {
    const actionsModule = (await import(file)) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const action = actionsModule[name]!;
    const arity = Math.max(action.length, 1);
    let expected = await rowCounts();
    await fc.assert(
      fc.asyncProperty(fc.array(arb.argument, { minLength: arity, maxLength: arity }), async (args) => {
        // each call gets a session of its own: signing out or switching must not end the next call's
        request.cookie = await freshCookie();
        const shown = `${name}(${JSON.stringify(args).slice(0, 400)})`;
        let result: { ok?: boolean; error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> } } | undefined;
        try {
          result = (await action(...args)) as typeof result;
        } catch (error) {
          // navigation is how an action ends (redirect after sign-in, not-found): not a crash
          const digest = String((error as { digest?: string }).digest ?? "");
          expect(digest, `${shown} threw ${String(error)}`).toMatch(/^NEXT_REDIRECT|^NEXT_HTTP_ERROR_FALLBACK;404/);
          expected = await rowCounts();
          return;
        } finally {
          request.cookie = "";
        }
        if (result && result.ok === false) {
          const outcome = `${shown} → ${JSON.stringify(result).slice(0, 400)}`;
          expect(result.error?.code, outcome).not.toBe("INTERNAL");
          expect(typeof result.error?.message, outcome).toBe("string");
          expectTranslated(result.error?.fieldErrors, outcome);
          expect(await rowCounts(), outcome).toEqual(expected);
        } else expected = await rowCounts();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});
