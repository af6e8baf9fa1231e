// What the dashboard's services share: the case conditions of the filters, the organisation's
// settings, and links to the lists with the same filters.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { caseFilterConditions } from "@/lib/cases/case-filters";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DashboardQuery } from "@/lib/validations/dashboard";

/** WHERE on `cases c`: the organisation, live cases, and the dashboard's case filters. */
export function caseWhere(ctx: Ctx, query: DashboardQuery): Prisma.Sql {
  const conditions = [
    Prisma.sql`c."organizationId" = ${ctx.organizationId}::uuid`,
    Prisma.sql`c."deletedAt" IS NULL`,
    ...caseFilterConditions(ctx, { status: query.status, tag: query.tag, hometown: query.hometown, assignee: query.assignee }),
  ];
  return Prisma.join(conditions, " AND ");
}

/**
 * WHERE on a row that belongs to a case (`alias."caseId"`): its case is live and passes the filters. With
 * no filter only the organisation's few deleted cases are looked up (a hashed NOT IN), instead of a join
 * with every case.
 */
export function rowOfCase(ctx: Ctx, query: DashboardQuery, caseId: Prisma.Sql): Prisma.Sql {
  if (hasCaseFilter(query)) return Prisma.sql`EXISTS (SELECT 1 FROM cases c WHERE c.id = ${caseId} AND ${caseWhere(ctx, query)})`;
  return Prisma.sql`${caseId} NOT IN (SELECT c.id FROM cases c WHERE c."organizationId" = ${ctx.organizationId}::uuid AND c."deletedAt" IS NOT NULL)`;
}

/** Whether any case filter is set (the police-action and protest figures are not filtered by case). */
export function hasCaseFilter(query: DashboardQuery): boolean {
  return Boolean(query.status || query.tag || query.hometown || query.assignee);
}

export interface DashboardSettings {
  smallCellThreshold: number;
  staleCaseDays: number;
  unansweredAdvocacyDays: number;
  /** when the background scan last compared all of the organisation's people for duplicates */
  duplicatesScannedAt: Date | null;
}

export async function loadSettings(tx: Tx, ctx: Ctx): Promise<DashboardSettings> {
  const org = await tx.organization.findUnique({
    where: { id: ctx.organizationId },
    select: { smallCellThreshold: true, staleCaseDays: true, unansweredAdvocacyDays: true, duplicatesScannedAt: true },
  });
  return {
    smallCellThreshold: org?.smallCellThreshold ?? 5,
    staleCaseDays: org?.staleCaseDays ?? 90,
    unansweredAdvocacyDays: org?.unansweredAdvocacyDays ?? 60,
    duplicatesScannedAt: org?.duplicatesScannedAt ?? null,
  };
}

/** A day N days before `today` (YYYY-MM-DD). */
export function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A list's address with the dashboard's case filters and the figure's own parameters. */
export function listHref(path: string, query: DashboardQuery | null, extra: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  if (query) {
    for (const key of ["status", "tag", "hometown", "assignee"] as const) {
      const value = query[key];
      if (value) params.set(key, value);
    }
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
