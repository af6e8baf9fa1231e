// Records what came of a police action (dismissed, fined N, N days served, appealed and the appeal's
// result). The action counts as resolved once it has an outcome, unless an appeal is still pending.
import "server-only";
import { audit, changedFieldNames } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { policeActionRuleErrors, policeOutcomeSchema, type PoliceOutcomeInput } from "@/lib/validations/police-action";
import { loadEditablePoliceAction, toPoliceActionView } from "./shared";
import { assertNoFieldErrors, decimalToNumber, isUuid, parseInput, staleVersion } from "@/lib/service-kit";

export async function recordPoliceOutcome(ctx: Ctx, actionId: string, input: PoliceOutcomeInput): Promise<{ id: string; version: number }> {
  authorize(ctx, "protests.write");
  if (!isUuid(actionId)) throw notFound("police action");
  const data = parseInput(policeOutcomeSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadEditablePoliceAction(tx, ctx, actionId);
    const appealResult = data.appealResult ?? (data.outcome === "APPEALED" ? "PENDING" : null);
    const status = data.status ?? (appealResult === "PENDING" ? "PENDING" : "RESOLVED");
    const after = {
      outcome: data.outcome,
      outcomeDate: data.outcomeDate,
      outcomeFineAmount: data.outcomeFineAmount,
      outcomeDaysServed: data.outcomeDaysServed,
      appealResult,
      appealResultDate: data.appealResultDate,
      status,
    };
    // the same rules as on the form, now against the stored action's date and hearing
    assertNoFieldErrors(policeActionRuleErrors({ date: current.date, hearingAt: current.hearingAt, ...after }));
    const updated = await tx.policeAction.updateMany({
      where: { id: actionId, version: data.version, deletedAt: null },
      data: { ...after, version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("police action", toPoliceActionView(ctx, current, false) as unknown as Record<string, unknown>);
    const before = {
      outcome: current.outcome,
      outcomeDate: current.outcomeDate,
      outcomeFineAmount: decimalToNumber(current.outcomeFineAmount),
      outcomeDaysServed: current.outcomeDaysServed,
      appealResult: current.appealResult,
      appealResultDate: current.appealResultDate,
      status: current.status,
    };
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "policeAction.outcome",
      entityType: "PoliceAction",
      entityId: actionId,
      changedFields: changedFieldNames(before, after),
      metadata: { outcome: data.outcome, appealResult },
      ipHash: ctx.ipHash ?? null,
    });
    return { id: actionId, version: current.version + 1 };
  });
}
