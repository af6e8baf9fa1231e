// Sign-in with e-mail and password. Unknown e-mail and wrong password give the same answer after the
// same work; failures are throttled per account and address, per address, and slowed down per account.
import "server-only";
import { audit } from "../audit";
import { lookupHash } from "../crypto";
import { oneAtATime, withIdentity, withTenant, type Tx } from "../db";
import { AppError } from "../errors";
import { timingDummyHash, verifyPassword } from "./password";
import { createSession } from "./sessions";

/**
 * Throttling (OWASP ASVS 5.0 V6.3.1), counted in PostgreSQL so that every app instance sees the same:
 * - one account from one address: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS failures in THROTTLE_WINDOW_MINUTES,
 *   then that address waits for that account; the rightful user elsewhere is not locked out;
 * - one address, any accounts: MAX_FAILURES_PER_ADDRESS in the window (password spraying from one host);
 * - one account, any addresses: after ACCOUNT_DELAY_AFTER failures in ACCOUNT_WINDOW_MINUTES, each
 *   attempt must wait a growing delay after the last failure (1 s, 2 s, 4 s … up to
 *   ACCOUNT_MAX_DELAY_SECONDS), and only at ACCOUNT_CEILING failures is the account locked until they age out.
 * Refused attempts are audited but not counted, so waiting always ends.
 */
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 10;
/** kept for callers that speak of "the account's" free failures */
export const MAX_FAILURES_PER_ACCOUNT = MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const ACCOUNT_WINDOW_MINUTES = 60;
export const ACCOUNT_DELAY_AFTER = 10;
export const ACCOUNT_MAX_DELAY_SECONDS = 60;
export const ACCOUNT_CEILING = 100;

export interface SignInRequest {
  email: string;
  password: string;
  ipHash: string;
  userAgent?: string | null;
}

/** Seconds an account with `failures` recent failures must wait after the last one. */
export function accountDelaySeconds(failures: number): number {
  if (failures < ACCOUNT_DELAY_AFTER) return 0;
  return Math.min(2 ** (failures - ACCOUNT_DELAY_AFTER), ACCOUNT_MAX_DELAY_SECONDS);
}

/**
 * Why a sign-in step (password, second-factor code, re-authentication) must not even be tried now, or
 * null. Failures of passwords and codes alike count.
 */
export async function signInRefusal(tx: Tx, input: { emailHash: string; ipHash: string }, now: number = Date.now()): Promise<AppError | null> {
  const since = new Date(now - THROTTLE_WINDOW_MINUTES * 60_000);
  const accountSince = new Date(now - ACCOUNT_WINDOW_MINUTES * 60_000);
  const [pairFailures, addressFailures, account] = await oneAtATime([
    () => tx.loginAttempt.count({ where: { emailHash: input.emailHash, ipHash: input.ipHash, success: false, createdAt: { gte: since } } }),
    () => tx.loginAttempt.count({ where: { ipHash: input.ipHash, success: false, createdAt: { gte: since } } }),
    () => tx.loginAttempt.aggregate({ where: { emailHash: input.emailHash, success: false, createdAt: { gte: accountSince } }, _count: true, _max: { createdAt: true } }),
  ]);
  if (pairFailures >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS || addressFailures >= MAX_FAILURES_PER_ADDRESS) return signInThrottled();
  if (account._count >= ACCOUNT_CEILING) return signInThrottled(ACCOUNT_WINDOW_MINUTES);
  const last = account._max.createdAt?.getTime();
  const wait = last === undefined ? 0 : Math.ceil((last + accountDelaySeconds(account._count) * 1000 - now) / 1000);
  return wait > 0 ? signInSlowDown(wait) : null;
}

export const signInThrottled = (minutes: number = THROTTLE_WINDOW_MINUTES) =>
  new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${minutes} minutes.`, {
    key: "signInThrottled",
    values: { minutes },
  });

export const signInSlowDown = (seconds: number) =>
  new AppError("RATE_LIMITED", `Too many failed sign-ins for this account. Wait ${seconds} seconds, then try again.`, {
    key: "signInSlowDown",
    values: { seconds },
  });

export const signInEmailHash = (email: string) => lookupHash(email.trim().toLowerCase(), "login");

const badCredentials = () => new AppError("UNAUTHENTICATED", "The e-mail or password is not right.", { key: "badCredentials" });

/**
 * Checks the credentials and opens a session. When the user has two-factor sign-in on, the session is
 * pending (`secondFactorPending`) until a code is given on the second-factor page.
 * Throws UNAUTHENTICATED, RATE_LIMITED or FORBIDDEN with a clear key.
 */
export async function signIn(
  input: SignInRequest,
): Promise<{ sessionId: string; expiresAt: Date; organizationId: string | null; secondFactorPending: boolean }> {
  const email = input.email.trim().toLowerCase();
  const emailHash = signInEmailHash(email);

  const { user, refusal } = await withIdentity({}, async (tx) => {
    const found = await tx.user.findUnique({
      where: { email },
      select: { id: true, passwordHash: true, disabledAt: true },
    });
    return { user: found, refusal: await signInRefusal(tx, { emailHash, ipHash: input.ipHash }) };
  });

  if (refusal) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user?.id ?? null, action: "auth.signin.throttled", counted: false });
    throw refusal;
  }

  // Always one argon2 verification, so an unknown address takes as long as a wrong password.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!user || !user.passwordHash || !passwordOk) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user?.id ?? null, action: "auth.signin.failed" });
    throw badCredentials();
  }
  if (user.disabledAt) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user.id, action: "auth.signin.refused", reason: "disabled" });
    throw new AppError("FORBIDDEN", "This account has been disabled. Ask your group's administrator.", { key: "accountDisabled" });
  }

  const session = await createSession({ userId: user.id, userAgent: input.userAgent, reauthenticated: true });
  if (!session.organizationId) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user.id, action: "auth.signin.refused", reason: "noMembership" });
    await withIdentity({}, (tx) => tx.userSession.update({ where: { id: session.sessionId }, data: { revokedAt: new Date() } }));
    throw new AppError("FORBIDDEN", "You are not an active member of any group. Ask your group's administrator.", {
      key: "noActiveMembership",
    });
  }

  if (session.secondFactorPending) {
    // Half way: the password was right, the code is still owed. Not a sign-in yet.
    await withIdentity({ userId: user.id }, (tx) =>
      audit(tx, {
        organizationId: null,
        actorUserId: user.id,
        action: "auth.signin.passwordAccepted",
        entityType: "UserSession",
        entityId: session.sessionId,
        ipHash: input.ipHash,
      }),
    );
    return session;
  }
  await completeSignIn({ userId: user.id, organizationId: session.organizationId, sessionId: session.sessionId, emailHash, ipHash: input.ipHash });
  return session;
}

/** Records a finished sign-in: the successful attempt, the user's last sign-in time and the audit event. */
export async function completeSignIn(input: {
  userId: string;
  organizationId: string;
  sessionId: string;
  emailHash: string;
  ipHash: string;
  secondFactor?: "totp" | "recovery";
}): Promise<void> {
  await withIdentity({ userId: input.userId }, async (tx) => {
    await tx.loginAttempt.create({ data: { emailHash: input.emailHash, ipHash: input.ipHash, success: true } });
    await tx.user.update({ where: { id: input.userId }, data: { lastSignInAt: new Date() } });
  });
  await withTenant({ organizationId: input.organizationId, userId: input.userId }, (tx) =>
    audit(tx, {
      organizationId: input.organizationId,
      actorUserId: input.userId,
      action: "auth.signin",
      entityType: "UserSession",
      entityId: input.sessionId,
      metadata: input.secondFactor ? { secondFactor: input.secondFactor } : {},
      ipHash: input.ipHash,
    }),
  );
}

export async function recordAttempt(input: {
  emailHash: string;
  ipHash: string;
  success: boolean;
  userId: string | null;
  action: string;
  reason?: string;
  /** false for a refused (throttled) attempt: audited, but it neither failed nor succeeded */
  counted?: boolean;
}): Promise<void> {
  await withIdentity({}, async (tx) => {
    if (input.counted !== false) await tx.loginAttempt.create({ data: { emailHash: input.emailHash, ipHash: input.ipHash, success: input.success } });
    // No organisation: the address may not belong to anyone, and an attacker's guess must not land in a group's log.
    await audit(tx, {
      organizationId: null,
      actorUserId: input.userId,
      action: input.action,
      entityType: "User",
      entityId: input.userId,
      metadata: input.reason ? { reason: input.reason } : {},
      ipHash: input.ipHash,
    });
  });
}
