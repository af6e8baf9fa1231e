// The dashboard's counts (dashboard_counts) of one organisation as stored, and as counted here, independently,
// from its cases, events, contacts, people, protests and police actions: what the summaries must equal
// after any change.
import { CASE_STATUS_CODES } from "../../lib/cases/status-code";
import { STATUS_BY_EVENT } from "../../lib/cases/internal";
import type { CaseEventType, CaseStatus } from "../../lib/generated/prisma/enums";
import { ownerQuery } from "./factories";

const NO_DAY = "1970-01-01";
const day = (value: Date) => value.toISOString().slice(0, 10);
const monthStart = (value: string) => `${value.slice(0, 7)}-01`;

interface CaseRow {
  id: string;
  status: CaseStatus;
  assignedToId: string | null;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  subjectHometown: string | null;
}
interface EventRow {
  id: string;
  caseId: string;
  type: CaseEventType;
  date: string;
  createdAt: Date;
}
interface ContactRow {
  id: string;
  caseId: string;
  isPrimary: boolean;
  createdAt: Date;
  hometown: string | null;
}

/** The dashboard's counts for one organisation, counted here from its cases, events, contacts and people. */
export async function independentCounts(organizationId: string): Promise<Record<string, number>> {
  const cases = await ownerQuery<CaseRow>(
    `SELECT c.id, c.status, c."assignedToId", c."openedAt", c."updatedAt", c."closedAt", p."hometownPlaceId" AS "subjectHometown"
       FROM cases c JOIN people p ON p.id = c."subjectPersonId" WHERE c."organizationId" = $1 AND c."deletedAt" IS NULL`,
    [organizationId],
  );
  const events = await ownerQuery<EventRow>(
    `SELECT id, "caseId", type, to_char(date, 'YYYY-MM-DD') AS date, "createdAt" FROM case_events
      WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND date IS NOT NULL`,
    [organizationId],
  );
  const contacts = await ownerQuery<ContactRow>(
    `SELECT cc.id, cc."caseId", cc."isPrimary", cc."createdAt", p."hometownPlaceId" AS hometown
       FROM case_contacts cc JOIN people p ON p.id = cc."personId" WHERE cc."organizationId" = $1`,
    [organizationId],
  );
  const ready = await ownerQuery<{ caseId: string; wgeidReady: boolean; wgadReady: boolean }>(
    `SELECT "caseId", "wgeidReady", "wgadReady" FROM case_un_readiness WHERE "organizationId" = $1`,
    [organizationId],
  );
  const readiness = new Map(ready.map((row) => [row.caseId, row]));
  const counts: Record<string, number> = {};
  const add = (kind: string, dayOf: string, key: string, n = 1) => {
    const id = `${kind} ${dayOf} ${key}`;
    counts[id] = (counts[id] ?? 0) + n;
    if (counts[id] === 0) delete counts[id];
  };
  for (const kase of cases) {
    const open = kase.closedAt === null;
    const code = String(CASE_STATUS_CODES[kase.status]);
    const mine = events.filter((event) => event.caseId === kase.id);
    if (open) {
      add("open", NO_DAY, `${code}|${kase.assignedToId ?? ""}`);
      if (readiness.get(kase.id)?.wgeidReady) add("un", NO_DAY, "WGEID");
      if (readiness.get(kase.id)?.wgadReady) add("un", NO_DAY, "WGAD");
      add("quiet", day(kase.updatedAt), kase.assignedToId ?? "");
      add("hometown", NO_DAY, kase.subjectHometown ?? "");
      const first = contacts
        .filter((contact) => contact.caseId === kase.id)
        .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))[0];
      if (first) add("family", NO_DAY, first.hometown ?? "");
    }
    add("opened", day(kase.openedAt), "");
    // months with an event of each type, each with the month before it that had one
    const monthsByType = new Map<string, Set<string>>();
    for (const event of mine) {
      for (const type of event.type === "RELEASED" || event.type === "RETURNED" ? [event.type, "RELEASED_OR_RETURNED"] : [event.type]) {
        const months = monthsByType.get(type) ?? new Set<string>();
        months.add(monthStart(event.date));
        monthsByType.set(type, months);
      }
    }
    for (const [type, months] of monthsByType) {
      const sorted = [...months].sort();
      sorted.forEach((month, i) => add("event", month, `${type}|${i > 0 ? sorted[i - 1]!.slice(0, 7) : ""}`));
    }
    // status spans: each status event until the next; the last one (or the opening) in the status now
    const statusEvents = mine
      .filter((event) => STATUS_BY_EVENT[event.type])
      .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    if (statusEvents.length === 0) add("status", monthStart(day(kase.openedAt)), code);
    statusEvents.forEach((event, i) => {
      const next = statusEvents[i + 1];
      const status = next ? (STATUS_BY_EVENT[event.type] as CaseStatus) : kase.status;
      add("status", monthStart(event.date), String(CASE_STATUS_CODES[status]));
      if (next) add("status", monthStart(next.date), String(CASE_STATUS_CODES[status]), -1);
    });
    const detained = mine.filter((e) => e.type === "DETAINED" || e.type === "DISAPPEARED").map((e) => e.date).sort()[0];
    const lost = mine.filter((e) => e.type === "CONTACT_LOST").map((e) => e.date).sort().at(-1);
    if (detained && lost && lost >= detained) {
      const years = Math.floor((Date.parse(lost) - Date.parse(detained)) / 86_400_000 / 365.25);
      add("years", NO_DAY, String(Math.min(10, years)));
    }
  }
  // police actions by month, type and outcome
  const actions = await ownerQuery<{ month: string; type: string; outcome: string | null }>(
    `SELECT to_char(date, 'YYYY-MM') AS month, type::text, outcome::text FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL`,
    [organizationId],
  );
  for (const action of actions) add("police", `${action.month}-01`, `${action.type}|${action.outcome ?? ""}`);
  // hearings waiting for an outcome, by their UTC day
  const hearings = await ownerQuery<{ day: string }>(
    `SELECT to_char("hearingAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM police_actions
      WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND outcome IS NULL AND "hearingAt" IS NOT NULL`,
    [organizationId],
  );
  for (const hearing of hearings) add("hearing", hearing.day, "");
  // people at live protests: each month a person took part in one, with the month before it they did
  const participations = await ownerQuery<{ personId: string; startsAt: Date }>(
    `SELECT pp."personId", p."startsAt" FROM protest_participations pp JOIN protests p ON p.id = pp."protestId"
      WHERE p."organizationId" = $1 AND p."deletedAt" IS NULL`,
    [organizationId],
  );
  const monthsByPerson = new Map<string, Set<string>>();
  for (const row of participations) {
    const months = monthsByPerson.get(row.personId) ?? new Set<string>();
    months.add(row.startsAt.toISOString().slice(0, 7));
    monthsByPerson.set(row.personId, months);
  }
  for (const months of monthsByPerson.values()) {
    const sorted = [...months].sort();
    sorted.forEach((month, i) => add("people", `${month}-01`, i > 0 ? sorted[i - 1]! : ""));
  }
  return counts;
}

/** People taking part in live protests that started in [from, to] (UTC days), counted from the records. */
export async function peopleAtProtests(organizationId: string, from: string, to: string): Promise<number> {
  const rows = await ownerQuery<{ n: number }>(
    `SELECT count(DISTINCT pp."personId")::int AS n FROM protest_participations pp JOIN protests p ON p.id = pp."protestId"
      WHERE p."organizationId" = $1 AND p."deletedAt" IS NULL AND p."startsAt" >= $2::date AT TIME ZONE 'UTC' AND p."startsAt" < ($3::date + 1) AT TIME ZONE 'UTC'`,
    [organizationId, from, to],
  );
  return rows[0]!.n;
}

export async function keptCounts(organizationId: string): Promise<Record<string, number>> {
  const rows = await ownerQuery<{ kind: string; day: string; key: string; n: number }>(
    `SELECT kind, to_char(day, 'YYYY-MM-DD') AS day, key, n FROM dashboard_counts WHERE "organizationId" = $1`,
    [organizationId],
  );
  return Object.fromEntries(rows.map((row) => [`${row.kind} ${row.day} ${row.key}`, row.n]));
}

