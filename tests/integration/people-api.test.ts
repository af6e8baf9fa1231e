import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne, PATCH } from "../../app/api/v1/people/[personId]/route";
import { POST as findDuplicates } from "../../app/api/v1/people/duplicates/route";
import { GET as list, POST as create } from "../../app/api/v1/people/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function tokenFor(member: TestMember): Promise<string> {
  const token = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'test', $3)`, [
    member.organizationId,
    member.userId,
    hashApiToken(token),
  ]);
  return token;
}

function call(method: string, path: string, token: string | null, body?: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}), "accept-language": "en" },
    body: body ? JSON.stringify(body) : undefined,
  });
}

const noParams = { params: Promise.resolve({}) };
const params = (personId: string) => ({ params: Promise.resolve({ personId }) });

describe("the people JSON API", () => {
  let coordinatorToken: string;
  let volunteerToken: string;
  let analystToken: string;
  let outsiderToken: string;

  beforeAll(async () => {
    const org = await createOrg("Atazhurt", "AT");
    coordinatorToken = await tokenFor(await createMember(org, "COORDINATOR"));
    volunteerToken = await tokenFor(await createMember(org, "VOLUNTEER"));
    analystToken = await tokenFor(await createMember(org, "ANALYST"));
    outsiderToken = await tokenFor(await createMember(await createOrg("Other", "OT"), "ADMIN"));
  });

  it("creates, reads, searches, edits and deletes a person with a personal access token", async () => {
    const created = await create(
      call("POST", "/api/v1/people", coordinatorToken, {
        names: [{ value: "Жанар Сейітқызы" }, { value: "Zhanar Seitkyzy", kind: "TRANSLITERATION" }],
        gender: "FEMALE",
        contact: { phone: "+7 705 000 00 01" },
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const person = (await created.json()) as { id: string; version: number; names: { script: string }[] };
    expect(person.names.map((n) => n.script)).toEqual(["CYRILLIC", "LATIN"]);

    const found = await list(call("GET", "/api/v1/people?q=Janar&pageSize=5", volunteerToken), noParams);
    expect(found.status).toBe(200);
    const page = (await found.json()) as { total: number; items: { id: string }[] };
    expect(page.items.map((p) => p.id)).toContain(person.id);

    const asVolunteer = (await (await getOne(call("GET", `/api/v1/people/${person.id}`, volunteerToken), params(person.id))).json()) as {
      contact: unknown;
      contactVisible: boolean;
    };
    expect(asVolunteer).toMatchObject({ contact: null, contactVisible: false });

    const edited = await PATCH(call("PATCH", `/api/v1/people/${person.id}`, coordinatorToken, { version: person.version, ethnicity: "Kazakh" }), params(person.id));
    expect(edited.status).toBe(200);
    const stale = await PATCH(call("PATCH", `/api/v1/people/${person.id}`, volunteerToken, { version: person.version, ethnicity: "Uyghur" }), params(person.id));
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as { error: { code: string; details: { current: { version: number; ethnicity: string } } } };
    expect(conflict.error.code).toBe("CONFLICT");
    expect(conflict.error.details.current).toMatchObject({ version: person.version + 1, ethnicity: "Kazakh" });

    const duplicates = await findDuplicates(call("POST", "/api/v1/people/duplicates", volunteerToken, { names: ["Zhanar Seitqyzy"] }), noParams);
    expect(((await duplicates.json()) as { id: string }[]).map((c) => c.id)).toContain(person.id);

    expect((await DELETE(call("DELETE", `/api/v1/people/${person.id}`, volunteerToken), params(person.id))).status).toBe(403);
    expect((await DELETE(call("DELETE", `/api/v1/people/${person.id}`, coordinatorToken), params(person.id))).status).toBe(204);
    expect((await getOne(call("GET", `/api/v1/people/${person.id}`, volunteerToken), params(person.id))).status).toBe(404);
  });

  it("answers bad input with 422 and a translated message per field", async () => {
    const response = await create(
      call("POST", "/api/v1/people", coordinatorToken, { names: [], birthDate: "1990-01-01", birthDatePrecision: "DAY", deathDate: "1980", deathDatePrecision: "YEAR" }),
      noParams,
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["deathDate", "names"]);
    expect(body.error.fieldErrors.deathDate![0]).not.toBe("dateOrder");
  });

  it("refuses analysts, strangers without a token, and hides another organisation's people", async () => {
    expect((await list(call("GET", "/api/v1/people", analystToken), noParams)).status).toBe(403);
    expect((await list(call("GET", "/api/v1/people", null), noParams)).status).toBe(401);
    const created = (await (await create(call("POST", "/api/v1/people", coordinatorToken, { names: [{ value: "Private Person" }] }), noParams)).json()) as { id: string };
    expect((await getOne(call("GET", `/api/v1/people/${created.id}`, outsiderToken), params(created.id))).status).toBe(404);
    const theirs = (await (await list(call("GET", "/api/v1/people?q=Private", outsiderToken), noParams)).json()) as { total: number };
    expect(theirs.total).toBe(0);
  });
});
