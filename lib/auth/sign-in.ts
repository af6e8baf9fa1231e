// Sign-in with e-mail and password. Unknown e-mail and wrong password give the same answer after the
// same work; failures are counted per account and per address and throttled.
import "server-only";
import { audit } from "../audit";
import { lookupHash } from "../crypto";
import { withIdentity, withTenant, type Tx } from "../db";
import { AppError } from "../errors";
import { timingDummyHash, verifyPassword } from "./password";
import { createSession } from "./sessions";

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 30;

export interface SignInRequest {
  email: string;
  password: string;
  ipHash: string;
  userAgent?: string | null;
}

/** Failed sign-ins (passwords and second-factor codes alike) of this account or address in the window reach the limit. */
export async function countsAsThrottled(tx: Tx, input: { emailHash: string; ipHash: string }): Promise<boolean> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [accountFailures, addressFailures] = await Promise.all([
    tx.loginAttempt.count({ where: { emailHash: input.emailHash, success: false, createdAt: { gte: since } } }),
    tx.loginAttempt.count({ where: { ipHash: input.ipHash, success: false, createdAt: { gte: since } } }),
  ]);
  return accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS;
}

export const signInThrottled = () =>
  new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${THROTTLE_WINDOW_MINUTES} minutes.`, {
    key: "signInThrottled",
    values: { minutes: THROTTLE_WINDOW_MINUTES },
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

  const { user, throttled } = await withIdentity({}, async (tx) => {
    const found = await tx.user.findUnique({
      where: { email },
      select: { id: true, passwordHash: true, disabledAt: true },
    });
    return { user: found, throttled: await countsAsThrottled(tx, { emailHash, ipHash: input.ipHash }) };
  });

  if (throttled) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user?.id ?? null, action: "auth.signin.throttled" });
    throw signInThrottled();
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
}): Promise<void> {
  await withIdentity({}, async (tx) => {
    await tx.loginAttempt.create({ data: { emailHash: input.emailHash, ipHash: input.ipHash, success: input.success } });
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
