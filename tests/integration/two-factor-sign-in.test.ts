// Two-factor sign-in as an attacker meets it: a session with only the password is good for nothing, a
// code works once, a recovery code works once, the organisation's rule gates admins and coordinators
// until they set it up, and changing how one signs in needs a fresh re-authentication.
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { changePassword } from "@/lib/auth/change-password";
import { pathForStage } from "@/lib/auth/context";
import { reauthenticate } from "@/lib/auth/reauthenticate";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession, inspectSession, loadSession, switchOrganization } from "@/lib/auth/sessions";
import { MAX_FAILURES_PER_ACCOUNT, signIn } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { beginTwoFactorSetup, confirmTwoFactorSetup, newRecoveryCodes, turnOffTwoFactor } from "@/lib/auth/two-factor/account";
import { confirmTotpEnrollment, remainingRecoveryCodes, startTotpEnrollment, twoFactorEnabled } from "@/lib/auth/two-factor/totp";
import type { Role } from "@/lib/generated/prisma/enums";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const PASSWORD = "a long sentence only I know";
let passwordHash: string;
let required: TestOrg;
let relaxed: TestOrg;
let ipCounter = 0;
const freshIp = () => `ip-hash-2fa-${(ipCounter += 1)}`;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  required = await createOrg("Rule on", "RO", { require2fa: true });
  relaxed = await createOrg("Rule off", "RF", { require2fa: false });
});

const codeAt = (secret: string, secondsFromNow = 0) => generate({ secret, period: 30, epoch: Math.floor(Date.now() / 1000) + secondsFromNow });

async function member(org: TestOrg, role: Role): Promise<TestMember> {
  return createMember(org, role, { passwordHash });
}

/** Turns two-factor sign-in on for a user; the code used for it is 30 seconds old, so the current one is still unused. */
async function enrol(userId: string): Promise<{ secret: string; recovery: string[] }> {
  const { secret } = await startTotpEnrollment(userId);
  const recovery = await confirmTotpEnrollment(userId, await codeAt(secret, -30));
  return { secret, recovery };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function apiStatus(sessionId: string): Promise<{ status: number; key?: string }> {
  const request = new Request("http://127.0.0.1:3100/api/v1/me", { headers: { cookie: `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}` } });
  const response = await getMe(request, { params: Promise.resolve({}) });
  const body = (await response.json()) as { error?: { key?: string } };
  return { status: response.status, key: body.error?.key };
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await ownerQuery<{ action: string }>(`SELECT action FROM audit_events WHERE "actorUserId" = $1 ORDER BY id`, [userId]);
  return rows.map((r) => r.action);
}

const signInAs = (who: TestMember, ipHash = freshIp()) => signIn({ email: who.email, password: PASSWORD, ipHash, userAgent: "test browser" });

describe("signing in with a second factor", () => {
  let user: TestMember;
  let secret: string;
  let recovery: string[];
  let usedCode: string;

  beforeAll(async () => {
    user = await member(relaxed, "VOLUNTEER");
    ({ secret, recovery } = await enrol(user.userId));
  });

  it("leaves a session that only got the password good for nothing: no page, no action, no API", async () => {
    const pending = await signInAs(user);
    expect(pending.secondFactorPending).toBe(true);
    expect(await loadSession(pending.sessionId)).toBeNull();
    const state = await inspectSession(pending.sessionId);
    expect(state?.stage).toBe("secondFactor");
    expect(pathForStage(state)).toBe("/login/two-factor");
    expect((await apiStatus(pending.sessionId)).status).toBe(401);
    const actions = await auditActions(user.userId);
    expect(actions).toContain("auth.signin.passwordAccepted");
    expect(actions).not.toContain("auth.signin");
  });

  it("completes sign-in with a right code, in a new session that replaces the pending one", async () => {
    const pending = await signInAs(user);
    usedCode = await codeAt(secret);
    const done = await completeSecondFactor({ sessionId: pending.sessionId, code: usedCode, ipHash: freshIp() });
    expect(done.sessionId).not.toBe(pending.sessionId);
    expect((await loadSession(done.sessionId))?.ctx.userId).toBe(user.userId);
    expect((await apiStatus(done.sessionId)).status).toBe(200);
    // the id known before the code was given is worth nothing now
    expect(await inspectSession(pending.sessionId)).toBeNull();
    expect((await apiStatus(pending.sessionId)).status).toBe(401);
    const [event] = await ownerQuery<{ metadata: { secondFactor?: string } }>(
      `SELECT metadata FROM audit_events WHERE action = 'auth.signin' AND "entityId" = $1`,
      [done.sessionId],
    );
    expect(event?.metadata.secondFactor).toBe("totp");
  });

  it("refuses the same code replayed, even on a new pending session", async () => {
    const pending = await signInAs(user);
    const refused = await failure(completeSecondFactor({ sessionId: pending.sessionId, code: usedCode, ipHash: freshIp() }));
    expect(refused.code).toBe("INVALID");
    expect(refused.key).toBe("twoFactorWrongCode");
    expect((await inspectSession(pending.sessionId))?.stage).toBe("secondFactor");
    expect(await auditActions(user.userId)).toContain("auth.2fa.replay");
  });

  it("refuses a wrong code and an empty-looking one without letting the session through", async () => {
    const pending = await signInAs(user);
    for (const code of ["000000", "12345", "not a code"]) {
      expect((await failure(completeSecondFactor({ sessionId: pending.sessionId, code, ipHash: freshIp() }))).key).toBe("twoFactorWrongCode");
    }
    expect(await loadSession(pending.sessionId)).toBeNull();
  });

  it("accepts a recovery code once", async () => {
    // 24 characters from 31: over 112 bits, as a keyed hash in place of a slow one requires
    expect(recovery[0]).toMatch(/^([a-hj-km-np-z2-9]{4}-){5}[a-hj-km-np-z2-9]{4}$/);
    expect(new Set(recovery).size).toBe(10);
    const first = await signInAs(user);
    const done = await completeSecondFactor({ sessionId: first.sessionId, code: recovery[0]!.toUpperCase(), ipHash: freshIp() });
    expect(await loadSession(done.sessionId)).not.toBeNull();
    expect(await auditActions(user.userId)).toContain("auth.2fa.recoveryUsed");
    const second = await signInAs(user);
    expect((await failure(completeSecondFactor({ sessionId: second.sessionId, code: recovery[0]!, ipHash: freshIp() }))).key).toBe("twoFactorWrongCode");
    expect(await remainingRecoveryCodes(user.userId)).toBe(9);
  });

  it("counts wrong codes with wrong passwords and throttles the account, even for a right code", async () => {
    const target = await member(relaxed, "VOLUNTEER");
    const { secret: targetSecret } = await enrol(target.userId);
    const pending = await signInAs(target);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT / 2; i += 1) {
      await failure(signIn({ email: target.email, password: `wrong ${i}`, ipHash: freshIp() }));
      await failure(completeSecondFactor({ sessionId: pending.sessionId, code: "111111", ipHash: freshIp() }));
    }
    const refused = await failure(completeSecondFactor({ sessionId: pending.sessionId, code: await codeAt(targetSecret), ipHash: freshIp() }));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(await loadSession(pending.sessionId)).toBeNull();
  });

  it("keeps no code, secret or password in the audit log", async () => {
    const rows = await ownerQuery(`SELECT * FROM audit_events WHERE "actorUserId" = $1`, [user.userId]);
    const text = JSON.stringify(rows);
    for (const secretValue of [secret, usedCode, recovery[0]!, recovery[1]!, PASSWORD]) expect(text).not.toContain(secretValue);
  });
});

describe("required set-up", () => {
  it.each(["ADMIN", "COORDINATOR"] as const)("sends the %s of a group that requires it to the set-up page and refuses everything else", async (role) => {
    const who = await member(required, role);
    const { sessionId } = await signInAs(who);
    const state = await inspectSession(sessionId);
    expect(state?.stage).toBe("enrolment");
    expect(pathForStage(state)).toBe("/account/two-factor");
    expect((await failure(loadSession(sessionId))).key).toBe("twoFactorEnrolmentRequired");
    expect(await apiStatus(sessionId)).toEqual({ status: 403, key: "twoFactorEnrolmentRequired" });
  });

  it("does not ask it of a volunteer or an analyst, nor of an admin when the group's rule is off", async () => {
    for (const [org, role] of [
      [required, "VOLUNTEER"],
      [required, "ANALYST"],
      [relaxed, "ADMIN"],
      [relaxed, "COORDINATOR"],
    ] as const) {
      const { sessionId } = await signInAs(await member(org, role));
      expect((await inspectSession(sessionId))?.stage).toBe("active");
      expect((await apiStatus(sessionId)).status).toBe(200);
    }
  });

  it("decides per organisation: a volunteer in one group is gated on switching to the group where they coordinate", async () => {
    const who = await member(relaxed, "VOLUNTEER");
    await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'COORDINATOR', now())`, [who.userId, required.id]);
    const { sessionId } = await createSession({ userId: who.userId, organizationId: relaxed.id });
    expect((await inspectSession(sessionId))?.stage).toBe("active");
    await switchOrganization(sessionId, required.id);
    expect((await inspectSession(sessionId))?.stage).toBe("enrolment");
    expect((await apiStatus(sessionId)).status).toBe(403);
  });

  it("opens everything once the user sets it up on the gated session", async () => {
    const who = await member(required, "ADMIN");
    const { sessionId } = await signInAs(who);
    const setup = await beginTwoFactorSetup(sessionId);
    expect(setup.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(setup.secret).toMatch(/^[A-Z2-7]+$/);
    const codes = await confirmTwoFactorSetup(sessionId, await codeAt(setup.secret));
    expect(codes).toHaveLength(10);
    expect((await inspectSession(sessionId))?.stage).toBe("active");
    expect((await apiStatus(sessionId)).status).toBe(200);
    expect(await auditActions(who.userId)).toContain("auth.2fa.enabled");
  });
});

describe("turning it off", () => {
  it("is refused when a group requires it for the user's role", async () => {
    const who = await member(required, "COORDINATOR");
    await enrol(who.userId);
    const { sessionId } = await createSession({ userId: who.userId, secondFactorDone: true, reauthenticated: true });
    expect((await failure(turnOffTwoFactor(sessionId))).key).toBe("twoFactorRequiredForRole");
    expect(await twoFactorEnabled(who.userId)).toBe(true);
  });

  it("is allowed to a volunteer who re-authenticated, and ends their other sessions", async () => {
    const who = await member(required, "VOLUNTEER");
    await enrol(who.userId);
    const other = await createSession({ userId: who.userId, secondFactorDone: true });
    const { sessionId } = await createSession({ userId: who.userId, secondFactorDone: true, reauthenticated: true });
    await turnOffTwoFactor(sessionId);
    expect(await twoFactorEnabled(who.userId)).toBe(false);
    expect(await loadSession(other.sessionId)).toBeNull();
    expect(await loadSession(sessionId)).not.toBeNull();
    expect(await auditActions(who.userId)).toContain("auth.2fa.disabled");
  });
});

describe("re-authentication before sensitive changes", () => {
  const stale = (sessionId: string) =>
    ownerQuery(`UPDATE user_sessions SET "reauthenticatedAt" = now() - interval '11 minutes' WHERE id = $1`, [sessionId]);

  it("refuses a password change on a session that last proved itself more than 10 minutes ago, then allows it after re-authenticating", async () => {
    const who = await member(relaxed, "VOLUNTEER");
    const { sessionId } = await signInAs(who);
    await stale(sessionId);
    const session = (await loadSession(sessionId))!;
    const refused = await failure(changePassword(session.ctx, { currentPassword: PASSWORD, newPassword: "another long sentence of mine" }, { sessionId }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.key).toBe("reauthRequired");
    // the password did not change
    expect((await signInAs(who)).sessionId).toBeTruthy();

    expect((await failure(reauthenticate(sessionId, { password: "not my password" }, { ipHash: freshIp() }))).fieldErrors).toHaveProperty("password");
    const renewed = await reauthenticate(sessionId, { password: PASSWORD }, { ipHash: freshIp() });
    // like any sign-in, it issues a new session id and ends the old one
    expect(renewed.sessionId).not.toBe(sessionId);
    expect(await loadSession(sessionId)).toBeNull();
    await changePassword(session.ctx, { currentPassword: PASSWORD, newPassword: "another long sentence of mine" }, { sessionId: renewed.sessionId });
    expect(await auditActions(who.userId)).toEqual(expect.arrayContaining(["auth.reauth.failed", "auth.reauth", "user.passwordChange"]));
  });

  it("refuses setting up, turning off and renewing recovery codes on a stale session", async () => {
    const fresh = await member(relaxed, "VOLUNTEER");
    const { sessionId: setupSession } = await signInAs(fresh);
    await stale(setupSession);
    expect((await failure(beginTwoFactorSetup(setupSession))).key).toBe("reauthRequired");

    const enrolled = await member(relaxed, "VOLUNTEER");
    const { secret } = await enrol(enrolled.userId);
    const { sessionId } = await createSession({ userId: enrolled.userId, secondFactorDone: true });
    expect((await failure(turnOffTwoFactor(sessionId))).key).toBe("reauthRequired");
    expect((await failure(newRecoveryCodes(sessionId))).key).toBe("reauthRequired");
    expect(await twoFactorEnabled(enrolled.userId)).toBe(true);

    // with two-factor on, re-authentication wants a code as well, and a fresh one
    expect((await failure(reauthenticate(sessionId, { password: PASSWORD }, { ipHash: freshIp() }))).fieldErrors).toHaveProperty("code");
    const code = await codeAt(secret);
    const { sessionId: second } = await reauthenticate(sessionId, { password: PASSWORD, code }, { ipHash: freshIp() });
    await stale(second);
    expect((await failure(reauthenticate(second, { password: PASSWORD, code }, { ipHash: freshIp() }))).key).toBe("twoFactorWrongCode");
    const { sessionId: third } = await reauthenticate(second, { password: PASSWORD, code: await codeAt(secret, 30) }, { ipHash: freshIp() });
    const renewed = await newRecoveryCodes(third);
    expect(renewed).toHaveLength(10);
    expect(await remainingRecoveryCodes(enrolled.userId)).toBe(10);
  });
});
