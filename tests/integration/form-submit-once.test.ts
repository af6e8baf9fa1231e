// A create form sends one key per submission: a double click or a retried submit makes one record.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createPersonAction } from "@/app/(app)/people/actions";
import { sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

// Server actions read the request through next/headers; here it is the member's session cookie.
const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "qamqor_session" && request.cookie ? { name, value: request.cookie } : undefined),
    getAll: () => [],
    has: (name: string) => name === "qamqor_session" && Boolean(request.cookie),
    set: () => undefined,
    delete: () => undefined,
  }),
  headers: async () => new Headers({ "user-agent": "form test", "accept-language": "en", origin: "http://127.0.0.1:3100", host: "127.0.0.1:3100" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const people = async (name: string) => Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "displayName" = $1`, [name]))[0]?.n);

describe("create forms submitted twice", () => {
  beforeAll(async () => {
    const member = await createMember(await createOrg("Form group", "FM"), "COORDINATOR");
    request.cookie = await sessionCookieValue((await createSession({ userId: member.userId, organizationId: member.organizationId })).sessionId);
  });

  it("make one person of a double click and give both clicks the same answer", async () => {
    const key = randomUUID();
    const input = { names: [{ value: "Clicked Twice" }] };
    const [first, second] = await Promise.all([createPersonAction(input, key), createPersonAction(input, key)]);
    const ok = [first, second].filter((r) => r.ok);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of [first, second]) if (!r.ok) expect(r.error.code).toBe("CONFLICT");
    const retried = await createPersonAction(input, key);
    expect(retried.ok && ok[0]?.ok && retried.data.id === ok[0].data.id).toBe(true);
    expect(await people("Clicked Twice")).toBe(1);
  });

  it("make a new record for a new submission with a new key", async () => {
    const input = { names: [{ value: "Two Submissions" }] };
    expect((await createPersonAction(input, randomUUID())).ok).toBe(true);
    expect((await createPersonAction(input, randomUUID())).ok).toBe(true);
    expect(await people("Two Submissions")).toBe(2);
  });
});
