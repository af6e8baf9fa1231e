// Signing in and out through next-auth's routes, as a browser and as an attacker meet them: the password
// and the code go through next-auth's Credentials providers, the cookie it writes names a session row
// and nothing else, and a stolen copy of it dies the moment that row is ended — by sign-out, from the
// account page or by an admin.
import { generate } from "otplib";
import { decode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { endMemberSessions, loadSession, signOutEverywhere } from "@/lib/auth/sessions";
import { MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/sign-in";
import { getEnv, resetEnvCache } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { confirmTotpEnrollment, startTotpEnrollment } from "@/lib/auth/two-factor/totp";
import { Browser } from "../helpers/next-auth";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const PASSWORD = "a long sentence only I know";
const BAD_CREDENTIALS_KK = "Эл. пошта немесе құпиясөз қате.";
let passwordHash: string;
let org: TestOrg;
let otherOrg: TestOrg;
let ip = 0;
const browser = (extra: Record<string, string> = {}) => new Browser({ "user-agent": "test browser", "x-forwarded-for": `198.51.100.${(ip += 1)}`, ...extra });

beforeAll(async () => {
  process.env.NEXTAUTH_URL = "http://127.0.0.1:3100";
  passwordHash = await hashPassword(PASSWORD);
  org = await createOrg("Next-auth group", "NA");
  otherOrg = await createOrg("Other next-auth group", "NO");
});

const member = (role: "ADMIN" | "VOLUNTEER" = "VOLUNTEER", into: TestOrg = org): Promise<TestMember> => createMember(into, role, { passwordHash });

async function apiStatus(cookie: string | undefined): Promise<number> {
  const request = new Request("http://127.0.0.1:3100/api/v1/me", { headers: { cookie: `${SESSION_COOKIE}=${cookie ?? ""}` } });
  return (await getMe(request, { params: Promise.resolve({}) })).status;
}

async function sessionIdIn(cookie: string | undefined): Promise<string | undefined> {
  return (await decode({ token: cookie, secret: getEnv().AUTH_SECRET }))?.sid;
}

async function membershipId(userId: string, organizationId: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(`SELECT id FROM memberships WHERE "userId" = $1 AND "organizationId" = $2`, [userId, organizationId]);
  return row!.id;
}

describe("next-auth's provider list", () => {
  it("offers the password (and the code step) and no single sign-on when none is configured", async () => {
    const providers = (await browser().auth("providers")).body as Record<string, { id: string; type: string }>;
    expect(Object.keys(providers).sort()).toEqual(["credentials", "two-factor"]);
  });
});

describe("signing in with a password through next-auth", () => {
  it("sets one HttpOnly, SameSite=Lax cookie for the whole site that names a session row and nothing else", async () => {
    const who = await member();
    const b = browser();
    const result = await b.signIn("credentials", { email: who.email, password: PASSWORD });
    expect(result.error).toBeNull();
    const cookie = b.setCookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    // plain http (local use): a Secure cookie would never come back
    expect(cookie?.options.secure).toBeFalsy();
    const token = await decode({ token: b.sessionCookie, secret: getEnv().AUTH_SECRET });
    expect(Object.keys(token ?? {}).sort()).toEqual(["exp", "iat", "jti", "sid"]);
    expect(b.sessionCookie).not.toContain(who.email);
    expect((await loadSession(token!.sid!))?.ctx.userId).toBe(who.userId);
    expect(await apiStatus(b.sessionCookie)).toBe(200);
  });

  it("marks the cookie Secure behind a trusted HTTPS proxy", async () => {
    const who = await member();
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    try {
      const b = browser({ "x-forwarded-proto": "https" });
      await b.signIn("credentials", { email: who.email, password: PASSWORD });
      expect(b.setCookies.find((c) => c.name === SESSION_COOKIE)?.options.secure).toBe(true);
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });

  it("refuses a wrong password with the same sentence as an unknown address, and sets no session cookie", async () => {
    const who = await member();
    const wrong = browser();
    expect((await wrong.signIn("credentials", { email: who.email, password: "not the password at all" })).error).toBe(BAD_CREDENTIALS_KK);
    const unknown = browser();
    expect((await unknown.signIn("credentials", { email: "nobody@example.test", password: "not the password at all" })).error).toBe(BAD_CREDENTIALS_KK);
    expect(wrong.sessionCookie).toBeUndefined();
    expect(unknown.sessionCookie).toBeUndefined();
    const [row] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'auth.signin.failed' AND "actorUserId" = $1`, [who.userId]);
    expect(Number(row!.n)).toBe(1);
  });

  it("throttles guessing: after the limit even the right password is refused", async () => {
    const who = await member();
    const b = browser();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += 1) await b.signIn("credentials", { email: who.email, password: `guess number ${i} is wrong` });
    const result = await b.signIn("credentials", { email: who.email, password: PASSWORD });
    expect(result.error).toMatch(/15/);
    expect(b.sessionCookie).toBeUndefined();
  });

  it("refuses another group's admin address with a guessed password, like any other", async () => {
    const foreign = await member("ADMIN", otherOrg);
    const b = browser();
    expect((await b.signIn("credentials", { email: foreign.email, password: "a guessed password" })).error).toBe(BAD_CREDENTIALS_KK);
    expect(b.sessionCookie).toBeUndefined();
  });
});

describe("the second factor through next-auth", () => {
  it("leaves the password-only cookie good for nothing, then re-issues the cookie for a new row after the code", async () => {
    const who = await member();
    const { secret } = await startTotpEnrollment(who.userId);
    await confirmTotpEnrollment(who.userId, await generate({ secret, period: 30, epoch: Math.floor(Date.now() / 1000) - 30 }));
    const b = browser();
    await b.signIn("credentials", { email: who.email, password: PASSWORD });
    const pending = b.sessionCookie;
    expect(pending).toBeDefined();
    expect(await apiStatus(pending)).toBe(401);

    expect((await b.signIn("two-factor", { code: "000000" })).error).toBeTruthy();
    expect(await apiStatus(b.sessionCookie)).toBe(401);

    const result = await b.signIn("two-factor", { code: await generate({ secret, period: 30 }) });
    expect(result.error).toBeNull();
    expect(await sessionIdIn(b.sessionCookie)).not.toBe(await sessionIdIn(pending));
    expect(await apiStatus(b.sessionCookie)).toBe(200);
    // the cookie seen before the code was given is worth nothing now
    expect(await apiStatus(pending)).toBe(401);
  });

  it("refuses the code step without a pending session", async () => {
    const b = browser();
    expect((await b.signIn("two-factor", { code: "123456" })).error).toBeTruthy();
    expect(b.sessionCookie).toBeUndefined();
  });
});

describe("a stolen next-auth cookie", () => {
  afterEach(() => resetEnvCache());

  async function signedIn(who: TestMember): Promise<{ b: Browser; stolen: string }> {
    const b = browser();
    await b.signIn("credentials", { email: who.email, password: PASSWORD });
    expect(await apiStatus(b.sessionCookie)).toBe(200);
    return { b, stolen: b.sessionCookie! };
  }

  it("stops working when its owner signs out through next-auth", async () => {
    const who = await member();
    const { b, stolen } = await signedIn(who);
    const other = await signedIn(who);
    await b.signOut();
    expect(b.sessionCookie).toBeUndefined();
    expect(await apiStatus(stolen)).toBe(401);
    // sign-out ends this session only
    expect(await apiStatus(other.stolen)).toBe(200);
  });

  it("stops working the moment its owner signs out everywhere from the account page", async () => {
    const who = await member();
    const { stolen } = await signedIn(who);
    const here = await signedIn(who);
    const session = (await loadSession((await sessionIdIn(here.stolen))!))!;
    await signOutEverywhere(session, "others");
    expect(await apiStatus(stolen)).toBe(401);
    expect(await apiStatus(here.stolen)).toBe(200);
  });

  it("stops working the moment an admin ends the member's sessions", async () => {
    const admin = await member("ADMIN");
    const who = await member();
    const { stolen } = await signedIn(who);
    await endMemberSessions(admin, { membershipId: await membershipId(who.userId, org.id) });
    expect(await apiStatus(stolen)).toBe(401);
  });
});
