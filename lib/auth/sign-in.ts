// Sign-in with e-mail and password. Unknown e-mail and wrong password give the same answer after the
// same work; failures are counted per account and per address and throttled.
import "server-only";
import { audit } from "../audit";
import { lookupHash } from "../crypto";
import { withIdentity, withTenant } from "../db";
import { AppError } from "../errors";
import { timingDummyHash, verifyPassword } from "../password";
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

const badCredentials = () => new AppError("UNAUTHENTICATED", "The e-mail or password is not right.", { key: "badCredentials" });

/** Checks the credentials and opens a session. Throws UNAUTHENTICATED, RATE_LIMITED or FORBIDDEN with a clear key. */
export async function signIn(input: SignInRequest): Promise<{ sessionId: string; expiresAt: Date; organizationId: string | null }> {
  const email = input.email.trim().toLowerCase();
  const emailHash = lookupHash(email, "login");
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);

  const { user, throttled } = await withIdentity({}, async (tx) => {
    const [accountFailures, addressFailures] = await Promise.all([
      tx.loginAttempt.count({ where: { emailHash, success: false, createdAt: { gte: since } } }),
      tx.loginAttempt.count({ where: { ipHash: input.ipHash, success: false, createdAt: { gte: since } } }),
    ]);
    const found = await tx.user.findUnique({
      where: { email },
      select: { id: true, passwordHash: true, disabledAt: true },
    });
    return { user: found, throttled: accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS };
  });

  if (throttled) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user?.id ?? null, action: "auth.signin.throttled" });
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${THROTTLE_WINDOW_MINUTES} minutes.`, {
      key: "signInThrottled",
      values: { minutes: THROTTLE_WINDOW_MINUTES },
    });
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

  const session = await createSession({ userId: user.id, userAgent: input.userAgent });
  if (!session.organizationId) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId: user.id, action: "auth.signin.refused", reason: "noMembership" });
    await withIdentity({}, (tx) => tx.userSession.update({ where: { id: session.sessionId }, data: { revokedAt: new Date() } }));
    throw new AppError("FORBIDDEN", "You are not an active member of any group. Ask your group's administrator.", {
      key: "noActiveMembership",
    });
  }

  await withIdentity({ userId: user.id }, async (tx) => {
    await tx.loginAttempt.create({ data: { emailHash, ipHash: input.ipHash, success: true } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  });
  await withTenant({ organizationId: session.organizationId, userId: user.id }, (tx) =>
    audit(tx, {
      organizationId: session.organizationId,
      actorUserId: user.id,
      action: "auth.signin",
      entityType: "UserSession",
      entityId: session.sessionId,
      ipHash: input.ipHash,
    }),
  );
  return session;
}

async function recordAttempt(input: {
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
