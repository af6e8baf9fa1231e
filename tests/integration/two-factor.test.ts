import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import {
  confirmTotpEnrollment,
  disableTwoFactor,
  remainingRecoveryCodes,
  secondFactorRequired,
  startTotpEnrollment,
  verifySecondFactor,
} from "../../lib/auth/two-factor/totp";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

const codeAt = (secret: string, secondsFromNow = 0) =>
  generate({ secret, period: 30, epoch: Math.floor(Date.now() / 1000) + secondsFromNow });

describe("two-factor sign-in", () => {
  let member: TestMember;
  let secret: string;
  let recovery: string[];

  beforeAll(async () => {
    member = await createMember(await createOrg("2FA group", "TF"), "COORDINATOR");
  });

  it("is required for admins and coordinators when the organisation asks for it, optional for others", () => {
    expect(secondFactorRequired("ADMIN", true)).toBe(true);
    expect(secondFactorRequired("COORDINATOR", true)).toBe(true);
    expect(secondFactorRequired("VOLUNTEER", true)).toBe(false);
    expect(secondFactorRequired("ANALYST", true)).toBe(false);
    expect(secondFactorRequired("ADMIN", false)).toBe(false);
  });

  it("stores the secret encrypted and turns on only after a right first code", async () => {
    const enrollment = await startTotpEnrollment(member.userId);
    secret = enrollment.secret;
    expect(enrollment.uri).toMatch(/^otpauth:\/\/totp\/Qamqor:/);
    const [row] = await ownerQuery<{ totpSecretEnc: string }>(`SELECT "totpSecretEnc" FROM users WHERE id = $1`, [member.userId]);
    expect(row!.totpSecretEnc).not.toContain(secret);
    await expect(confirmTotpEnrollment(member.userId, "000000")).rejects.toMatchObject({ code: "INVALID" });
    recovery = await confirmTotpEnrollment(member.userId, await codeAt(secret, -30));
    expect(recovery).toHaveLength(10);
    const stored = await ownerQuery<{ codeHash: string }>(`SELECT "codeHash" FROM recovery_codes WHERE "userId" = $1`, [member.userId]);
    expect(stored.map((r) => r.codeHash)).not.toContain(recovery[0]);
  });

  it("accepts a fresh code once and refuses the same code replayed", async () => {
    const code = await codeAt(secret);
    expect(await verifySecondFactor(member.userId, code)).toBe("totp");
    expect(await verifySecondFactor(member.userId, code)).toBeNull();
  });

  it("refuses a code older than one already used", async () => {
    expect(await verifySecondFactor(member.userId, await codeAt(secret, -30))).toBeNull();
  });

  it("accepts each recovery code once", async () => {
    expect(await verifySecondFactor(member.userId, recovery[0]!)).toBe("recovery");
    expect(await verifySecondFactor(member.userId, recovery[0]!)).toBeNull();
    expect(await remainingRecoveryCodes(member.userId)).toBe(9);
  });

  it("audits passes, replays and failures without the codes", async () => {
    const rows = await ownerQuery<{ action: string; metadata: unknown }>(
      `SELECT action, metadata FROM audit_events WHERE "actorUserId" = $1 ORDER BY id`,
      [member.userId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      "auth.2fa.enabled",
      "auth.2fa.passed",
      "auth.2fa.replay",
      "auth.2fa.replay",
      "auth.2fa.recoveryUsed",
      "auth.2fa.failed",
    ]);
    expect(JSON.stringify(rows)).not.toContain(recovery[0]!);
  });

  it("can be turned off, after which no code is accepted", async () => {
    await disableTwoFactor(member.userId);
    expect(await verifySecondFactor(member.userId, await codeAt(secret, 30))).toBeNull();
  });
});
