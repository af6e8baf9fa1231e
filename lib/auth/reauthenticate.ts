// Re-authentication: before a password or two-factor change, the signed-in user proves again that it is
// them (password, plus a code when two-factor sign-in is on). Good for REAUTH_WINDOW_MINUTES. Like any
// authentication it issues a new session id and ends the old one.
import "server-only";
import { audit } from "../audit";
import { withIdentity } from "../db";
import { AppError, invalid } from "../errors";
import { timingDummyHash, verifyPassword } from "./password";
import { verifySecondFactor } from "./two-factor/totp";
import { wrongCode } from "./second-factor";
import { inspectSession } from "./sessions";
import { recordAttempt, signInEmailHash, signInRefusal } from "./sign-in";

export async function reauthenticate(
  sessionId: string,
  input: { password: string; code?: string | null },
  options: { ipHash: string },
): Promise<{ sessionId: string; expiresAt: Date }> {
  const session = await inspectSession(sessionId, { ipHash: options.ipHash });
  if (!session || session.stage === "secondFactor") throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
  const userId = session.user.id;
  const emailHash = signInEmailHash(session.user.email);

  const { user, refusal } = await withIdentity({ userId }, async (tx) => ({
    user: await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } }),
    refusal: await signInRefusal(tx, { emailHash, ipHash: options.ipHash }),
  }));
  if (refusal) {
    await recordAttempt({ emailHash, ipHash: options.ipHash, success: false, userId, action: "auth.reauth.throttled", counted: false });
    throw refusal;
  }

  const passwordOk = await verifyPassword(user.passwordHash ?? (await timingDummyHash()), input.password);
  if (!passwordOk || !user.passwordHash) {
    await recordAttempt({ emailHash, ipHash: options.ipHash, success: false, userId, action: "auth.reauth.failed" });
    throw invalid("The password is not right.", { password: ["currentPasswordWrong"] });
  }

  let secondFactor: "totp" | "recovery" | null = null;
  if (session.user.twoFactorEnabled) {
    if (!input.code?.trim()) throw invalid("Enter the code from your authenticator app.", { code: ["required"] });
    secondFactor = await verifySecondFactor(userId, input.code);
    if (!secondFactor) {
      await withIdentity({}, (tx) => tx.loginAttempt.create({ data: { emailHash, ipHash: options.ipHash, success: false } }));
      throw wrongCode();
    }
  }

  const next = await withIdentity({ userId }, async (tx) => {
    const ended = await tx.userSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (ended.count !== 1) return null;
    const old = await tx.userSession.findUniqueOrThrow({ where: { id: sessionId }, select: { organizationId: true, expiresAt: true, userAgent: true } });
    const created = await tx.userSession.create({
      data: {
        userId,
        organizationId: old.organizationId,
        // re-authenticating does not stretch the absolute lifetime
        expiresAt: old.expiresAt,
        userAgent: old.userAgent,
        secondFactorDone: true,
        reauthenticatedAt: new Date(),
      },
      select: { id: true, expiresAt: true },
    });
    await audit(tx, {
      organizationId: null,
      actorUserId: userId,
      action: "auth.reauth",
      entityType: "UserSession",
      entityId: created.id,
      metadata: secondFactor ? { secondFactor, previousSession: sessionId } : { previousSession: sessionId },
      ipHash: options.ipHash,
    });
    return created;
  });
  if (!next) throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
  return { sessionId: next.id, expiresAt: next.expiresAt };
}
