// The second step of signing in: a code from the authenticator app (or a recovery code) turns a pending
// session into a full one. The pending row is revoked and a new one issued, so an id planted or seen
// before the code was given is worth nothing afterwards (session fixation).
import "server-only";
import { withIdentity } from "../db";
import { AppError } from "../errors";
import { verifySecondFactor } from "./two-factor/totp";
import { inspectSession } from "./sessions";
import { completeSignIn, recordAttempt, signInEmailHash, signInRefusal } from "./sign-in";

export const wrongCode = () =>
  new AppError("INVALID", "That code is not right; check the time on your phone and try the newest code.", {
    key: "twoFactorWrongCode",
    fieldErrors: { code: ["twoFactorWrongCode"] },
  });

const signInAgain = () => new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });

/**
 * Checks the code for a pending session. On success returns the new, fully signed-in session (the old
 * one is revoked); a wrong or replayed code is refused and counted like a wrong password.
 */
export async function completeSecondFactor(input: {
  sessionId: string;
  code: string;
  ipHash: string;
  userAgent?: string | null;
}): Promise<{ sessionId: string; expiresAt: Date }> {
  const pending = await inspectSession(input.sessionId, { ipHash: input.ipHash });
  if (!pending || pending.stage !== "secondFactor") throw signInAgain();
  const userId = pending.user.id;
  const emailHash = signInEmailHash(pending.user.email);

  const refusal = await withIdentity({}, (tx) => signInRefusal(tx, { emailHash, ipHash: input.ipHash }));
  if (refusal) {
    await recordAttempt({ emailHash, ipHash: input.ipHash, success: false, userId, action: "auth.2fa.throttled", counted: false });
    throw refusal;
  }

  // verifySecondFactor audits the pass, the replay or the failure itself (never the code).
  const how = await verifySecondFactor(userId, input.code);
  if (!how) {
    await withIdentity({}, (tx) => tx.loginAttempt.create({ data: { emailHash, ipHash: input.ipHash, success: false } }));
    throw wrongCode();
  }

  const next = await withIdentity({ userId }, async (tx) => {
    const ended = await tx.userSession.updateMany({
      where: { id: input.sessionId, userId, revokedAt: null, secondFactorDone: false },
      data: { revokedAt: new Date() },
    });
    // Ended meanwhile (signed out, or an admin ended the user's sessions): no new session from it.
    if (ended.count !== 1) return null;
    const old = await tx.userSession.findUniqueOrThrow({ where: { id: input.sessionId }, select: { expiresAt: true, organizationId: true } });
    return tx.userSession.create({
      data: {
        userId,
        organizationId: old.organizationId,
        // the absolute lifetime counts from the password step
        expiresAt: old.expiresAt,
        secondFactorDone: true,
        reauthenticatedAt: new Date(),
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true, expiresAt: true },
    });
  });
  if (!next) throw signInAgain();

  await completeSignIn({ userId, organizationId: pending.ctx.organizationId, sessionId: next.id, emailHash, ipHash: input.ipHash, secondFactor: how });
  return { sessionId: next.id, expiresAt: next.expiresAt };
}
