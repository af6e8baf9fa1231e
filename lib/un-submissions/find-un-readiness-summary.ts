// For the coordinator dashboard: how many open cases are ready for each Working Group and how many
// still miss elements. Counts of the organisation's own cases, from the same kept readiness as the
// case list's filter.
import "server-only";
import { authorize, caseScope, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UnSubmissionKind } from "./readiness";

export type UnReadinessSummary = Record<UnSubmissionKind, { ready: number; missing: number }>;

export async function findUnReadinessSummary(ctx: Ctx): Promise<UnReadinessSummary> {
  authorize(ctx, "unSubmissions.manage");
  const scope = caseScope(ctx);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.$queryRaw<{ total: number; wgeid: number; wgad: number }[]>(Prisma.sql`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE r."wgeidReady")::int AS wgeid,
             count(*) FILTER (WHERE r."wgadReady")::int AS wgad
        FROM cases c
        LEFT JOIN case_un_readiness r ON r."caseId" = c.id
       WHERE c."organizationId" = ${scope.organizationId}::uuid AND c."deletedAt" IS NULL AND c."closedAt" IS NULL`);
    const total = row?.total ?? 0;
    return {
      WGEID: { ready: row?.wgeid ?? 0, missing: total - (row?.wgeid ?? 0) },
      WGAD: { ready: row?.wgad ?? 0, missing: total - (row?.wgad ?? 0) },
    };
  });
}
