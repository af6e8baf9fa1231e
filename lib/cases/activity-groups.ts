// The case history as people read it: repeated views by one person in a row become one line
// ("viewed the case 12 times"), and each action is named in words (message key from its code).
// Pure: the page groups what lib/cases/get-case-activity.ts read.
import type { CaseActivityItem } from "./get-case-activity";

/** Actions that only read: repeated in a row by the same person, they are one line. */
const READS = new Set(["case.view", "case.events.view", "attachment.download", "un.submissions.view", "person.portrait.view", "person.contact.view"]);

/** Audit actions a case history names in words; any other shows as "another action". */
export const CASE_HISTORY_ACTIONS = [
  "case.view", "case.events.view", "case.create", "case.update", "case.assign", "case.delete", "case.restore",
  "case.status.derive", "case.status.override", "case.contact.add", "case.contact.remove",
  "case.event.create", "case.event.update", "case.event.delete", "case.note.create", "case.note.delete",
  "case.task.create", "case.task.complete", "case.task.cancel", "case.source.add", "case.source.remove",
  "attachment.upload", "attachment.download", "attachment.delete",
  "un.submission.create", "un.submission.sent", "un.submissions.view", "un.draft.generate", "un.reply.create", "un.reply.answer",
] as const;

export interface CaseActivityGroup {
  id: string;
  /** message key under "cases.history": the action with "_" for "." ("case_view"), or "other" */
  key: string;
  action: string;
  actorName: string | null;
  changedFields: string[];
  /** how many audit rows the line stands for (1 unless repeated reads) */
  count: number;
  /** newest and oldest moment of the group (the list is newest first) */
  latest: string;
  earliest: string;
}

export function historyKey(action: string): string {
  return (CASE_HISTORY_ACTIONS as readonly string[]).includes(action) ? action.replaceAll(".", "_") : "other";
}

/** Groups a newest-first activity list: the same read repeated in a run of one person's reads becomes one line. */
export function groupCaseActivity(items: CaseActivityItem[]): CaseActivityGroup[] {
  const groups: CaseActivityGroup[] = [];
  for (const item of items) {
    // One page view writes several reads (the case, its UN submissions …), so within a run of reads by
    // the same person each kind of read is one line, whatever order they were written in.
    let same: CaseActivityGroup | undefined;
    for (let index = groups.length - 1; READS.has(item.action) && index >= 0; index -= 1) {
      const group = groups[index] as CaseActivityGroup;
      if (!READS.has(group.action) || group.actorName !== item.actorName) break;
      if (group.action === item.action) {
        same = group;
        break;
      }
    }
    if (same) {
      same.count += 1;
      same.earliest = item.createdAt;
      continue;
    }
    groups.push({
      id: item.id,
      key: historyKey(item.action),
      action: item.action,
      actorName: item.actorName,
      changedFields: item.changedFields,
      count: 1,
      latest: item.createdAt,
      earliest: item.createdAt,
    });
  }
  return groups;
}
