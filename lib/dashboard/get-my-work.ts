// "My work", a volunteer's start page: their open cases, their tasks, hearings of people on their cases,
// and what changed on their cases since they last opened it (the visit is then remembered).
import "server-only";
import { authorize, caseEventScope, type Ctx, membershipScope, ownCaseScope, policeActionScope, taskScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import type { CaseStatus } from "@/lib/generated/prisma/enums";

export const MY_WORK_ITEMS = 20;

export interface MyCase {
  id: string;
  reference: string;
  subjectName: string;
  status: CaseStatus;
  updatedAt: string;
}

export interface MyWork {
  /** when the member last opened this page before now; null on the first visit */
  lastVisit: string | null;
  cases: { total: number; items: MyCase[] };
  tasks: { id: string; title: string; dueDate: string | null; overdue: boolean; caseId: string | null; reference: string | null }[];
  hearings: { id: string; hearingAt: string; type: string; personName: string; caseId: string | null; reference: string | null }[];
  /** own cases changed since the last visit, with how many timeline entries others added */
  changed: (MyCase & { newEvents: number })[];
}

const DAY = 86_400_000;

/** `remember`: the page marks the visit; the API reads without moving "since your last visit". */
export async function getMyWork(ctx: Ctx, options: { remember?: boolean; now?: Date } = {}): Promise<MyWork> {
  const now = options.now ?? new Date();
  authorize(ctx, "cases.read");
  const today = now.toISOString().slice(0, 10);
  return withTenant(ctx, async (tx) => {
    const membership = await tx.membership.findFirst({ where: { ...membershipScope(ctx), userId: ctx.userId }, select: { id: true, workSeenAt: true } });
    const lastVisit = membership?.workSeenAt ?? null;
    const mine = { ...ownCaseScope(ctx), closedAt: null };
    const caseSelect = { id: true, reference: true, status: true, updatedAt: true, subject: { select: { displayName: true } } } as const;
    const total = await tx.case.count({ where: mine });
    const cases = await tx.case.findMany({ where: mine, select: caseSelect, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: MY_WORK_ITEMS });
    const tasks = await tx.task.findMany({
      where: { ...taskScope(ctx), status: "OPEN", assigneeId: ctx.userId },
      select: { id: true, title: true, dueDate: true, caseId: true, case: { select: { reference: true, deletedAt: true } } },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      take: MY_WORK_ITEMS,
    });
    // hearings of the subjects and family of own cases, and of actions filed on them, from yesterday to a month ahead
    const hearings = await tx.policeAction.findMany({
      where: {
        ...policeActionScope(ctx, { anyPerson: true }),
        outcome: null,
        hearingAt: { gte: new Date(now.getTime() - DAY), lte: new Date(now.getTime() + 30 * DAY) },
        OR: [{ case: mine }, { person: { subjectOf: { some: mine } } }, { person: { contactFor: { some: { case: mine } } } }],
      },
      select: { id: true, hearingAt: true, type: true, caseId: true, case: { select: { reference: true } }, person: { select: { displayName: true } } },
      orderBy: [{ hearingAt: "asc" }, { id: "asc" }],
      take: MY_WORK_ITEMS,
    });
    const changed = lastVisit
      ? await tx.case.findMany({ where: { ...mine, updatedAt: { gt: lastVisit } }, select: caseSelect, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: MY_WORK_ITEMS })
      : [];
    const newEvents = changed.length
      ? await tx.caseEvent.groupBy({
          by: ["caseId"],
          where: { ...caseEventScope(ctx), caseId: { in: changed.map((row) => row.id) }, createdAt: { gt: lastVisit ?? now }, NOT: { createdById: ctx.userId } },
          _count: { _all: true },
        })
      : [];
    if (membership && options.remember) await tx.membership.update({ where: { id: membership.id }, data: { workSeenAt: now } });

    const eventsBy = new Map(newEvents.map((row) => [row.caseId, row._count._all]));
    const toCase = (row: (typeof cases)[number]): MyCase => ({ id: row.id, reference: row.reference, subjectName: row.subject.displayName, status: row.status, updatedAt: row.updatedAt.toISOString() });
    return {
      lastVisit: lastVisit ? lastVisit.toISOString() : null,
      cases: { total, items: cases.map(toCase) },
      tasks: tasks.map((task) => {
        const dueDate = task.dueDate ? task.dueDate.toISOString().slice(0, 10) : null;
        const liveCase = task.case && !task.case.deletedAt ? task.case : null;
        return { id: task.id, title: task.title, dueDate, overdue: dueDate !== null && dueDate < today, caseId: liveCase ? task.caseId : null, reference: liveCase?.reference ?? null };
      }),
      hearings: hearings.flatMap((row) =>
        row.hearingAt ? [{ id: row.id, hearingAt: row.hearingAt.toISOString(), type: row.type, personName: row.person.displayName, caseId: row.caseId, reference: row.case?.reference ?? null }] : [],
      ),
      changed: changed.map((row) => ({ ...toCase(row), newEvents: eventsBy.get(row.id) ?? 0 })),
    };
  });
}
