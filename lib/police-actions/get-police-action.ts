// One police action with its description, for its page.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, policeActionScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { toPoliceActionView, withPoliceActionLinksOne, type PoliceActionView } from "./shared";
import { isUuid } from "@/lib/service-kit";

export async function getPoliceAction(ctx: Ctx, actionId: string): Promise<PoliceActionView> {
  authorize(ctx, "protests.read");
  if (!isUuid(actionId)) throw notFound("police action");
  return withTenant(ctx, async (tx) => {
    const row = await withPoliceActionLinksOne(
      tx,
      await tx.policeAction.findFirst({ where: { ...policeActionScope(ctx), id: actionId } }),
    );
    if (!row) throw notFound("police action");
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "policeAction.view",
      entityType: "PoliceAction",
      entityId: row.id,
      ipHash: ctx.ipHash ?? null,
    });
    return toPoliceActionView(ctx, row, true);
  });
}
