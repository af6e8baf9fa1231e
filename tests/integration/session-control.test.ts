// Session control as an attacker with an old cookie meets it: signing out everywhere, an admin ending a
// member's sessions, deactivation, idle and absolute expiry all make the cookie worthless at once; and
// the cookie itself is HttpOnly, SameSite and Secure over HTTPS.
import { ResponseCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { SESSION_COOKIE, sessionCookieOptions, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession, endMemberSessions, findOwnSessions, loadSession, signOutEverywhere } from "@/lib/auth/sessions";
import { deactivateMember } from "@/lib/members/members";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let otherOrg: TestOrg;
let admin: TestMember;
let otherAdmin: TestMember;

beforeAll(async () => {
  org = await createOrg("Sessions group", "SE");
  otherOrg = await createOrg("Other group", "OG");
  admin = await createMember(org, "ADMIN");
  otherAdmin = await createMember(otherOrg, "ADMIN");
});

async function apiStatus(sessionId: string): Promise<number> {
  const request = new Request("http://127.0.0.1:3100/api/v1/me", { headers: { cookie: `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}` } });
  return (await getMe(request, { params: Promise.resolve({}) })).status;
}

async function membershipId(userId: string, organizationId: string): Promise<{ id: string; version: number }> {
  const [row] = await ownerQuery<{ id: string; version: number }>(`SELECT id, version FROM memberships WHERE "userId" = $1 AND "organizationId" = $2`, [
    userId,
    organizationId,
  ]);
  if (!row) throw new Error("no membership");
  return row;
}

async function sessionsOf(userId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await createSession({ userId, userAgent: `browser ${i}` })).sessionId);
  return ids;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error("expected a refusal");
  return error;
}

describe("signing out everywhere", () => {
  it("makes every old cookie of the user worthless, this one included", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const [current, laptop, phone] = await sessionsOf(who.userId, 3);
    const session = (await loadSession(current!))!;
    expect((await findOwnSessions(session)).map((s) => s.current)).toContain(true);
    expect(await signOutEverywhere(session, "all")).toBe(3);
    for (const id of [current!, laptop!, phone!]) {
      expect(await loadSession(id)).toBeNull();
      expect(await apiStatus(id)).toBe(401);
    }
    const [event] = await ownerQuery<{ metadata: unknown; organizationId: string }>(
      `SELECT metadata, "organizationId" FROM audit_events WHERE action = 'auth.sessions.ended' AND "actorUserId" = $1`,
      [who.userId],
    );
    expect(event).toMatchObject({ organizationId: org.id, metadata: { by: "self", scope: "all", count: 3 } });
  });

  it("can keep this session and end only the others", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const [current, other] = await sessionsOf(who.userId, 2);
    expect(await signOutEverywhere((await loadSession(current!))!, "others")).toBe(1);
    expect(await loadSession(current!)).not.toBeNull();
    expect(await apiStatus(other!)).toBe(401);
  });

  it("does not touch anybody else's sessions", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const bystander = await createMember(org, "VOLUNTEER");
    const [mine] = await sessionsOf(who.userId, 1);
    const [theirs] = await sessionsOf(bystander.userId, 1);
    await signOutEverywhere((await loadSession(mine!))!, "all");
    expect(await loadSession(theirs!)).not.toBeNull();
  });
});

describe("an admin ending a member's sessions", () => {
  it("refuses the member's old cookies at once, keeps them a member, and audits it", async () => {
    const who = await createMember(org, "COORDINATOR");
    const ids = await sessionsOf(who.userId, 2);
    const membership = await membershipId(who.userId, org.id);
    expect(await endMemberSessions(admin, { membershipId: membership.id })).toBe(2);
    for (const id of ids) expect(await apiStatus(id)).toBe(401);
    // still a member: a new sign-in works
    expect(await loadSession((await createSession({ userId: who.userId })).sessionId)).not.toBeNull();
    const [event] = await ownerQuery(`SELECT "actorUserId", metadata FROM audit_events WHERE action = 'auth.sessions.ended' AND "entityId" = $1`, [
      membership.id,
    ]);
    expect(event).toMatchObject({ actorUserId: admin.userId, metadata: { by: "admin", count: 2 } });
  });

  it("is refused to a coordinator, and to an admin of another group as not found", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const coordinator = await createMember(org, "COORDINATOR");
    const [id] = await sessionsOf(who.userId, 1);
    const membership = await membershipId(who.userId, org.id);
    expect((await refusal(endMemberSessions(coordinator, { membershipId: membership.id }))).code).toBe("FORBIDDEN");
    expect((await refusal(endMemberSessions(otherAdmin, { membershipId: membership.id }))).code).toBe("NOT_FOUND");
    expect(await apiStatus(id!)).toBe(200);
  });
});

describe("deactivation", () => {
  it("ends the member's sessions at once: the old cookie is refused and the row is revoked", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const [id] = await sessionsOf(who.userId, 1);
    expect(await apiStatus(id!)).toBe(200);
    const membership = await membershipId(who.userId, org.id);
    await deactivateMember(admin, { membershipId: membership.id, version: membership.version });
    expect(await apiStatus(id!)).toBe(401);
    const [row] = await ownerQuery<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM user_sessions WHERE id = $1`, [id]);
    expect(row?.revokedAt).not.toBeNull();
  });
});

describe("expiry", () => {
  it("refuses an idle session's old cookie and revokes it, even once activity would resume", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const [id] = await sessionsOf(who.userId, 1);
    await ownerQuery(`UPDATE user_sessions SET "lastSeenAt" = now() - interval '31 minutes' WHERE id = $1`, [id]);
    expect(await apiStatus(id!)).toBe(401);
    await ownerQuery(`UPDATE user_sessions SET "lastSeenAt" = now() WHERE id = $1`, [id]);
    expect(await apiStatus(id!)).toBe(401);
  });

  it("refuses a session past its absolute lifetime however active it is", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const [id] = await sessionsOf(who.userId, 1);
    await ownerQuery(`UPDATE user_sessions SET "expiresAt" = now() - interval '1 second', "lastSeenAt" = now() WHERE id = $1`, [id]);
    expect(await apiStatus(id!)).toBe(401);
  });

  it("does not let an expired pending session be finished with a code", async () => {
    const who = await createMember(org, "VOLUNTEER");
    await ownerQuery(`UPDATE users SET "totpEnabledAt" = now(), "totpSecretEnc" = 'unused' WHERE id = $1`, [who.userId]);
    const { sessionId, secondFactorPending } = await createSession({ userId: who.userId });
    expect(secondFactorPending).toBe(true);
    await ownerQuery(`UPDATE user_sessions SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [sessionId]);
    expect((await refusal(completeSecondFactor({ sessionId, code: "123456", ipHash: "ip" }))).code).toBe("UNAUTHENTICATED");
  });
});

describe("a session waiting for its second factor", () => {
  it("cannot be finished once it has waited longer than ten minutes", async () => {
    const who = await createMember(org, "VOLUNTEER");
    await ownerQuery(`UPDATE users SET "totpEnabledAt" = now(), "totpSecretEnc" = 'unused' WHERE id = $1`, [who.userId]);
    const { sessionId } = await createSession({ userId: who.userId });
    await ownerQuery(`UPDATE user_sessions SET "createdAt" = now() - interval '11 minutes' WHERE id = $1`, [sessionId]);
    expect((await refusal(completeSecondFactor({ sessionId, code: "123456", ipHash: "ip" }))).code).toBe("UNAUTHENTICATED");
  });
});

describe("the session cookie's attributes", () => {
  const publicUrl = process.env.PUBLIC_URL;
  afterEach(() => {
    if (publicUrl === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = publicUrl;
    resetEnvCache();
  });

  function setCookieHeader(requestHeaders?: Headers): string {
    const headers = new Headers();
    new ResponseCookies(headers).set(SESSION_COOKIE, "value", sessionCookieOptions(12 * 3600, requestHeaders));
    return headers.get("set-cookie") ?? "";
  }

  it("is HttpOnly and SameSite=Lax, for the whole site, no longer than a session lives", () => {
    delete process.env.PUBLIC_URL;
    resetEnvCache();
    const header = setCookieHeader(new Headers());
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=lax/i);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/Max-Age=43200/);
    // plain http (local use): a Secure cookie would never come back
    expect(header).not.toMatch(/Secure/i);
  });

  it("is Secure behind a trusted HTTPS proxy and when the public address is https", () => {
    delete process.env.PUBLIC_URL;
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    expect(setCookieHeader(new Headers({ "x-forwarded-proto": "https" }))).toMatch(/;\s*Secure/i);
    delete process.env.TRUST_PROXY;
    process.env.PUBLIC_URL = "https://cases.example.org";
    resetEnvCache();
    expect(setCookieHeader(new Headers())).toMatch(/;\s*Secure/i);
  });

  it("does not take a direct client's own X-Forwarded-Proto as proof of HTTPS when no proxy is trusted", () => {
    delete process.env.PUBLIC_URL;
    delete process.env.TRUST_PROXY;
    resetEnvCache();
    expect(setCookieHeader(new Headers({ "x-forwarded-proto": "https" }))).not.toMatch(/Secure/i);
  });
});
