// The police-action list with filters, and the "upcoming hearings" list coordinators plan around.
import "server-only";
import { authorize, type Ctx, policeActionScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { policeActionListQuerySchema, windowDaysSchema } from "@/lib/validations/police-action";
import { toPoliceActionView, withPoliceActionLinks, type PoliceActionView } from "./shared";
import { containsText, equalsText } from "@/lib/search/like";
import { parseInput } from "@/lib/service-kit";

export interface PoliceActionList {
  items: PoliceActionView[];
  total: number;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;

export async function findPoliceActions(ctx: Ctx, query: unknown): Promise<PoliceActionList> {
  authorize(ctx, "protests.read");
  const filters = parseInput(policeActionListQuerySchema, query ?? {});
  const where: Prisma.PoliceActionWhereInput = {
    ...policeActionScope(ctx),
    ...(filters.from || filters.to
      ? { date: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } }
      : {}),
    ...(filters.city ? { protest: { city: equalsText(filters.city) } } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.personId ? { personId: filters.personId } : {}),
    ...(filters.protestId ? { protestId: filters.protestId } : {}),
    ...(filters.q
      ? {
          OR: [
            { authority: containsText(filters.q) },
            { legalBasis: containsText(filters.q) },
            { lawyer: containsText(filters.q) },
            { person: { displayName: containsText(filters.q) } },
          ],
        }
      : {}),
  };
  return withTenant(ctx, async (tx) => {
    const total = await tx.policeAction.count({ where });
    const rows = await withPoliceActionLinks(
      tx,
      await tx.policeAction.findMany({
        where,
        orderBy: [{ date: "desc" }, { createdAt: "desc" }],
        skip: (filters.page - 1) * filters.pageSize,
        take: filters.pageSize,
      }),
    );
    return { items: rows.map((row) => toPoliceActionView(ctx, row, false)), total, page: filters.page, pageSize: filters.pageSize };
  });
}

/**
 * Pending actions whose hearing falls within the next `days` days (from now), soonest first;
 * and pending actions whose hearing has passed without an outcome, which need follow-up too.
 */
export async function findUpcomingHearings(
  ctx: Ctx,
  options: { days?: unknown; now?: Date } = {},
): Promise<{ days: number; upcoming: PoliceActionView[]; overdue: PoliceActionView[] }> {
  authorize(ctx, "protests.read");
  const days = windowDaysSchema.parse(options.days ?? undefined);
  const now = options.now ?? new Date();
  const until = new Date(now.getTime() + days * DAY_MS);
  const base = { ...policeActionScope(ctx), status: "PENDING" as const };
  return withTenant(ctx, async (tx) => {
    const upcoming = await withPoliceActionLinks(
      tx,
      await tx.policeAction.findMany({ where: { ...base, hearingAt: { gte: now, lte: until } }, orderBy: { hearingAt: "asc" }, take: 500 }),
    );
    const overdue = await withPoliceActionLinks(
      tx,
      await tx.policeAction.findMany({ where: { ...base, hearingAt: { lt: now }, outcome: null }, orderBy: { hearingAt: "desc" }, take: 200 }),
    );
    return {
      days,
      upcoming: upcoming.map((row) => toPoliceActionView(ctx, row, false)),
      overdue: overdue.map((row) => toPoliceActionView(ctx, row, false)),
    };
  });
}
