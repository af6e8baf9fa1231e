import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createPersonRoute } from "../../app/api/v1/people/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { loadMessages } from "../../lib/i18n/messages";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function tokenFor(member: TestMember): Promise<string> {
  const token = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'idem', $3)`, [
    member.organizationId,
    member.userId,
    hashApiToken(token),
  ]);
  return token;
}

function post(token: string, body: unknown, key?: string): Promise<Response> {
  return createPersonRoute(
    new Request("http://localhost/api/v1/people", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en", ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

const people = async (name: string) => Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "displayName" = $1`, [name]))[0]?.n);

describe("idempotency keys on API creates", () => {
  let token: string;
  let otherToken: string;
  let errors: Record<string, string>;

  beforeAll(async () => {
    const org = await createOrg("Idempotent group", "ID");
    token = await tokenFor(await createMember(org, "COORDINATOR"));
    otherToken = await tokenFor(await createMember(org, "COORDINATOR"));
    errors = (await loadMessages("en")).errors as Record<string, string>;
  });

  it("answers a retry with the same key with the first answer and creates nothing more", async () => {
    const key = randomUUID();
    const body = { names: [{ value: "Retry Once" }], contact: { phone: "+7 701 555 00 11" } };
    const first = await post(token, body, key);
    expect(first.status).toBe(201);
    const created = await first.json();
    const again = await post(token, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(created);
    expect(await people("Retry Once")).toBe(1);
    // the stored answer holds the contact details, so it is kept encrypted
    const [row] = await ownerQuery<{ responseEnc: string }>(`SELECT "responseEnc" FROM idempotency_keys WHERE key = $1`, [key]);
    expect(row?.responseEnc).not.toMatch(/555.?00.?11/);
  });

  it("refuses the same key with a different body with 422 and creates nothing", async () => {
    const key = randomUUID();
    expect((await post(token, { names: [{ value: "Key Owner" }] }, key)).status).toBe(201);
    const reused = await post(token, { names: [{ value: "Key Thief" }] }, key);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { message: string } }).error.message).toBe(errors.idempotencyKeyReused);
    expect(await people("Key Thief")).toBe(0);
  });

  it("makes exactly one record of a double submit sent at the same moment", async () => {
    const key = randomUUID();
    const body = { names: [{ value: "Double Click" }] };
    const answers = await Promise.all([post(token, body, key), post(token, body, key), post(token, body, key)]);
    expect(answers.map((a) => a.status).every((s) => s === 201 || s === 409)).toBe(true);
    expect(answers.filter((a) => a.status === 201 && a.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    expect(await people("Double Click")).toBe(1);
  });

  it("keeps each user's keys apart", async () => {
    const key = randomUUID();
    expect((await post(token, { names: [{ value: "Shared Key Person" }] }, key)).status).toBe(201);
    const other = await post(otherToken, { names: [{ value: "Shared Key Person" }] }, key);
    expect(other.status).toBe(201);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    expect(await people("Shared Key Person")).toBe(2);
  });

  it("frees the key when the create is refused, so the corrected retry goes through", async () => {
    const key = randomUUID();
    expect((await post(token, { names: [] }, key)).status).toBe(422);
    expect((await post(token, { names: [{ value: "Corrected Retry" }] }, key)).status).toBe(201);
    expect(await people("Corrected Retry")).toBe(1);
  });

  it("forgets a key after 24 hours", async () => {
    const key = randomUUID();
    const body = { names: [{ value: "Next Day" }] };
    expect((await post(token, body, key)).status).toBe(201);
    await ownerQuery(`UPDATE idempotency_keys SET "expiresAt" = now() - interval '1 minute' WHERE key = $1`, [key]);
    expect((await post(token, body, key)).headers.get("idempotent-replayed")).toBeNull();
    expect(await people("Next Day")).toBe(2);
  });

  it("refuses a malformed key with 400 and creates nothing", async () => {
    const answer = await post(token, { names: [{ value: "Bad Key" }] }, "x".repeat(201));
    expect(answer.status).toBe(400);
    expect(await people("Bad Key")).toBe(0);
  });

  it("creates as before without a key", async () => {
    const body = { names: [{ value: "No Key" }] };
    expect((await post(token, body)).status).toBe(201);
    expect((await post(token, body)).status).toBe(201);
    expect(await people("No Key")).toBe(2);
  });
});
