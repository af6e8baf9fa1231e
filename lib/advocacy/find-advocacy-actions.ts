// What was asked of whom on a case and what came back; and the actions still awaiting a response.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, caseScope, type Ctx, advocacyActionScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { advocacyListQuerySchema } from "@/lib/validations/advocacy-action";
import { windowDaysSchema } from "@/lib/validations/police-action";
import { advocacyInclude, toAdvocacyView, type AdvocacyActionView } from "./shared";
import { isUuid, parseInput } from "@/lib/service-kit";

const DAY_MS = 86_400_000;

/** All advocacy actions of one case with their texts, newest first. Reading the texts is audited. */
export async function findCaseAdvocacyActions(ctx: Ctx, caseId: string): Promise<AdvocacyActionView[]> {
  authorize(ctx, "cases.read");
  if (!isUuid(caseId)) throw notFound("case");
  return withTenant(ctx, async (tx) => {
    const found = await tx.case.findFirst({ where: { ...caseScope(ctx), id: caseId }, select: { id: true } });
    if (!found) throw notFound("case");
    const rows = await tx.advocacyAction.findMany({
    where: { ...advocacyActionScope(ctx), caseId },
    include: advocacyInclude,
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    });
    if (rows.length > 0) {
      await audit(tx, {
        organizationId: ctx.organizationId,
        actorUserId: ctx.userId,
        action: "advocacy.view",
        entityType: "Case",
        entityId: caseId,
        metadata: { count: rows.length },
        ipHash: ctx.ipHash ?? null,
      });
    }
    return rows.map((row) => toAdvocacyView(row, true));
  });
}

/** The organisation's advocacy actions (without their texts), filtered by case, type or "still awaiting". */
export async function findAdvocacyActions(
  ctx: Ctx,
  query: unknown,
): Promise<{ items: AdvocacyActionView[]; total: number; page: number; pageSize: number }> {
  authorize(ctx, "cases.read");
  const filters = parseInput(advocacyListQuerySchema, query ?? {});
  const where: Prisma.AdvocacyActionWhereInput = {
    ...advocacyActionScope(ctx),
    ...(filters.caseId ? { caseId: filters.caseId } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.awaiting ? { responseDate: null, responseEnc: null } : {}),
  };
  return withTenant(ctx, async (tx) => {
    const total = await tx.advocacyAction.count({ where });
    const rows = await tx.advocacyAction.findMany({
      where,
      include: advocacyInclude,
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    });
    return { items: rows.map((row) => toAdvocacyView(row, false)), total, page: filters.page, pageSize: filters.pageSize };
  });
}

/** Advocacy actions that have waited more than `days` days without any response, longest wait first. */
export async function findAwaitingResponse(
  ctx: Ctx,
  options: { days?: unknown; now?: Date } = {},
): Promise<{ days: number; items: AdvocacyActionView[] }> {
  authorize(ctx, "cases.read");
  const days = windowDaysSchema.parse(options.days ?? 30);
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.advocacyAction.findMany({
    where: {
      ...advocacyActionScope(ctx),
      responseDate: null,
      responseEnc: null,
      date: { lt: cutoff },
    },
    include: advocacyInclude,
    orderBy: [{ date: "asc" }],
    take: 500,
    });
    return { days, items: rows.map((row) => toAdvocacyView(row, false, now)) };
  });
}
