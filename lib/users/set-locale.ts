// A member's own interface language, remembered on their user record so it follows them to any device.
import "server-only";
import { audit } from "@/lib/audit";
import type { Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { setLocaleSchema } from "@/lib/i18n/schema";
import { parseInput } from "@/lib/service-kit";

// No permission from the table: everyone may choose their own language, and only their own.
export async function setUserLocale(ctx: Ctx, input: { locale: unknown }): Promise<{ locale: Locale }> {
  const { locale } = parseInput(setLocaleSchema, input);
  await withTenant({ organizationId: ctx.organizationId, userId: ctx.userId }, async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { locale: true } });
    if (before.locale === locale) return;
    await tx.user.update({ where: { id: ctx.userId }, data: { locale } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "user.locale.update",
      entityType: "User",
      entityId: ctx.userId,
      changedFields: ["locale"],
      ipHash: ctx.ipHash,
    });
  });
  return { locale };
}
