// Which language to show a signed-in member when this browser has no choice stored:
// their own saved choice, else their organisation's default.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/config";

export async function preferredLocale(ctx: Pick<Ctx, "userId" | "organizationId">): Promise<Locale | null> {
  return withTenant({ organizationId: ctx.organizationId, userId: ctx.userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: ctx.userId }, select: { locale: true } });
    if (isLocale(user?.locale)) return user.locale;
    const organization = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { defaultLocale: true } });
    return isLocale(organization?.defaultLocale) ? organization.defaultLocale : null;
  });
}
