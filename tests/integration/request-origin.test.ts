// Where a request says it comes from, attacked: server actions and cookie-authenticated API writes
// without an Origin, a forged X-Forwarded-Host to make a foreign Origin look like ours, and a forged
// X-Forwarded-Proto. Forwarded headers count only when TRUST_PROXY says proxies stand in front. API
// answers over HTTPS carry HSTS.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postPeople } from "@/app/api/v1/people/route";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import { resetEnvCache } from "@/lib/env";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

// Server actions read the request through next/headers: here, whatever headers the test sends.
const request = vi.hoisted(() => ({ cookie: "", headers: {} as Record<string, string> }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "qamqor_session" && request.cookie ? { name, value: request.cookie } : undefined),
    getAll: () => [],
    has: () => false,
    set: () => undefined,
    delete: () => undefined,
  }),
  headers: async () => new Headers(request.headers),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const BASE = "http://127.0.0.1:3100";
let org: TestOrg;
let coordinator: TestMember;
let cookie: string;

beforeAll(async () => {
  org = await createOrg("Origin group", "OR");
  coordinator = await createMember(org, "COORDINATOR");
  cookie = await sessionCookieValue((await createSession({ userId: coordinator.userId, organizationId: org.id })).sessionId);
});

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.PUBLIC_URL;
  resetEnvCache();
  request.headers = {};
  request.cookie = "";
});

const peopleCount = async () => (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE "organizationId" = $1`, [org.id]))[0]!.n;

async function createPersonAs(headers: Record<string, string>) {
  const { createPersonAction } = await import("@/app/(app)/people/actions");
  request.cookie = cookie;
  request.headers = headers;
  return createPersonAction({ names: [{ value: "Origin Test Person" }] });
}

describe("server actions", () => {
  it("refuse a request without an Origin header and write nothing", async () => {
    const before = await peopleCount();
    const result = await createPersonAs({ host: "127.0.0.1:3100" });
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await peopleCount()).toBe(before);
  });

  it("refuse another site's Origin, even with an X-Forwarded-Host naming it, when no proxy is trusted", async () => {
    const before = await peopleCount();
    const result = await createPersonAs({ host: "127.0.0.1:3100", origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await peopleCount()).toBe(before);
  });

  it("go through from our own pages, and from the address a trusted proxy names", async () => {
    expect(await createPersonAs({ host: "127.0.0.1:3100", origin: BASE })).toMatchObject({ ok: true });
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    expect(await createPersonAs({ host: "127.0.0.1:3000", origin: "https://cases.example.org", "x-forwarded-host": "cases.example.org", "x-forwarded-proto": "https" })).toMatchObject({ ok: true });
  });

  it("refuse the sign-in pages' own actions without an Origin header", async () => {
    // signing in and out go through next-auth's routes, which need its CSRF token (auth-next-auth.test.ts)
    const { requestPasswordResetAction, switchOrganizationAction } = await import("@/app/(auth)/actions");
    request.headers = { host: "127.0.0.1:3100" };
    expect(await requestPasswordResetAction({ email: coordinator.email })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    request.cookie = cookie;
    expect(await switchOrganizationAction({ organizationId: coordinator.organizationId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("refuse a language change from another site and keep the member's language", async () => {
    const { setLocaleAction } = await import("@/app/(auth)/actions");
    const localeOf = async () => (await ownerQuery<{ locale: string | null }>(`SELECT locale FROM users WHERE id = $1`, [coordinator.userId]))[0]!.locale;
    const before = await localeOf();
    request.cookie = cookie;
    request.headers = { host: "127.0.0.1:3100", origin: "https://evil.example" };
    expect(await setLocaleAction({ locale: "ru" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await localeOf()).toBe(before);
    request.headers = { host: "127.0.0.1:3100", origin: BASE };
    expect(await setLocaleAction({ locale: "ru" })).toMatchObject({ ok: true, data: { locale: "ru" } });
    expect(await localeOf()).toBe("ru");
  });
});

describe("cookie-authenticated API writes", () => {
  const post = (headers: Record<string, string>) =>
    postPeople(
      new Request(`${BASE}/api/v1/people`, {
        method: "POST",
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, "content-type": "application/json", ...headers },
        body: JSON.stringify({ names: [{ value: "Api Origin Person" }] }),
      }),
      { params: Promise.resolve({}) },
    );

  it("refuse a foreign Origin made to look like ours with X-Forwarded-Host, unless a proxy is trusted", async () => {
    const forged = { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const before = await peopleCount();
    expect((await post(forged)).status).toBe(403);
    expect(await peopleCount()).toBe(before);
  });

  it("refuse a request without an Origin header", async () => {
    expect((await post({})).status).toBe(403);
  });
});

describe("HSTS on API answers", () => {
  const me = (url: string, headers: Record<string, string> = {}) =>
    getMe(new Request(url, { headers: { cookie: `${SESSION_COOKIE}=${cookie}`, ...headers } }), { params: Promise.resolve({}) });

  it("is sent over HTTPS, on success and on refusal alike", async () => {
    expect((await me("https://cases.example.org/api/v1/me")).headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    const refused = await getMe(new Request("https://cases.example.org/api/v1/me"), { params: Promise.resolve({}) });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });

  it("is sent behind a trusted proxy that says HTTPS, and not for a direct client's own claim", async () => {
    expect((await me(`${BASE}/api/v1/me`, { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBeNull();
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    expect((await me(`${BASE}/api/v1/me`, { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toMatch(/max-age=/);
  });

  it("is not sent over plain HTTP", async () => {
    expect((await me(`${BASE}/api/v1/me`)).headers.get("strict-transport-security")).toBeNull();
  });
});
