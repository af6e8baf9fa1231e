// The open cases of one member, quietest first, for a coordinator to hand some to someone else from the
// workload table (the reassignment itself is the case service's assignCase).
import "server-only";
import { authorize, caseScope, type Ctx, membershipScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { isUuid } from "@/lib/service-kit";

export const REASSIGN_ITEMS = 20;

export interface ReassignCandidate {
  id: string;
  reference: string;
  subjectName: string;
  version: number;
  updatedAt: string;
}

export async function findReassignCandidates(ctx: Ctx, memberId: string): Promise<{ name: string; cases: ReassignCandidate[] } | null> {
  authorize(ctx, "cases.updateAny");
  if (!isUuid(memberId)) return null;
  return withTenant(ctx, async (tx) => {
    const member = await tx.membership.findFirst({ where: { ...membershipScope(ctx), userId: memberId }, select: { user: { select: { name: true } } } });
    if (!member) return null;
    const cases = await tx.case.findMany({
      where: { ...caseScope(ctx), closedAt: null, assignedToId: memberId },
      select: { id: true, reference: true, version: true, updatedAt: true, subject: { select: { displayName: true } } },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: REASSIGN_ITEMS,
    });
    return {
      name: member.user.name,
      cases: cases.map((row) => ({ id: row.id, reference: row.reference, subjectName: row.subject.displayName, version: row.version, updatedAt: row.updatedAt.toISOString() })),
    };
  });
}
