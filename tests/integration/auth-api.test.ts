// The JSON API's door, over HTTP-shaped requests to the real route handlers: session cookie or bearer
// token, cross-site writes refused, oversized bodies refused, errors as translated JSON.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { DELETE as deleteToken } from "@/app/api/v1/tokens/[tokenId]/route";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLES } from "@/lib/authz";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const BASE = "http://127.0.0.1:3100";
let org: TestOrg;
const cookies = {} as Record<Role, string>;
const members = {} as Record<Role, TestMember>;

beforeAll(async () => {
  org = await createOrg("API group", "AP");
  for (const role of ROLES) {
    members[role] = await createMember(org, role);
    const { sessionId } = await createSession({ userId: members[role].userId });
    cookies[role] = `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}`;
  }
});

const noParams = { params: Promise.resolve({}) };

function request(path: string, init: RequestInit & { cookie?: string; bearer?: string; origin?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  if (init.origin) headers.set("origin", init.origin);
  if (init.body) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, { ...init, headers });
}

describe("GET /api/v1/me", () => {
  it("answers 401 without a session or token", async () => {
    const response = await getMe(request("/api/v1/me"), noParams);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });

  it.each(ROLES)("tells a signed-in %s who they are acting as", async (role) => {
    const response = await getMe(request("/api/v1/me", { cookie: cookies[role] }), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: members[role].userId, organizationId: org.id, role });
  });

  it("refuses a cookie with a forged signature", async () => {
    const forged = cookies.ADMIN.replace(/\.[^.]+$/, ".forged");
    expect((await getMe(request("/api/v1/me", { cookie: forged }), noParams)).status).toBe(401);
  });
});

describe("API tokens over HTTP", () => {
  it.each(ROLES)("lets only an admin list tokens (%s)", async (role) => {
    const response = await listTokens(request("/api/v1/tokens", { cookie: cookies[role] }), noParams);
    expect(response.status).toBe(role === "ADMIN" ? 200 : 403);
  });

  it("refuses a cookie-authenticated write from another site", async () => {
    const response = await createToken(
      request("/api/v1/tokens", { method: "POST", cookie: cookies.ADMIN, origin: "https://evil.example", body: JSON.stringify({ name: "x" }) }),
      noParams,
    );
    expect(response.status).toBe(403);
    expect(await ownerQuery(`SELECT 1 FROM api_tokens WHERE "organizationId" = $1`, [org.id])).toHaveLength(0);
  });

  it("answers per-field errors for bad input", async () => {
    const response = await createToken(
      request("/api/v1/tokens", { method: "POST", cookie: cookies.ADMIN, origin: BASE, body: JSON.stringify({ name: "" }) }),
      noParams,
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors)).toEqual(["name"]);
  });

  it("refuses a body over the limit", async () => {
    const response = await createToken(
      request("/api/v1/tokens", {
        method: "POST",
        cookie: cookies.ADMIN,
        origin: BASE,
        body: JSON.stringify({ name: "x".repeat(2_000_000) }),
      }),
      noParams,
    );
    expect(response.status).toBe(413);
  });

  it("issues a token that then authenticates as its user with their current role, until revoked", async () => {
    const created = await createToken(
      request("/api/v1/tokens", { method: "POST", cookie: cookies.ADMIN, origin: BASE, body: JSON.stringify({ name: "script" }) }),
      noParams,
    );
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const stored = await ownerQuery<{ tokenHash: string }>(`SELECT "tokenHash" FROM api_tokens WHERE id = $1`, [id]);
    expect(stored[0]?.tokenHash).not.toBe(token);

    const me = await getMe(request("/api/v1/me", { bearer: token }), noParams);
    expect(await me.json()).toMatchObject({ userId: members.ADMIN.userId, role: "ADMIN" });
    // a bearer token is not a cookie: no Origin needed for its writes
    const listed = await listTokens(request("/api/v1/tokens", { bearer: token }), noParams);
    expect(listed.status).toBe(200);

    const revoked = await deleteToken(request(`/api/v1/tokens/${id}`, { method: "DELETE", bearer: token }), { params: Promise.resolve({ tokenId: id }) });
    expect(revoked.status).toBe(204);
    expect((await getMe(request("/api/v1/me", { bearer: token }), noParams)).status).toBe(401);
  });

  it("refuses an unknown token and another organisation's token id", async () => {
    expect((await getMe(request("/api/v1/me", { bearer: "qmq_not-a-real-token" }), noParams)).status).toBe(401);
    const other = await createOrg("Other API group", "OA");
    const otherAdmin = await createMember(other, "ADMIN");
    const [row] = await ownerQuery<{ id: string }>(
      `INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'theirs', 'somehash') RETURNING id`,
      [other.id, otherAdmin.userId],
    );
    const response = await deleteToken(request(`/api/v1/tokens/${row!.id}`, { method: "DELETE", cookie: cookies.ADMIN, origin: BASE }), {
      params: Promise.resolve({ tokenId: row!.id }),
    });
    expect(response.status).toBe(404);
  });
});
