// Counts only, never names: what analysts (and the dashboard) may see of protests and police actions.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import type { PoliceActionType, PoliceOutcome, ProtestKind } from "@/lib/generated/prisma/enums";
import { decimalToNumber } from "./shared";

export interface ProtestStats {
  protests: number;
  protestsByKind: Partial<Record<ProtestKind, number>>;
  participations: number;
  policeActions: number;
  policeActionsByType: Partial<Record<PoliceActionType, number>>;
  outcomes: Partial<Record<PoliceOutcome, number>>;
  pendingPoliceActions: number;
  /** sum of fines imposed as outcomes, per currency */
  finesByCurrency: Record<string, number>;
  daysServed: number;
}

export async function getProtestStats(ctx: Ctx, range: { from?: Date | null; to?: Date | null } = {}): Promise<ProtestStats> {
  authorize(ctx, "stats.read");
  const startsAt = { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) };
  const date = startsAt;
  const protestWhere = { organizationId: ctx.organizationId, deletedAt: null, ...(range.from || range.to ? { startsAt } : {}) };
  const actionWhere = { organizationId: ctx.organizationId, deletedAt: null, ...(range.from || range.to ? { date } : {}) };
  return withTenant(ctx, async (tx) => {
    const byKind = await tx.protest.groupBy({ by: ["kind"], where: protestWhere, _count: { _all: true } });
    const participations = await tx.protestParticipation.count({ where: { protest: protestWhere } });
    const byType = await tx.policeAction.groupBy({ by: ["type"], where: actionWhere, _count: { _all: true } });
    const byOutcome = await tx.policeAction.groupBy({ by: ["outcome"], where: { ...actionWhere, outcome: { not: null } }, _count: { _all: true } });
    const pending = await tx.policeAction.count({ where: { ...actionWhere, status: "PENDING" } });
    const fines = await tx.policeAction.groupBy({ by: ["currency"], where: { ...actionWhere, outcomeFineAmount: { not: null } }, _sum: { outcomeFineAmount: true } });
    const days = await tx.policeAction.aggregate({ where: actionWhere, _sum: { outcomeDaysServed: true } });
    return {
      protests: byKind.reduce((sum, row) => sum + row._count._all, 0),
      protestsByKind: Object.fromEntries(byKind.map((row) => [row.kind, row._count._all])),
      participations,
      policeActions: byType.reduce((sum, row) => sum + row._count._all, 0),
      policeActionsByType: Object.fromEntries(byType.map((row) => [row.type, row._count._all])),
      outcomes: Object.fromEntries(byOutcome.flatMap((row) => (row.outcome ? [[row.outcome, row._count._all]] : []))),
      pendingPoliceActions: pending,
      finesByCurrency: Object.fromEntries(fines.map((row) => [row.currency, decimalToNumber(row._sum.outcomeFineAmount) ?? 0])),
      daysServed: days._sum.outcomeDaysServed ?? 0,
    };
  });
}
