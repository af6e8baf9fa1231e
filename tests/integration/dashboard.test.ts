// The dashboard against known data: every figure is checked against a count written out by hand (and the
// lists it links to count the same cases); analysts get the same figures through the small-cell rule and
// nothing that names anyone; volunteers get their own work.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as dashboardRoute } from "../../app/api/v1/dashboard/route";
import { createAdvocacyAction } from "../../lib/advocacy/create-advocacy-action";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { createCase } from "../../lib/cases/create-case";
import { addEvent } from "../../lib/cases/events";
import { findCases } from "../../lib/cases/find-cases";
import { assignCase } from "../../lib/cases/manage-case";
import { findReassignCandidates } from "../../lib/dashboard/find-reassign-candidates";
import { getDashboard, type DashboardData } from "../../lib/dashboard/get-dashboard";
import { getMyWork } from "../../lib/dashboard/get-my-work";
import { resolvePeriod } from "../../lib/dashboard/period";
import type { PublishedCount } from "../../lib/stats/small-cell";
import { addUnReply } from "../../lib/un-submissions/add-un-reply";
import { createUnSubmission } from "../../lib/un-submissions/create-un-submission";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const NOW = new Date("2026-06-15T12:00:00Z");
const JUNE = { period: "month" };

async function placeId(code: string): Promise<string> {
  const rows = await ownerQuery<{ id: string }>(`SELECT id FROM places WHERE code = $1`, [code]);
  return rows[0]!.id;
}

async function person(org: TestOrg, name: string, hometown: string | null = null): Promise<string> {
  const rows = await ownerQuery<{ id: string }>(`INSERT INTO people ("organizationId", "displayName", "hometownPlaceId", "updatedAt") VALUES ($1, $2, $3, now()) RETURNING id`, [
    org.id,
    name,
    hometown,
  ]);
  return rows[0]!.id;
}

let counter = 0;
async function kase(
  org: TestOrg,
  options: { name: string; status?: string; openedAt: string; updatedAt?: string; assignee?: TestMember; hometown?: string | null; deleted?: boolean; disclosure?: string; family?: string | null },
): Promise<{ id: string; reference: string }> {
  counter += 1;
  const reference = `DB-2026-${String(counter).padStart(4, "0")}`;
  const subject = await person(org, options.name, options.hometown ?? null);
  const rows = await ownerQuery<{ id: string }>(
    `INSERT INTO cases ("organizationId", reference, "subjectPersonId", status, "assignedToId", "disclosureLevel", "openedAt", "updatedAt", "deletedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [org.id, reference, subject, options.status ?? "DETAINED", options.assignee?.userId ?? null, options.disclosure ?? "PRIVATE", options.openedAt, options.updatedAt ?? NOW.toISOString(), options.deleted ? NOW.toISOString() : null],
  );
  const id = rows[0]!.id;
  if (options.family !== undefined) {
    const relative = await person(org, `${options.name} relative`, options.family);
    await ownerQuery(`INSERT INTO case_contacts ("organizationId", "caseId", "personId", relationship, "isPrimary") VALUES ($1, $2, $3, 'SISTER', true)`, [org.id, id, relative]);
  }
  return { id, reference };
}

async function event(org: TestOrg, caseId: string, type: string, date: string, description?: string): Promise<void> {
  await ownerQuery(`INSERT INTO case_events ("organizationId", "caseId", type, date, "descriptionEnc", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`, [org.id, caseId, type, date, description ?? null]);
}

const value = (count: PublishedCount | undefined) => count?.value;
const params = (href: string | null | undefined) => Object.fromEntries(new URL(href ?? "/", "http://x").searchParams);

describe("the dashboard on known data", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let analyst: TestMember;
  let volA: TestMember;
  let volB: TestMember;
  const cases: Record<string, { id: string; reference: string }> = {};
  let data: DashboardData;

  beforeAll(async () => {
    org = await createOrg("Dashboard group", "DB");
    coordinator = await createMember(org, "COORDINATOR");
    analyst = await createMember(org, "ANALYST");
    volA = await createMember(org, "VOLUNTEER");
    volB = await createMember(org, "VOLUNTEER");
    const other = await createOrg("Other group", "OT");
    const ili = await placeId("XJ-ILI-GHC"); // a county of Ili
    const tacheng = await placeId("XJ-TAC-CHU"); // a city of Tacheng prefecture
    const almatyRegion = await placeId("KZ-ALM-KON"); // a town of Almaty region
    const almatyCity = await placeId("KZ-ALA"); // a city of republican significance

    // opened in June (the period), in May (the previous one) and long ago; one deleted, one elsewhere
    cases.c1 = await kase(org, { name: "Qasym Aliuly", openedAt: "2026-06-02", assignee: volA, hometown: ili, family: almatyRegion });
    cases.c2 = await kase(org, { name: "Erbol Tursyn", openedAt: "2026-06-03", assignee: volA, hometown: ili, family: almatyCity });
    cases.c3 = await kase(org, { name: "Aigul Serik", status: "SENTENCED", openedAt: "2026-06-04", assignee: volB, hometown: tacheng, family: null });
    cases.c4 = await kase(org, { name: "Maqsat Nur", status: "RELEASED_IN_CHINA", openedAt: "2026-05-10", hometown: null });
    cases.c5 = await kase(org, { name: "Dauletbek Sabit", status: "MISSING", openedAt: "2026-05-20" });
    cases.c6 = await kase(org, { name: "Gulzhan Omar", status: "MISSING", openedAt: "2025-01-10", updatedAt: "2026-01-01T00:00:00Z" });
    cases.c7 = await kase(org, { name: "Deleted Person", openedAt: "2026-06-05", deleted: true });
    await kase(other, { name: "Elsewhere Person", openedAt: "2026-06-05" });

    // status changes: two cases released in June (one of them twice), one in May; one sentenced in June;
    // the deleted case's release does not count
    await event(org, cases.c1.id, "RELEASED", "2026-06-05");
    await event(org, cases.c1.id, "RELEASED", "2026-06-12");
    await event(org, cases.c2.id, "RELEASED", "2026-06-10", "v1.secret.free-text");
    await event(org, cases.c4.id, "RELEASED", "2026-05-20");
    await event(org, cases.c3.id, "SENTENCED", "2026-06-03");
    await event(org, cases.c7.id, "RELEASED", "2026-06-06");
    // years from detention to the lost contact: 3 years (c5) and under one (c6)
    await event(org, cases.c5.id, "DETAINED", "2018-03-01");
    await event(org, cases.c5.id, "CONTACT_LOST", "2021-06-01");
    await event(org, cases.c6.id, "DETAINED", "2017-01-01");
    await event(org, cases.c6.id, "CONTACT_LOST", "2017-08-01");

    // protests: two in June with three people (one came to both), one in May with one person
    const activist = await person(org, "Activist One");
    const second = await person(org, "Activist Two");
    const third = await person(org, "Activist Three");
    const protest = async (startsAt: string, people: string[]) => {
      const [row] = await ownerQuery<{ id: string }>(`INSERT INTO protests ("organizationId", "startsAt", city, kind, "updatedAt") VALUES ($1, $2, 'Almaty', 'PICKET', now()) RETURNING id`, [org.id, startsAt]);
      for (const id of people) await ownerQuery(`INSERT INTO protest_participations ("organizationId", "protestId", "personId") VALUES ($1, $2, $3)`, [org.id, row!.id, id]);
    };
    await protest("2026-06-01T11:00:00Z", [activist, second]);
    await protest("2026-06-08T11:00:00Z", [activist, third]);
    await protest("2026-05-08T11:00:00Z", [activist]);

    // police actions: June: two summonses (one ended with a warning), a pending fine with a hearing in three
    // days, a questioning whose hearing passed without an outcome; May: one detention
    const police = async (type: string, date: string, extra: { outcome?: string; hearingAt?: string; caseId?: string } = {}) =>
      ownerQuery(`INSERT INTO police_actions ("organizationId", "personId", type, date, outcome, status, "hearingAt", "caseId", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`, [
        org.id,
        activist,
        type,
        date,
        extra.outcome ?? null,
        extra.outcome ? "RESOLVED" : "PENDING",
        extra.hearingAt ?? null,
        extra.caseId ?? null,
      ]);
    await police("SUMMONS", "2026-06-02", { outcome: "WARNING" });
    await police("SUMMONS", "2026-06-03");
    await police("FINE", "2026-06-04", { hearingAt: "2026-06-18T09:00:00Z", caseId: cases.c1.id });
    await police("QUESTIONING", "2026-06-05", { hearingAt: "2026-06-10T09:00:00Z" });
    await police("DETENTION", "2026-05-03");

    // advocacy: June: two letters, one answered; May: one unanswered; March: one unanswered for > 60 days
    const advocacy = (caseId: string, date: string, responseDate: string | null) =>
      ownerQuery(`INSERT INTO advocacy_actions ("organizationId", "caseId", type, date, recipient, "responseDate", "updatedAt") VALUES ($1, $2, 'LETTER', $3, 'Ministry', $4, now())`, [org.id, caseId, date, responseDate]);
    await advocacy(cases.c1.id, "2026-06-02", "2026-06-09");
    await advocacy(cases.c2.id, "2026-06-03", null);
    await advocacy(cases.c4.id, "2026-05-05", null);
    await advocacy(cases.c5.id, "2026-03-01", null);

    // tasks: one done in June, one done in May, one overdue, one due this week (both volunteer A's)
    const task = (title: string, status: string, dueDate: string | null, completedAt: string | null, assignee: TestMember | null) =>
      ownerQuery(`INSERT INTO tasks ("organizationId", "caseId", title, status, "dueDate", "completedAt", "assigneeId", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, now())`, [
        org.id,
        cases.c1!.id,
        title,
        status,
        dueDate,
        completedAt,
        assignee?.userId ?? null,
      ]);
    await task("Call the family", "DONE", null, "2026-06-03T10:00:00Z", volA);
    await task("Old follow-up", "DONE", null, "2026-05-03T10:00:00Z", volA);
    await task("Write to the ministry", "OPEN", "2026-06-01", null, volA);
    await task("Visit the court", "OPEN", "2026-06-19", null, volA);

    data = await getDashboard(coordinator, JUNE, NOW);
  });

  it("compares this month with the month before", () => {
    expect(data.period).toMatchObject({ from: "2026-06-01", to: "2026-06-30", previous: { from: "2026-05-01", to: "2026-05-31" } });
    expect(data.period.months).toHaveLength(12);
    expect(data.period.months.at(-1)).toBe("2026-06");
    expect(resolvePeriod({ period: "custom", from: "2026-01-10", to: "2026-01-19" }, NOW).previous).toEqual({ from: "2025-12-31", to: "2026-01-09" });
    expect(resolvePeriod({ period: "quarter" }, NOW)).toMatchObject({ from: "2026-04-01", to: "2026-06-30", previous: { from: "2026-01-01", to: "2026-03-31" } });
  });

  it("counts open cases by status and new cases, leaving out the deleted case and the other group's", () => {
    const open = data.headline.openByStatus.current;
    expect(value(open.cells.DETAINED)).toBe(2);
    expect(value(open.cells.SENTENCED)).toBe(1);
    expect(value(open.cells.RELEASED_IN_CHINA)).toBe(1);
    expect(value(open.cells.MISSING)).toBe(2);
    expect(value(open.total)).toBe(6);
    expect(value(data.headline.newCases.current)).toBe(3);
    expect(value(data.headline.newCases.previous ?? undefined)).toBe(2);
  });

  it("counts status changes by case within each period, from the timeline", () => {
    const changes = data.headline.statusChanges;
    expect(value(changes.current.cells.RELEASED)).toBe(2); // c1 twice and c2; not the deleted case
    expect(value(changes.current.cells.SENTENCED)).toBe(1);
    expect(value(changes.current.cells.DIED)).toBe(0);
    expect(value(changes.previous?.cells.RELEASED)).toBe(1);
  });

  it("counts protests, the people who took part, police actions by type and outcome, and hearings to come", () => {
    const h = data.headline;
    expect(value(h.protests.current)).toBe(2);
    expect(value(h.protests.previous ?? undefined)).toBe(1);
    expect(value(h.participants.current)).toBe(3);
    expect(value(h.participants.previous ?? undefined)).toBe(1);
    expect(value(h.policeByType.current.cells.SUMMONS)).toBe(2);
    expect(value(h.policeByType.current.cells.FINE)).toBe(1);
    expect(value(h.policeByType.current.total)).toBe(4);
    expect(value(h.policeByType.previous?.cells.DETENTION)).toBe(1);
    expect(value(h.policeByOutcome.current.cells.WARNING)).toBe(1);
    expect(value(h.pendingHearings.current)).toBe(1); // the fine's hearing on 18 June
    expect(h.pendingHearings.previous).toBeNull();
  });

  it("counts advocacy sent in each period, answered or not, and tasks done and overdue", () => {
    const h = data.headline;
    expect(value(h.advocacy.current.cells.answered)).toBe(1);
    expect(value(h.advocacy.current.cells.unanswered)).toBe(1);
    expect(value(h.advocacy.previous?.cells.unanswered)).toBe(1);
    expect(value(h.tasksDone.current)).toBe(1);
    expect(value(h.tasksDone.previous ?? undefined)).toBe(1);
    expect(value(h.tasksOverdue.current)).toBe(1);
  });

  it("links each figure to a list that counts exactly the same cases", async () => {
    const h = data.headline;
    const listed = async (href: string | null | undefined) => (await findCases(coordinator, params(href))).total;
    expect(h.newCases.href).toBe("/cases?openedFrom=2026-06-01&openedTo=2026-06-30&sort=opened");
    expect(await listed(h.newCases.href)).toBe(3);
    expect(await listed(h.statusChanges.hrefs?.RELEASED)).toBe(2);
    expect(await listed(h.statusChanges.hrefs?.SENTENCED)).toBe(1);
    expect(await listed(h.openByStatus.hrefs?.DETAINED)).toBe(2);
    expect(await listed(h.openByStatus.hrefs?.total)).toBe(6);
    expect(h.policeByType.hrefs?.SUMMONS).toBe("/police-actions?from=2026-06-01&to=2026-06-30&type=SUMMONS");
    expect(h.protests.href).toBe("/protests?from=2026-06-01&to=2026-06-30");
    const todo = data.needsDoing!;
    expect(await listed(todo.unassignedCases.href)).toBe(todo.unassignedCases.count);
    expect(await listed(todo.staleCases.href)).toBe(todo.staleCases.count);
  });

  it("keeps the case filters in the figures and in their links", async () => {
    const mine = await getDashboard(coordinator, { ...JUNE, assignee: volA.userId }, NOW);
    expect(value(mine.headline.newCases.current)).toBe(2);
    expect(value(mine.headline.statusChanges.current.cells.RELEASED)).toBe(2);
    expect(value(mine.headline.statusChanges.current.cells.SENTENCED)).toBe(0);
    expect(mine.headline.newCases.href).toContain(`assignee=${volA.userId}`);
    expect((await findCases(coordinator, params(mine.headline.newCases.href))).total).toBe(2);
    const sentenced = await getDashboard(coordinator, { ...JUNE, status: "SENTENCED" }, NOW);
    expect(value(sentenced.headline.openByStatus.current.total)).toBe(1);
  });

  it("lists what needs doing today with the organisation's settings", async () => {
    const todo = data.needsDoing!;
    expect(todo.staleCases.items.map((item) => item.reference)).toEqual([cases.c6!.reference]); // no update since January, 90 days
    expect(todo.unassignedCases.count).toBe(3); // c4, c5, c6
    expect(todo.tasksDue.items.map((item) => item.label)).toEqual(["Write to the ministry", "Visit the court"]);
    expect(todo.hearingsWithoutOutcome.items.map((item) => item.detail)).toContain("QUESTIONING");
    expect(todo.hearingsSoon.items.map((item) => item.detail)).toEqual(["FINE"]);
    expect(todo.unansweredAdvocacy.items.map((item) => item.reference)).toEqual([cases.c5!.reference]);
    await ownerQuery(`UPDATE organizations SET "staleCaseDays" = 400 WHERE id = $1`, [org.id]);
    expect((await getDashboard(coordinator, JUNE, NOW)).needsDoing!.staleCases.count).toBe(0);
    await ownerQuery(`UPDATE organizations SET "staleCaseDays" = 90 WHERE id = $1`, [org.id]);
  });

  it("draws the charts from the same counts: by month, by prefecture and region from the gazetteer, years to last contact", () => {
    const c = data.charts;
    expect(value(c.flowByMonth.cells["2026-06"]?.opened)).toBe(3);
    expect(value(c.flowByMonth.cells["2026-06"]?.released)).toBe(2);
    expect(value(c.flowByMonth.cells["2026-05"]?.released)).toBe(1);
    // cases in each status at the end of the month, from their timelines (the latest event on, their status now)
    const june = c.statusByMonth.cells["2026-06"]!;
    expect([value(june.DETAINED), value(june.SENTENCED), value(june.RELEASED_IN_CHINA), value(june.MISSING)]).toEqual([2, 1, 1, 2]);
    const may = c.statusByMonth.cells["2026-05"]!;
    expect([value(may.DETAINED), value(may.SENTENCED), value(may.RELEASED_IN_CHINA), value(may.MISSING)]).toEqual([0, 0, 1, 2]);
    expect(value(c.statusByMonth.cells["2025-07"]?.MISSING)).toBe(2); // c5 and c6 lost contact years ago
    expect(value(c.policeByMonth.cells["2026-06"]?.SUMMONS)).toBe(2);
    const prefecture = (code: string) => c.byPrefecture.places.find((place) => place.nameEn.includes(code));
    expect(value(c.byPrefecture.counts.cells[prefecture("Ili")!.key])).toBe(2);
    expect(value(c.byPrefecture.counts.cells[prefecture("Tacheng")!.key])).toBe(1);
    expect(value(c.byPrefecture.counts.cells.other)).toBe(3);
    const region = (name: string) => c.byFamilyRegion.places.find((place) => place.nameEn.includes(name));
    expect(value(c.byFamilyRegion.counts.cells[region("Almaty Region")!.key])).toBe(1);
    expect(value(c.byFamilyRegion.counts.cells[region("Almaty")!.key] ?? c.byFamilyRegion.counts.cells.other)).toBeGreaterThanOrEqual(1);
    expect(value(c.detentionToLastContact.cells["3"])).toBe(1);
    expect(value(c.detentionToLastContact.cells["0"])).toBe(1);
  });

  it("shows the workload per member and hands a case to someone else from it", async () => {
    const row = (member: TestMember) => data.workload!.find((r) => r.userId === member.userId)!;
    expect(row(volA)).toMatchObject({ openCases: 2, openTasks: 2, overdueTasks: 1 });
    expect(row(volB)).toMatchObject({ openCases: 1, openTasks: 0 });
    const candidates = await findReassignCandidates(coordinator, volA.userId);
    expect(candidates!.cases.map((item) => item.reference).sort()).toEqual([cases.c1!.reference, cases.c2!.reference].sort());
    const moved = candidates!.cases[0]!;
    await assignCase(coordinator, moved.id, { version: moved.version, assignedToId: volB.userId });
    const after = await getDashboard(coordinator, JUNE, NOW);
    expect(after.workload!.find((r) => r.userId === volB.userId)!.openCases).toBe(2);
    await expect(findReassignCandidates(analyst, volA.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gives analysts the same figures through the small-cell rule, no lists, and nothing that names anyone", async () => {
    const view = await getDashboard(analyst, JUNE, NOW);
    expect(view.exact).toBe(false);
    expect(view.needsDoing).toBeNull();
    expect(view.workload).toBeNull();
    expect(view.headline.newCases.current).toEqual({ hidden: "small" }); // 3 < 5
    expect(view.headline.newCases.href).toBeNull();
    expect(view.headline.openByStatus.hrefs).toBeNull();
    // every published number is 0 or at least the threshold
    const numbers = [...JSON.stringify(view).matchAll(/"value":(\d+)/g)].map((match) => Number(match[1]));
    expect(numbers.every((n) => n === 0 || n >= view.threshold)).toBe(true);
    const text = JSON.stringify(view);
    for (const c of Object.values(cases)) expect(text).not.toContain(c.reference);
    expect(text).not.toMatch(/Qasym|Erbol|Aigul|Activist|Ministry|free-text/);
  });

  it("answers the JSON API by role: figures for analysts, their own work for volunteers", async () => {
    const token = async (member: TestMember) => {
      const value = `qmq_${randomBytes(32).toString("base64url")}`;
      await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 't', $3)`, [org.id, member.userId, hashApiToken(value)]);
      return value;
    };
    const call = async (member: TestMember, query: string) =>
      dashboardRoute(new Request(`http://localhost/api/v1/dashboard?${query}`, { headers: { authorization: `Bearer ${await token(member)}` } }), { params: Promise.resolve({}) });
    const asAnalyst = await call(analyst, "period=custom&from=2026-06-01&to=2026-06-30");
    expect(asAnalyst.status).toBe(200);
    const body = (await asAnalyst.json()) as DashboardData & { kind: string };
    expect(body.kind).toBe("dashboard");
    expect(body.headline.newCases.current).toEqual({ hidden: "small" });
    const asVolunteer = (await (await call(volA, "")).json()) as { kind: string; cases: { total: number } };
    expect(asVolunteer.kind).toBe("myWork");
    expect((await call(coordinator, "from=2026-06-31")).status).toBe(422);
    expect((await call(coordinator, "from=2026-06-10&to=2026-06-01")).status).toBe(422);
  });

  it("gives a volunteer their cases, tasks, hearings and what changed since the last visit", async () => {
    const first = await getMyWork(volA, { remember: true, now: NOW });
    expect(first.lastVisit).toBeNull();
    // one of volunteer A's two cases was handed to B above
    expect(first.cases.total).toBe(1);
    const own = first.cases.items[0]!;
    expect([cases.c1!.reference, cases.c2!.reference]).toContain(own.reference);
    expect(first.tasks.map((task) => task.title)).toEqual(["Write to the ministry", "Visit the court"]);
    expect(first.tasks[0]!.overdue).toBe(true);
    const later = new Date(NOW.getTime() + 3_600_000);
    await ownerQuery(`UPDATE cases SET "updatedAt" = $2 WHERE id = $1`, [own.id, new Date(NOW.getTime() + 60_000).toISOString()]);
    const second = await getMyWork(volA, { remember: true, now: later });
    expect(second.lastVisit).toBe(NOW.toISOString());
    expect(second.changed.map((item) => item.reference)).toEqual([own.reference]);
    // the API reads without moving the visit
    await getMyWork(volA, { now: new Date(later.getTime() + 60_000) });
    expect((await getMyWork(volA, { now: later })).lastVisit).toBe(later.toISOString());
    await expect(getDashboard(volA, JUNE, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the UN part of what needs doing today", () => {
  it("counts the cases ready for or missing elements of each Working Group and the replies to answer, only for those who keep the submissions", async () => {
    const org = await createOrg("UN group", "UN");
    const coordinator = await createMember(org, "COORDINATOR");
    const analyst = await createMember(org, "ANALYST");
    const volunteer = await createMember(org, "VOLUNTEER");
    /** a case with every WGEID element and the family's consent; with WGAD's too when asked */
    const complete = async (name: string, wgad: boolean) => {
      const { id } = await createCase(coordinator, {
        subject: { person: { names: [{ value: name }], birthDate: "1975-04-02", hometownText: "Ghulja" } },
        status: "DETAINED",
        consentGivenBy: "His wife",
        consentGivenAt: "2026-05-01",
        consentScope: "Submissions to UN bodies",
      });
      await addEvent(coordinator, id, { type: "DETAINED", date: "2018-03-12", placeText: "Ghulja", facility: "Detention centre No. 3", authority: "Ili Public Security Bureau", charges: "separatism", warrantShown: "UNKNOWN" });
      await createAdvocacyAction(coordinator, { caseId: id, type: "APPEAL_KZ_FOREIGN_MINISTRY", date: "2026-01-10", recipient: "Ministry of Foreign Affairs" });
      const wgeid = await createUnSubmission(coordinator, id, { type: "WGEID", submitterName: "His wife" });
      if (wgad) await createUnSubmission(coordinator, id, { type: "WGAD", submitterName: "His wife", arbitraryCategories: ["II"], arbitraryReasons: "Held for his religion" });
      return { id, submissionId: wgeid.id };
    };
    const both = await complete("Both Ready", true);
    await complete("Wgeid Ready", false);
    await createCase(coordinator, { subject: { person: { names: [{ value: "Nothing Yet" }] } }, status: "MISSING" });
    // replies received: one whose answer is overdue on 15 June, one due within the month, one not due yet
    const overdue = await addUnReply(coordinator, both.id, both.submissionId, { receivedAt: "2025-11-01" });
    const due = await addUnReply(coordinator, both.id, both.submissionId, { receivedAt: "2026-01-01" });
    await addUnReply(coordinator, both.id, both.submissionId, { receivedAt: "2026-06-01" });

    const un = (await getDashboard(coordinator, JUNE, NOW)).unSubmissions!;
    expect(un.readiness.WGEID).toEqual({ ready: { count: 2, href: "/cases?un=wgeid-ready" }, missing: { count: 1, href: "/cases?un=wgeid-missing" } });
    expect(un.readiness.WGAD).toEqual({ ready: { count: 1, href: "/cases?un=wgad-ready" }, missing: { count: 2, href: "/cases?un=wgad-missing" } });
    for (const figure of [un.readiness.WGEID.ready, un.readiness.WGEID.missing, un.readiness.WGAD.ready, un.readiness.WGAD.missing]) {
      expect((await findCases(coordinator, params(figure.href))).total).toBe(figure.count);
    }
    expect(un.reminders.map((r) => [r.replyId, r.overdue, r.href])).toEqual([
      [overdue.id, true, `/cases/${both.id}#un-submissions`],
      [due.id, false, `/cases/${both.id}#un-submissions`],
    ]);

    const token = async (member: TestMember) => {
      const value = `qmq_${randomBytes(32).toString("base64url")}`;
      await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 't', $3)`, [org.id, member.userId, hashApiToken(value)]);
      return value;
    };
    const call = async (member: TestMember) =>
      (await dashboardRoute(new Request("http://localhost/api/v1/dashboard?period=month", { headers: { authorization: `Bearer ${await token(member)}` } }), { params: Promise.resolve({}) })).json();
    const asCoordinator = (await call(coordinator)) as DashboardData;
    expect(asCoordinator.unSubmissions?.readiness.WGEID.ready.count).toBe(2);
    const asAnalyst = (await call(analyst)) as DashboardData & { kind: string };
    expect(asAnalyst.kind).toBe("dashboard");
    expect(asAnalyst.unSubmissions).toBeNull();
    const asVolunteer = (await call(volunteer)) as { kind: string };
    expect(asVolunteer.kind).toBe("myWork");
    for (const answer of [asAnalyst, asVolunteer]) expect(JSON.stringify(answer)).not.toMatch(/unSubmissions"?:\{|wgeid-|wgad-|un-submissions|replyId/);
  }, 60_000);
});

describe("an analyst's dashboard under generated data", () => {
  it("never contains a name, reference or free text of a case that is not public", async () => {
    const words = fc.stringMatching(/^[A-Z][a-z]{5,9}$/);
    const caseArb = fc.record({
      name: words,
      description: words,
      disclosure: fc.constantFrom("PRIVATE", "ANONYMISED", "PUBLIC"),
      status: fc.constantFrom("MISSING", "DETAINED", "SENTENCED", "RELEASED_IN_CHINA"),
      opened: fc.constantFrom("2026-06-02", "2026-05-15", "2025-03-01"),
      event: fc.constantFrom("RELEASED", "SENTENCED", "DETAINED", "CONTACT_LOST"),
      eventDate: fc.constantFrom("2026-06-03", "2026-05-04", "2019-01-01"),
      tags: fc.constantFrom([], ["urgent"], ["wgeid"]),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 7 }), fc.integer({ min: 3, max: 8 }), async (generated, threshold) => {
        const org = await createOrg("Generated", "GN");
        await ownerQuery(`UPDATE organizations SET "smallCellThreshold" = $2 WHERE id = $1`, [org.id, threshold]);
        const analyst = await createMember(org, "ANALYST");
        const secrets: string[] = [];
        for (const [i, item] of generated.entries()) {
          const name = `Zq${item.name}${i}`;
          const c = await kase(org, { name, status: item.status, openedAt: item.opened, disclosure: item.disclosure });
          await ownerQuery(`UPDATE cases SET tags = $2 WHERE id = $1`, [c.id, item.tags]);
          await event(org, c.id, item.event, item.eventDate, `Xd${item.description}${i}`);
          await ownerQuery(
            `INSERT INTO advocacy_actions ("organizationId", "caseId", type, date, recipient, "updatedAt") VALUES ($1, $2, 'LETTER', '2026-06-04', $3, now())`,
            [org.id, c.id, `Yr${item.description}${i}`],
          );
          secrets.push(name, c.reference, `Xd${item.description}${i}`, `Yr${item.description}${i}`);
        }
        for (const query of [JUNE, { period: "year" }, { ...JUNE, tag: "urgent" }]) {
          const view = await getDashboard(analyst, query, NOW);
          const text = JSON.stringify(view);
          for (const secret of secrets) expect(text).not.toContain(secret);
          const numbers = [...text.matchAll(/"value":(\d+)/g)].map((match) => Number(match[1]));
          expect(numbers.every((n) => n === 0 || n >= view.threshold)).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  }, 90_000);
});
