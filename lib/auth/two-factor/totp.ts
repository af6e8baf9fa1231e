// Two-factor sign-in with authenticator apps (TOTP, RFC 6238) and one-time recovery codes.
// A code is accepted once: the last accepted time step is stored and older or equal steps are refused.
import "server-only";
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { audit } from "../../audit";
import { decryptField, encryptField, lookupHash } from "../../crypto";
import { userTotpSecretContext } from "../../crypto-contexts";
import { withIdentity } from "../../db";
import { AppError } from "../../errors";

export { secondFactorRequired } from "./policy";

const PERIOD = 30;
const RECOVERY_CODES = 10;
const ISSUER = "Qamqor";

function recoveryHash(code: string): string {
  return lookupHash(code.replace(/[\s-]/g, "").toLowerCase(), "recovery-code");
}

// No 0/o, 1/i/l: codes are read off paper. 24 characters of 31 carry 118 bits, enough for a keyed hash
// to stand in for a slow password hash (ASVS 6.5.2 asks for 112).
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LENGTH = 24;

function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < RECOVERY_LENGTH; i += 1) code += `${i > 0 && i % 4 === 0 ? "-" : ""}${RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]}`;
  return code;
}

export interface Enrollment {
  secret: string;
  uri: string;
}

/** Starts (or restarts) enrolment: a new secret, stored encrypted, not yet active. */
export async function startTotpEnrollment(userId: string): Promise<Enrollment> {
  return withIdentity({ userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, totpEnabledAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "The user was not found.");
    if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on; turn it off first to change the app.", { key: "twoFactorAlreadyOn" });
    const secret = generateSecret();
    await tx.user.update({
      where: { id: userId },
      data: { totpSecretEnc: encryptField(secret, userTotpSecretContext(userId)), totpLastStep: null },
    });
    return { secret, uri: generateURI({ issuer: ISSUER, label: user.email, secret, period: PERIOD }) };
  });
}

async function matchStep(secret: string, code: string): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const now = Math.floor(Date.now() / 1000);
  const result = await verify({ secret, token, period: PERIOD, epoch: now, epochTolerance: PERIOD });
  if (!result.valid) return null;
  return Math.floor(now / PERIOD) + result.delta;
}

/** Confirms enrolment with a first code from the app; returns recovery codes, shown once. */
export async function confirmTotpEnrollment(userId: string, code: string): Promise<string[]> {
  return withIdentity({ userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true, totpEnabledAt: true } });
    if (!user?.totpSecretEnc || user.totpEnabledAt) throw new AppError("CONFLICT", "Start setting up two-factor sign-in first.", { key: "twoFactorNotStarted" });
    const step = await matchStep(decryptField(user.totpSecretEnc, userTotpSecretContext(userId)) as string, code);
    if (step === null) throw new AppError("INVALID", "That code is not right; check the time on your phone and try the newest code.", { key: "twoFactorWrongCode", fieldErrors: { code: ["twoFactorWrongCode"] } });
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date(), totpLastStep: BigInt(step) } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryHash(c) })) });
    await audit(tx, { organizationId: null, actorUserId: userId, action: "auth.2fa.enabled", entityType: "User", entityId: userId });
    return codes;
  });
}

/**
 * Checks a sign-in code: a TOTP code not used before, or an unused recovery code (used up by this call).
 * Returns how it was accepted, or null when refused.
 */
export async function verifySecondFactor(userId: string, code: string): Promise<"totp" | "recovery" | null> {
  return withIdentity({ userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true, totpEnabledAt: true } });
    if (!user?.totpSecretEnc || !user.totpEnabledAt) return null;
    const step = await matchStep(decryptField(user.totpSecretEnc, userTotpSecretContext(userId)) as string, code);
    if (step !== null) {
      // Only a step newer than the last accepted one counts, so a seen code cannot be replayed.
      const accepted = await tx.user.updateMany({
        where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }] },
        data: { totpLastStep: BigInt(step) },
      });
      const how = accepted.count === 1 ? "totp" : null;
      await audit(tx, { organizationId: null, actorUserId: userId, action: how ? "auth.2fa.passed" : "auth.2fa.replay", entityType: "User", entityId: userId });
      return how;
    }
    const used = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: recoveryHash(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    await audit(tx, {
      organizationId: null,
      actorUserId: userId,
      action: used.count === 1 ? "auth.2fa.recoveryUsed" : "auth.2fa.failed",
      entityType: "User",
      entityId: userId,
    });
    return used.count === 1 ? "recovery" : null;
  });
}

export async function twoFactorEnabled(userId: string): Promise<boolean> {
  return withIdentity({ userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
    return Boolean(user?.totpEnabledAt);
  });
}

/** Turns two-factor sign-in off (the caller must have re-authenticated). */
export async function disableTwoFactor(userId: string, actorUserId: string = userId): Promise<void> {
  await withIdentity({ userId }, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await audit(tx, { organizationId: null, actorUserId, action: "auth.2fa.disabled", entityType: "User", entityId: userId });
  });
}

/** Replaces every recovery code with 10 new ones, shown once (the caller must have re-authenticated). */
export async function regenerateRecoveryCodes(userId: string): Promise<string[]> {
  return withIdentity({ userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
    if (!user?.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is off.", { key: "twoFactorNotOn" });
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryHash(c) })) });
    await audit(tx, { organizationId: null, actorUserId: userId, action: "auth.2fa.recoveryRegenerated", entityType: "User", entityId: userId });
    return codes;
  });
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  return withIdentity({ userId }, (tx) => tx.recoveryCode.count({ where: { userId, usedAt: null } }));
}
