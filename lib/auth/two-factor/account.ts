// The account page's two-factor changes. Each one needs a recent re-authentication of the session that
// asks (lib/auth/reauthenticate.ts); the service checks it, whatever the page shows.
import "server-only";
import QRCode from "qrcode";
import { audit } from "../../audit";
import { withIdentity } from "../../db";
import { AppError } from "../../errors";
import { assertRecentReauthentication, inspectSession, type SessionState } from "../sessions";
import { confirmTotpEnrollment, disableTwoFactor, regenerateRecoveryCodes, startTotpEnrollment } from "./totp";

async function sessionForChange(sessionId: string): Promise<SessionState> {
  const session = await inspectSession(sessionId);
  if (!session || session.stage === "secondFactor") throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
  await assertRecentReauthentication(sessionId, session.user.id);
  return session;
}

/** Ends the user's other sessions after a change to how they sign in, and says so in the log. */
async function endOtherSessions(session: SessionState, reason: string): Promise<void> {
  await withIdentity({ userId: session.user.id }, async (tx) => {
    const ended = await tx.userSession.updateMany({
      where: { userId: session.user.id, revokedAt: null, id: { not: session.sessionId } },
      data: { revokedAt: new Date() },
    });
    if (ended.count > 0) {
      await audit(tx, {
        organizationId: null,
        actorUserId: session.user.id,
        action: "auth.sessions.ended",
        entityType: "User",
        entityId: session.user.id,
        metadata: { by: "self", scope: "others", reason, count: ended.count },
      });
    }
  });
}

export interface TwoFactorSetup {
  /** the secret in base32, for typing into an app by hand */
  secret: string;
  /** the otpauth:// address as a QR code, an SVG drawn here on the server */
  qrSvg: string;
}

/** Starts setting up an authenticator app: a new secret (not active until confirmed) and its QR code. */
export async function beginTwoFactorSetup(sessionId: string): Promise<TwoFactorSetup> {
  const session = await sessionForChange(sessionId);
  const { secret, uri } = await startTotpEnrollment(session.user.id);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, qrSvg };
}

/** Turns two-factor sign-in on with a first code from the app; returns the 10 recovery codes, shown once. */
export async function confirmTwoFactorSetup(sessionId: string, code: string): Promise<string[]> {
  const session = await sessionForChange(sessionId);
  const codes = await confirmTotpEnrollment(session.user.id, code);
  // sessions opened with the password alone must not outlive the switch to two factors
  await endOtherSessions(session, "2faEnabled");
  return codes;
}

/** Turns two-factor sign-in off, unless one of the user's organisations requires it of their role. */
export async function turnOffTwoFactor(sessionId: string): Promise<void> {
  const session = await sessionForChange(sessionId);
  if (session.twoFactorRequired) {
    throw new AppError("FORBIDDEN", "Your group requires two-factor sign-in for your role; it cannot be turned off.", {
      key: "twoFactorRequiredForRole",
    });
  }
  await disableTwoFactor(session.user.id);
  await endOtherSessions(session, "2faDisabled");
}

/** Replaces the recovery codes with 10 new ones, shown once; the old ones stop working. */
export async function newRecoveryCodes(sessionId: string): Promise<string[]> {
  const session = await sessionForChange(sessionId);
  return regenerateRecoveryCodes(session.user.id);
}
