// A signed-in user changes their own password; their other sessions end. The session must have
// re-authenticated within the last few minutes.
import "server-only";
import { audit } from "../audit";
import type { Ctx } from "../authz";
import { withIdentity, withTenant } from "../db";
import { invalid } from "../errors";
import { hashPassword, timingDummyHash, verifyPassword } from "./password";
import { assertStrongPassword } from "./password-policy";
import { assertRecentReauthentication } from "./sessions";

export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
  options: { sessionId: string },
): Promise<void> {
  await assertRecentReauthentication(options.sessionId, ctx.userId);
  const user = await withIdentity({ userId: ctx.userId }, (tx) =>
    tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { email: true, passwordHash: true } }),
  );
  const ok = await verifyPassword(user.passwordHash ?? (await timingDummyHash()), input.currentPassword);
  if (!ok || !user.passwordHash) throw invalid("The current password is not right.", { currentPassword: ["currentPasswordWrong"] });
  assertStrongPassword(input.newPassword, { email: user.email, field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await withTenant(ctx, async (tx) => {
    await tx.user.update({ where: { id: ctx.userId }, data: { passwordHash, version: { increment: 1 } } });
    await tx.userSession.updateMany({
      where: { userId: ctx.userId, revokedAt: null, id: { not: options.sessionId } },
      data: { revokedAt: new Date() },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "user.passwordChange",
      entityType: "User",
      entityId: ctx.userId,
      changedFields: ["passwordHash"],
      ipHash: ctx.ipHash ?? null,
    });
  });
}
