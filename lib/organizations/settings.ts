// Organisation settings an admin controls: the default language, whether admins and coordinators
// must use two-factor sign-in, and what the dashboard, statistics and reports hold back or keep.
import "server-only";
import { audit, changedFieldNames } from "../audit";
import { authorize, type Ctx } from "../authz";
import { withTenant } from "../db";
import { notFound } from "../errors";
import { parseInput, staleVersion } from "../service-kit";
import { organizationSettingsSchema, type OrganizationSettingsInput } from "../validations/organization";

export interface OrganizationSettings {
  name: string;
  defaultLocale: string;
  require2fa: boolean;
  smallCellThreshold: number;
  staleCaseDays: number;
  unansweredAdvocacyDays: number;
  reportRetentionDays: number;
  version: number;
}

const select = {
  name: true,
  defaultLocale: true,
  require2fa: true,
  smallCellThreshold: true,
  staleCaseDays: true,
  unansweredAdvocacyDays: true,
  reportRetentionDays: true,
  version: true,
} as const;

export async function getOrganizationSettings(ctx: Ctx): Promise<OrganizationSettings> {
  authorize(ctx, "org.manage");
  return withTenant(ctx, async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select });
    if (!org) throw notFound("organisation");
    return org;
  });
}

export async function updateOrganizationSettings(ctx: Ctx, input: OrganizationSettingsInput): Promise<OrganizationSettings> {
  authorize(ctx, "org.manage");
  const { version, ...data } = parseInput(organizationSettingsSchema, input);
  return withTenant(ctx, async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select });
    if (!before) throw notFound("organisation");
    const updated = await tx.organization.updateMany({
      where: { id: ctx.organizationId, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("organisation's settings", { ...before });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "organization.update",
      entityType: "Organization",
      entityId: ctx.organizationId,
      changedFields: changedFieldNames(before, data),
      ipHash: ctx.ipHash ?? null,
    });
    return (await tx.organization.findUnique({ where: { id: ctx.organizationId }, select })) as OrganizationSettings;
  });
}
