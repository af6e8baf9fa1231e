// Counts only, never names: what analysts (and the dashboard) may see of protests and police actions.
// Every count goes through the one small-cell rule (lib/stats/small-cell.ts): analysts see counts below
// the organisation's threshold as "fewer than N"; coordinators and admins see exact numbers.
import "server-only";
import { authorize, can, type Ctx, protestScope, policeActionScope } from "@/lib/authz";
import { withTenantReadOnly } from "@/lib/db-replica";
import { PoliceActionStatus, PoliceActionType, PoliceOutcome, ProtestKind } from "@/lib/generated/prisma/enums";
import { countPublisher, type PublishedCount, type PublishedGroup } from "@/lib/stats/small-cell";
import { decimalToNumber } from "@/lib/service-kit";

export interface ProtestStats {
  /** true when the reader sees exact counts; otherwise small counts are hidden */
  exact: boolean;
  threshold: number;
  protestsByKind: PublishedGroup<ProtestKind>;
  participations: PublishedCount;
  policeActionsByType: PublishedGroup<PoliceActionType>;
  outcomes: PublishedGroup<PoliceOutcome>;
  policeActionsByStatus: PublishedGroup<PoliceActionStatus>;
  /** sum of fines imposed as outcomes, per currency (hidden when fewer fines than the threshold make it up) */
  finesByCurrency: Record<string, PublishedCount>;
  daysServed: PublishedCount;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export async function getProtestStats(ctx: Ctx, range: { from?: Date | null; to?: Date | null } = {}): Promise<ProtestStats> {
  authorize(ctx, "stats.read");
  const date = { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) };
  // "to" names a whole day, as in the protest list
  const startsAt = { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: new Date(range.to.getTime() + 86_400_000) } : {}) };
  const protestWhere = { ...protestScope(ctx), ...(range.from || range.to ? { startsAt } : {}) };
  const actionWhere = { ...policeActionScope(ctx, { countsOnly: true }), ...(range.from || range.to ? { date } : {}) };
  return withTenantReadOnly(ctx, async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { smallCellThreshold: true } });
    const publish = countPublisher(can(ctx, "stats.exact"), org?.smallCellThreshold ?? 0);
    const byKind = await tx.protest.groupBy({ by: ["kind"], where: protestWhere, _count: { _all: true } });
    const participations = await tx.protestParticipation.count({ where: { protest: protestWhere } });
    const byType = await tx.policeAction.groupBy({ by: ["type"], where: actionWhere, _count: { _all: true } });
    const byOutcome = await tx.policeAction.groupBy({ by: ["outcome"], where: { ...actionWhere, outcome: { not: null } }, _count: { _all: true } });
    const byStatus = await tx.policeAction.groupBy({ by: ["status"], where: actionWhere, _count: { _all: true } });
    const fines = await tx.policeAction.groupBy({
      by: ["currency"],
      where: { ...actionWhere, outcomeFineAmount: { not: null } },
      _sum: { outcomeFineAmount: true },
      _count: { _all: true },
    });
    const days = await tx.policeAction.aggregate({ where: { ...actionWhere, outcomeDaysServed: { not: null } }, _sum: { outcomeDaysServed: true }, _count: { _all: true } });

    const kinds = zeros(Object.values(ProtestKind));
    for (const row of byKind) kinds[row.kind] = row._count._all;
    const types = zeros(Object.values(PoliceActionType));
    for (const row of byType) types[row.type] = row._count._all;
    const outcomes = zeros(Object.values(PoliceOutcome));
    for (const row of byOutcome) if (row.outcome) outcomes[row.outcome] = row._count._all;
    const statuses = zeros(Object.values(PoliceActionStatus));
    for (const row of byStatus) statuses[row.status] = row._count._all;
    return {
      exact: publish.exact,
      threshold: publish.threshold,
      protestsByKind: publish.group(kinds),
      participations: publish.count(participations),
      policeActionsByType: publish.group(types),
      outcomes: publish.group(outcomes),
      policeActionsByStatus: publish.group(statuses),
      finesByCurrency: Object.fromEntries(fines.map((row) => [row.currency, publish.sum(decimalToNumber(row._sum.outcomeFineAmount) ?? 0, row._count._all)])),
      daysServed: publish.sum(days._sum.outcomeDaysServed ?? 0, days._count._all),
    };
  });
}
