// Workload per member who can work on cases: open cases (and how many have gone quiet), open and overdue
// tasks. Counted per assignee by PostgreSQL; the member list is the organisation's active members.
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";

export interface WorkloadRow {
  userId: string;
  name: string;
  role: string;
  openCases: number;
  staleCases: number;
  openTasks: number;
  overdueTasks: number;
  /** the member's cases in the case list */
  href: string;
}

/** `byAssignee`: open and quiet cases per volunteer, from the dashboard's one pass over the cases. */
export async function computeWorkload(
  tx: Tx,
  ctx: Ctx,
  { byAssignee, tasksByAssignee }: { byAssignee: Map<string, { open: number; stale: number }>; tasksByAssignee: Map<string, { open: number; overdue: number }> },
): Promise<WorkloadRow[]> {
  // the active members and their names in one statement (a relation include would be two)
  const members = await tx.$queryRaw<{ userId: string; role: string; name: string }[]>`
    SELECT m."userId", m.role::text AS role, u.name
      FROM memberships m JOIN users u ON u.id = m."userId"
     WHERE m."organizationId" = ${ctx.organizationId}::uuid AND m."deactivatedAt" IS NULL AND m.role::text IN ('ADMIN', 'COORDINATOR', 'VOLUNTEER')
     ORDER BY u.name`;
  const caseBy = byAssignee;
  const taskBy = tasksByAssignee;
  return members
    .map((member) => ({
      userId: member.userId,
      name: member.name,
      role: member.role,
      openCases: caseBy.get(member.userId)?.open ?? 0,
      staleCases: caseBy.get(member.userId)?.stale ?? 0,
      openTasks: taskBy.get(member.userId)?.open ?? 0,
      overdueTasks: taskBy.get(member.userId)?.overdue ?? 0,
      href: `/cases?assignee=${member.userId}`,
    }))
    .sort((a, b) => b.openCases - a.openCases || a.name.localeCompare(b.name));
}
