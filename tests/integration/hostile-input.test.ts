// The probe's examples of malformed input, each of which once answered 500: every one is now a 4xx with a
// JSON error body in the caller's language, a message per field where a field is at fault, and no row.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCases, POST as createCase } from "../../app/api/v1/cases/route";
import { POST as createPerson } from "../../app/api/v1/people/route";
import { GET as listPlaces } from "../../app/api/v1/places/route";
import { GET as listPoliceActions, POST as createPoliceAction } from "../../app/api/v1/police-actions/route";
import { GET as listProtests, POST as createProtest } from "../../app/api/v1/protests/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function tokenFor(member: TestMember): Promise<string> {
  const token = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'test', $3)`, [
    member.organizationId,
    member.userId,
    hashApiToken(token),
  ]);
  return token;
}

let token: string;
let personId: string;
let org: TestOrg;

async function send(handler: Handler, method: string, path: string, body?: string): Promise<{ status: number; json: { error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } } }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "accept-language": "ru" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`http://localhost${path}`, { method, headers, body }), { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as never };
}

async function rows(table: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "organizationId" = $1`, [org.id]);
  return row!.n;
}

beforeAll(async () => {
  org = await createOrg("Atazhurt", "AT");
  const coordinator = await createMember(org, "COORDINATOR");
  token = await tokenFor(coordinator);
  const created = await send(createPerson, "POST", "/api/v1/people", JSON.stringify({ names: [{ value: "Serik Probe" }] }));
  personId = (created.json as unknown as { id: string }).id;
});

describe("a malformed request body is a clear 4xx, never a 500", () => {
  it.each([
    ["the JSON value null", "null"],
    ["an empty body", ""],
    ["a JSON number", "42"],
    ["a JSON string", '"Serik"'],
  ])("POST /api/v1/people with %s is refused and writes nothing", async (_name, body) => {
    const before = await rows("people");
    const answer = await send(createPerson, "POST", "/api/v1/people", body);
    expect([400, 422]).toContain(answer.status);
    expect(answer.json.error?.message).toMatch(/[а-яё]/i);
    expect(await rows("people")).toBe(before);
  });

  it("POST /api/v1/people with a NUL character in a name names the field, in the caller's language", async () => {
    const before = await rows("people");
    const answer = await send(createPerson, "POST", "/api/v1/people", JSON.stringify({ names: [{ value: "Ser\u0000ik" }] }));
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.json.error?.fieldErrors ?? {})).toEqual(["names.0.value"]);
    expect(answer.json.error?.fieldErrors?.["names.0.value"]?.[0]).toMatch(/[а-яё]/i);
    expect(await rows("people")).toBe(before);
  });
});

describe("an impossible date is refused per field", () => {
  it.each(["2018-02-30", "0001-01-01", "9999-12-31", "20180101", "2018-01-01T00:00:00Z", "31.04.2018"])(
    "POST /api/v1/cases with consentGivenAt %s",
    async (consentGivenAt) => {
      const before = await rows("cases");
      const answer = await send(
        createCase,
        "POST",
        "/api/v1/cases",
        JSON.stringify({ subject: { personId }, disclosureLevel: "PUBLIC", consentGivenBy: "Sister", consentGivenAt }),
      );
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.json.error?.fieldErrors ?? {})).toContain("consentGivenAt");
      expect(await rows("cases")).toBe(before);
    },
  );

  it.each(["not a date", "2024-01-01T25:00:00Z", "2024-02-30T10:00:00Z", "9999-12-31T10:00:00Z"])(
    "POST /api/v1/police-actions with hearingAt %s",
    async (hearingAt) => {
      const before = await rows("police_actions");
      const answer = await send(
        createPoliceAction,
        "POST",
        "/api/v1/police-actions",
        JSON.stringify({ personId, type: "SUMMONS", date: "2024-01-01", hearingAt }),
      );
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.json.error?.fieldErrors ?? {})).toContain("hearingAt");
      expect(await rows("police_actions")).toBe(before);
    },
  );

  it.each(["0001-01-01", "9999-12-31", "2200-01-01", "1899-12-31"])("POST /api/v1/police-actions with the action's date %s", async (date) => {
    const answer = await send(createPoliceAction, "POST", "/api/v1/police-actions", JSON.stringify({ personId, type: "SUMMONS", date }));
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.json.error?.fieldErrors ?? {})).toContain("date");
  });

  it("POST /api/v1/protests with startsAt 2018-02-30 is refused, not stored as 2 March", async () => {
    const before = await rows("protests");
    const answer = await send(createProtest, "POST", "/api/v1/protests", JSON.stringify({ startsAt: "2018-02-30T11:00", city: "Almaty", kind: "PICKET" }));
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.json.error?.fieldErrors ?? {})).toContain("startsAt");
    expect(await rows("protests")).toBe(before);
  });

  it.each([
    ["1899-12-31", "DAY"],
    ["1849-12-31", "DAY"],
    ["31.04.2018", "DAY"],
    ["2999-01-01", "DAY"],
    ["0001", "YEAR"],
    ["0001-01-01", "YEAR"],
  ])("POST /api/v1/people with birth date %s (%s)", async (birthDate, birthDatePrecision) => {
    const answer = await send(createPerson, "POST", "/api/v1/people", JSON.stringify({ names: [{ value: "Birth Probe" }], birthDate, birthDatePrecision }));
    if (birthDate === "1899-12-31") expect(answer.status).toBe(201);
    else {
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.json.error?.fieldErrors ?? {})).toContain("birthDate");
    }
  });
});

describe("a malformed query string is a clear 4xx or an empty answer, never a 500", () => {
  const lists: Record<string, Handler> = { cases: listCases, protests: listProtests, "police-actions": listPoliceActions, places: listPlaces };
  it.each([
    ["cases", "from=9999-99-99"],
    ["cases", "to=0000-00-00"],
    ["cases", "q=%00"],
    ["protests", "q=%00"],
    ["police-actions", "q=%00"],
    ["places", "q=%00"],
    ["protests", "from=2018-02-30"],
    ["police-actions", "to=9999-99-99"],
  ])("GET /api/v1/%s?%s", async (name, query) => {
    const answer = await send(lists[name]!, "GET", `/api/v1/${name}?${query}`);
    expect([200, 400, 422]).toContain(answer.status);
    if (answer.status !== 200) expect(answer.json.error?.message).toMatch(/[а-яё]/i);
  });
});
