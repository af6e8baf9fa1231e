// Single sign-on against a real OpenID Connect provider started here on 127.0.0.1, through next-auth's
// routes: only an existing, active member whose verified e-mail matches gets in; a stranger with a good
// provider account, an unverified address and a deactivated member are refused; no user or membership
// is ever created; and the organisation's two-factor rule still applies afterwards.
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { linkCookieValue, SESSION_COOKIE, SSO_LINK_COOKIE } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import { ConfigError, getEnv, resetEnvCache } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { confirmTotpEnrollment, startTotpEnrollment } from "@/lib/auth/two-factor/totp";
import { APP_URL, Browser } from "../helpers/next-auth";
import { followAtProvider, startTestProvider, type TestProvider } from "../helpers/oidc-provider";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { testSecrets } from "../setup/test-env";

const CALLBACK = `${APP_URL}/api/auth/callback/oidc`;
let provider: TestProvider;
let org: TestOrg;
let strict: TestOrg;
const saved = { ...process.env };

beforeAll(async () => {
  provider = await startTestProvider(CALLBACK);
  Object.assign(process.env, {
    PUBLIC_URL: APP_URL,
    NEXTAUTH_URL: APP_URL,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: "Group Keycloak",
  });
  resetEnvCache();
  org = await createOrg("SSO group", "SS");
  strict = await createOrg("SSO group with the two-factor rule", "ST", { require2fa: true });
});

afterAll(async () => {
  for (const name of ["PUBLIC_URL", "NEXTAUTH_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvCache();
  await provider.close();
});

let accounts = 0;
/** An account at the provider with this address; returns its subject. */
function providerAccount(email: string, emailVerified = true): string {
  const sub = `provider-account-${(accounts += 1)}`;
  provider.accounts.set(sub, { email, emailVerified });
  return sub;
}

/** The whole round trip: our sign-in route → the provider's login → our callback route. */
async function signInAtProvider(accountId: string, b = new Browser({ "user-agent": "sso test browser", "x-forwarded-for": "198.51.100.200" })): Promise<{ b: Browser; landedOn: string | undefined }> {
  provider.loginAs(accountId);
  const csrfToken = await b.csrfToken();
  const start = await b.auth("signin/oidc", { body: { csrfToken, callbackUrl: APP_URL, json: "true" } });
  expect(start.redirect?.startsWith(`${provider.issuer}/`)).toBe(true);
  const back = await followAtProvider(start.redirect!, CALLBACK);
  const done = await b.auth(`callback/oidc${new URL(back).search}`);
  return { b, landedOn: done.redirect };
}

async function me(cookie: string | undefined): Promise<{ status: number; key?: string; userId?: string }> {
  const request = new Request(`${APP_URL}/api/v1/me`, { headers: { cookie: `${SESSION_COOKIE}=${cookie ?? ""}` } });
  const response = await getMe(request, { params: Promise.resolve({}) });
  const body = (await response.json()) as { error?: { key?: string }; user?: { id?: string }; id?: string };
  return { status: response.status, key: body.error?.key, userId: body.user?.id ?? body.id };
}

async function counts(): Promise<{ users: number; memberships: number }> {
  const [row] = await ownerQuery<{ users: string; memberships: string }>(`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM memberships) AS memberships`);
  return { users: Number(row!.users), memberships: Number(row!.memberships) };
}

async function lastRefusal(): Promise<string | undefined> {
  const [row] = await ownerQuery<{ reason: string }>(`SELECT metadata->>'reason' AS reason FROM audit_events WHERE action = 'auth.sso.refused' ORDER BY id DESC LIMIT 1`);
  return row?.reason;
}

describe("the settings", () => {
  it("are all four or none, and single sign-on needs the public address", () => {
    const base = { ...testSecrets, NODE_ENV: "test" as const };
    expect(() => getEnv({ ...base })).not.toThrow();
    expect(() => getEnv({ ...base, OIDC_ISSUER: "https://id.example.org" })).toThrow(ConfigError);
    const message = (() => {
      try {
        getEnv({ ...base, OIDC_ISSUER: "https://id.example.org", OIDC_CLIENT_ID: "qamqor" });
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(message).toMatch(/OIDC_CLIENT_SECRET is required/);
    expect(message).toMatch(/OIDC_NAME is required/);
    expect(message).toMatch(/PUBLIC_URL is required for single sign-on/);
    const all = { OIDC_ISSUER: "https://id.example.org", OIDC_CLIENT_ID: "qamqor", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Keycloak" };
    expect(() => getEnv({ ...base, ...all, PUBLIC_URL: "https://cases.example.org" })).not.toThrow();
  });

  it("put the provider in next-auth's list, under the configured name", async () => {
    const providers = (await new Browser().auth("providers")).body as Record<string, { id: string; name: string }>;
    expect(Object.keys(providers).sort()).toEqual(["credentials", "oidc", "two-factor"]);
    expect(providers.oidc?.name).toBe("Group Keycloak");
  });
});

describe("signing in through the group's identity provider", () => {
  it("lets an active member in whose verified e-mail matches, with a session like any other", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const { b, landedOn } = await signInAtProvider(providerAccount(who.email.toUpperCase()));
    expect(landedOn).toBe(APP_URL);
    expect((await me(b.sessionCookie)).status).toBe(200);
    const [event] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'auth.signin' AND "actorUserId" = $1`, [who.userId]);
    expect(Number(event!.n)).toBe(1);
  });

  it("refuses a stranger with a valid provider account, and creates no user or membership", async () => {
    const before = await counts();
    const { b, landedOn } = await signInAtProvider(providerAccount("stranger@elsewhere.example"));
    expect(landedOn).toBe("/login?error=ssoNotMember");
    expect(b.sessionCookie).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(await lastRefusal()).toBe("ssoNotMember");
  });

  it("refuses a member's address the provider has not verified", async () => {
    const who = await createMember(org, "ADMIN");
    const { b, landedOn } = await signInAtProvider(providerAccount(who.email, false));
    expect(landedOn).toBe("/login?error=ssoEmailUnverified");
    expect(b.sessionCookie).toBeUndefined();
    expect(await lastRefusal()).toBe("ssoEmailUnverified");
  });

  it("refuses a member whose membership was deactivated", async () => {
    const who = await createMember(org, "VOLUNTEER");
    await ownerQuery(`UPDATE memberships SET "deactivatedAt" = now() WHERE "userId" = $1`, [who.userId]);
    const { b, landedOn } = await signInAtProvider(providerAccount(who.email));
    expect(landedOn).toBe("/login?error=ssoNotMember");
    expect(b.sessionCookie).toBeUndefined();
    const [open] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM user_sessions WHERE "userId" = $1 AND "revokedAt" IS NULL`, [who.userId]);
    expect(Number(open!.n)).toBe(0);
  });

  it("refuses a disabled account", async () => {
    const who = await createMember(org, "VOLUNTEER");
    await ownerQuery(`UPDATE users SET "disabledAt" = now() WHERE id = $1`, [who.userId]);
    const { b, landedOn } = await signInAtProvider(providerAccount(who.email));
    expect(landedOn).toBe("/login?error=ssoAccountDisabled");
    expect(b.sessionCookie).toBeUndefined();
  });
});

describe("two-factor sign-in after the identity provider", () => {
  it("still asks a member with an authenticator app for the code, then re-issues the cookie", async () => {
    const who: TestMember = await createMember(org, "VOLUNTEER", { passwordHash: await hashPassword("a long sentence only I know") });
    const { secret } = await startTotpEnrollment(who.userId);
    await confirmTotpEnrollment(who.userId, await generate({ secret, period: 30, epoch: Math.floor(Date.now() / 1000) - 30 }));
    const { b } = await signInAtProvider(providerAccount(who.email));
    const pending = b.sessionCookie;
    expect(pending).toBeDefined();
    expect((await me(pending)).status).toBe(401);
    const done = await b.signIn("two-factor", { code: await generate({ secret, period: 30 }) });
    expect(done.error).toBeNull();
    expect((await me(b.sessionCookie)).status).toBe(200);
    expect((await me(pending)).status).toBe(401);
  });

  it("holds an admin of a group that requires two-factor sign-in at the set-up page", async () => {
    const who = await createMember(strict, "ADMIN");
    const { b } = await signInAtProvider(providerAccount(who.email));
    const answer = await me(b.sessionCookie);
    expect(answer.status).toBe(403);
    expect(answer.key).toBe("twoFactorEnrolmentRequired");
  });
});

describe("linking a provider account from the account page", () => {
  /** A browser signed in as `who` whose account page has just started linking. */
  async function linking(who: TestMember, reauthenticated = true): Promise<Browser> {
    const { sessionId } = await createSession({ userId: who.userId, reauthenticated });
    const b = new Browser({ "user-agent": "sso test browser", "x-forwarded-for": "198.51.100.201" });
    b.jar.set(SSO_LINK_COOKIE, await linkCookieValue(sessionId));
    return b;
  }

  async function identitiesOf(userId: string): Promise<number> {
    const [row] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM user_identities WHERE "userId" = $1`, [userId]);
    return Number(row!.n);
  }

  it("links the provider account, which then signs the member in whatever e-mail the provider has", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const account = providerAccount("someone-else@provider.example", false);
    const { landedOn } = await signInAtProvider(account, await linking(who));
    expect(landedOn).toBe("/account?sso=linked");
    expect(await identitiesOf(who.userId)).toBe(1);
    const { b, landedOn: again } = await signInAtProvider(account);
    expect(again).toBe(APP_URL);
    expect((await me(b.sessionCookie)).status).toBe(200);
  });

  it("refuses to link a provider account that is already another member's", async () => {
    const first = await createMember(org, "VOLUNTEER");
    const second = await createMember(org, "VOLUNTEER");
    const account = providerAccount("shared@provider.example", false);
    expect((await signInAtProvider(account, await linking(first))).landedOn).toBe("/account?sso=linked");
    expect((await signInAtProvider(account, await linking(second))).landedOn).toBe("/account?sso=ssoAlreadyLinked");
    expect(await identitiesOf(second.userId)).toBe(0);
  });

  it("links nothing from a session that has not re-authenticated in the last minutes", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const { landedOn } = await signInAtProvider(providerAccount("stale@provider.example", false), await linking(who, false));
    expect(landedOn).toBe("/login?error=ssoEmailUnverified");
    expect(await identitiesOf(who.userId)).toBe(0);
  });

  it("still refuses a linked account once its member is deactivated", async () => {
    const who = await createMember(org, "VOLUNTEER");
    const account = providerAccount("leaving@provider.example", false);
    await signInAtProvider(account, await linking(who));
    await ownerQuery(`UPDATE memberships SET "deactivatedAt" = now() WHERE "userId" = $1`, [who.userId]);
    const { b, landedOn } = await signInAtProvider(account);
    expect(landedOn).toBe("/login?error=ssoNotMember");
    expect(b.sessionCookie).toBeUndefined();
  });
});
