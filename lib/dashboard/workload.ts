// Workload per member who can work on cases: open cases (and how many have gone quiet), open and overdue
// tasks. Counted per assignee by PostgreSQL; the member list is the organisation's active members.
import "server-only";

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

/**
 * `byAssignee`: open and quiet cases per volunteer, from the case summaries; `tasksByAssignee` and
 * `members` (the active members who can work on cases), from the same statement as the other figures.
 */
export function computeWorkload({
  byAssignee,
  tasksByAssignee,
  members,
}: {
  byAssignee: Map<string, { open: number; stale: number }>;
  tasksByAssignee: Map<string, { open: number; overdue: number }>;
  members: { userId: string; role: string; name: string }[];
}): WorkloadRow[] {
  return members
    .map((member) => ({
      userId: member.userId,
      name: member.name,
      role: member.role,
      openCases: byAssignee.get(member.userId)?.open ?? 0,
      staleCases: byAssignee.get(member.userId)?.stale ?? 0,
      openTasks: tasksByAssignee.get(member.userId)?.open ?? 0,
      overdueTasks: tasksByAssignee.get(member.userId)?.overdue ?? 0,
      href: `/cases?assignee=${member.userId}`,
    }))
    .sort((a, b) => b.openCases - a.openCases || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}
