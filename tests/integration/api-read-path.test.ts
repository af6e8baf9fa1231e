// An API read signed in by cookie is one read-only transaction: the session check in the round trip that
// begins it, the read, the commit. What it answers is what the app answered through Prisma; another
// organisation's records stay invisible; an ended session is refused; a forged id is never sent.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCaseRoute } from "../../app/api/v1/cases/[caseId]/route";
import { GET as listCasesRoute } from "../../app/api/v1/cases/route";
import { GET as findPeopleRoute } from "../../app/api/v1/people/route";
import { GET as timelineRoute } from "../../app/api/v1/people/[personId]/timeline/route";
import { SESSION_COOKIE, sessionCookieValue } from "../../lib/auth/cookies";
import { createSession, revokeSession } from "../../lib/auth/sessions";
import { createCase } from "../../lib/cases/create-case";
import { addEvent } from "../../lib/cases/events";
import { inlineUuid, withSessionRead, withTenant, withTenantRead } from "../../lib/db";
import { Prisma } from "../../lib/generated/prisma/client";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { recordStatements } from "../helpers/statements";

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const base = "http://127.0.0.1:3100/api/v1";

let org: TestOrg;
let coordinator: TestMember;
let outsider: TestMember;
let cookie: string;
let outsiderCookie: string;
let subjectCase: { id: string; reference: string };
let otherOrgCase: { id: string };
let personId: string;
let otherOrgPersonId: string;

async function cookieFor(member: TestMember): Promise<string> {
  const { sessionId } = await createSession({ userId: member.userId, organizationId: member.organizationId });
  return `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}`;
}

function get(route: unknown, url: string, withCookie: string, params: Record<string, string> = {}): Promise<Response> {
  return (route as Route)(new Request(url, { headers: { cookie: withCookie } }), { params: Promise.resolve(params) });
}

/** The case list's page as the app loaded it before, through Prisma by id: the oracle for the one statement. */
async function pageThroughPrisma(ids: string[]) {
  const rows = await withTenant(coordinator, (tx) =>
    tx.case.findMany({
      where: { id: { in: ids } },
      select: {
        id: true, reference: true, status: true, disclosureLevel: true, verificationLevel: true, priority: true, tags: true,
        assignedToId: true, lastEventDate: true, openedAt: true, updatedAt: true, deletedAt: true, subject: { select: { displayName: true } },
      },
    }),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    return {
      id: row.id, reference: row.reference, subjectName: row.subject.displayName, status: row.status, disclosureLevel: row.disclosureLevel,
      verificationLevel: row.verificationLevel, priority: row.priority, tags: row.tags, assignedToId: row.assignedToId,
      lastEventDate: row.lastEventDate ? row.lastEventDate.toISOString().slice(0, 10) : null,
      openedAt: row.openedAt.toISOString(), updatedAt: row.updatedAt.toISOString(), deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
    };
  });
}

beforeAll(async () => {
  org = await createOrg("Read path group", "RP");
  coordinator = await createMember(org, "COORDINATOR");
  const volunteer = await createMember(org, "VOLUNTEER");
  const otherOrg = await createOrg("Other read group", "OR");
  outsider = await createMember(otherOrg, "COORDINATOR");
  subjectCase = await createCase(coordinator, {
    subject: { person: { names: [{ value: "Қасымов Ерлан" }, { value: "Qasymov Erlan" }], hometownText: "Almaty" } },
    tags: ["UN-WGEID", "camp"],
    assignedToId: volunteer.userId,
    priority: "URGENT",
  });
  await addEvent(coordinator, subjectCase.id, { type: "DETAINED", date: "2018-03-14" });
  for (let i = 0; i < 3; i += 1) await createCase(coordinator, { subject: { person: { names: [{ value: `Erlan Filler ${i}` }] } } });
  otherOrgCase = await createCase(outsider, { subject: { person: { names: [{ value: "Qasymov Erlan" }] } } });
  const [subject] = await ownerQuery<{ personId: string }>(`SELECT "subjectPersonId" AS "personId" FROM cases WHERE id = $1`, [subjectCase.id]);
  personId = subject!.personId;
  const [other] = await ownerQuery<{ personId: string }>(`SELECT "subjectPersonId" AS "personId" FROM cases WHERE id = $1`, [otherOrgCase.id]);
  otherOrgPersonId = other!.personId;
  const [protest] = await ownerQuery<{ id: string }>(
    `INSERT INTO protests ("organizationId", "startsAt", city, kind, "updatedAt") VALUES ($1, '2025-05-01T10:30:00Z', 'Almaty', 'PICKET', now()) RETURNING id`,
    [org.id],
  );
  await ownerQuery(`INSERT INTO protest_participations ("organizationId", "protestId", "personId", "caseId") VALUES ($1, $2, $3, $4)`, [
    org.id, protest!.id, personId, subjectCase.id,
  ]);
  await ownerQuery(`INSERT INTO police_actions ("organizationId", "personId", type, date, "updatedAt") VALUES ($1, $2, 'DETENTION', '2025-06-01', now())`, [
    org.id, personId,
  ]);
  cookie = await cookieFor(coordinator);
  outsiderCookie = await cookieFor(outsider);
});

describe("an API read signed in by cookie", () => {
  it("answers the case list with the session check, the list and the commit: three round trips", async () => {
    // the first request after sign-in touches nothing, so the count is the read's own
    const { result, statements } = await recordStatements(() => get(listCasesRoute, `${base}/cases?q=Qasymov`, cookie));
    expect(result.status).toBe(200);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/^BEGIN READ ONLY; .*; SELECT app_session_state\('[0-9a-f-]{36}'::uuid\)/);
    expect(statements[1]).toMatch(/FROM cases c/);
    expect(statements[2]).toBe("COMMIT");
    const body = (await result.json()) as { items: { id: string }[] };
    expect(body.items.map((item) => item.id)).toEqual([subjectCase.id]);
  });

  it("answers the same case list, byte for byte, as the rows Prisma loads by id", async () => {
    const answer = await (await get(listCasesRoute, `${base}/cases?pageSize=10`, cookie)).json() as { items: { id: string }[]; total: number };
    expect(answer.total).toBe(4);
    expect(JSON.stringify(answer.items)).toBe(JSON.stringify(await pageThroughPrisma(answer.items.map((item) => item.id))));
    const listed = answer.items.find((item) => item.id === subjectCase.id);
    expect(listed).toMatchObject({ tags: ["un-wgeid", "camp"], priority: "URGENT", lastEventDate: "2018-03-14" });
  });

  it("answers a person's timeline in three round trips, with every kind of record, newest first", async () => {
    const { result, statements } = await recordStatements(() => get(timelineRoute, `${base}/people/${personId}/timeline`, cookie, { personId }));
    expect(result.status).toBe(200);
    expect(statements).toHaveLength(3);
    const items = (await result.json()) as { kind: string; date: string; caseReference?: string }[];
    // the case was opened today
    expect(items.map((item) => [item.kind, item.date])).toEqual([
      ["case", expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)],
      ["police", "2025-06-01"],
      ["protest", "2025-05-01T10:30:00.000Z"],
    ]);
    expect(items[2]?.caseReference).toBe(subjectCase.reference);
  });

  it("answers a people search in four round trips: the check, the match thresholds, the page, the commit", async () => {
    const { result, statements } = await recordStatements(() => get(findPeopleRoute, `${base}/people?q=Qasymov%20Erlan`, cookie));
    expect(result.status).toBe(200);
    expect(statements).toHaveLength(4);
    const body = (await result.json()) as { items: { id: string }[] };
    expect(body.items.map((item) => item.id)).toEqual([personId]);
  });

  it("opens a case after committing the session check: its own transaction reads the case and appends the audit event", async () => {
    const { result, statements } = await recordStatements(() => get(getCaseRoute, `${base}/cases/${subjectCase.id}`, cookie, { caseId: subjectCase.id }));
    expect(result.status).toBe(200);
    expect(statements).toHaveLength(7);
    expect(statements[0]).toMatch(/SELECT app_session_state\(/);
    // the session's read-only transaction ends before the audited read begins: one connection at a time
    expect(statements.slice(1, 3)).toEqual(["COMMIT", expect.stringMatching(/^BEGIN; /)]);
    expect(statements[6]).toBe("COMMIT");
  });

  it("still audits opening a case, reading it after the session check", async () => {
    const before = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.view' AND "entityId" = $1`, [subjectCase.id]);
    const response = await get(getCaseRoute, `${base}/cases/${subjectCase.id}`, cookie, { caseId: subjectCase.id });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reference: string }).reference).toBe(subjectCase.reference);
    const after = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.view' AND "entityId" = $1`, [subjectCase.id]);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });
});

describe("row-level security on the read path", () => {
  it("answers another organisation's case and person as not found, and never lists them", async () => {
    expect((await get(getCaseRoute, `${base}/cases/${otherOrgCase.id}`, cookie, { caseId: otherOrgCase.id })).status).toBe(404);
    expect((await get(timelineRoute, `${base}/people/${otherOrgPersonId}/timeline`, cookie, { personId: otherOrgPersonId })).status).toBe(404);
    const theirs = (await (await get(listCasesRoute, `${base}/cases?q=Qasymov`, outsiderCookie)).json()) as { items: { id: string }[] };
    expect(theirs.items.map((item) => item.id)).toEqual([otherOrgCase.id]);
  });

  it("shows no row of another organisation even when a service asks for it by hand", async () => {
    const rows = await withTenantRead(coordinator, (tx) => tx.query<{ id: string }>(Prisma.sql`SELECT id FROM cases WHERE id = ${otherOrgCase.id}::uuid`));
    expect(rows).toEqual([]);
  });

  it("refuses to write: the transaction is read-only", async () => {
    const attempt = withTenantRead(coordinator, (tx) => tx.query(Prisma.sql`UPDATE cases SET priority = 'LOW' WHERE id = ${subjectCase.id}::uuid`));
    await expect(attempt).rejects.toThrow(/read-only transaction/);
  });
});

describe("the session check on the read path", () => {
  it("refuses a signed-out session", async () => {
    const { sessionId } = await createSession({ userId: coordinator.userId, organizationId: org.id });
    await revokeSession(sessionId);
    const response = await get(listCasesRoute, `${base}/cases`, `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}`);
    expect(response.status).toBe(401);
  });

  it("refuses a session left idle too long, and ends it", async () => {
    const { sessionId } = await createSession({ userId: coordinator.userId, organizationId: org.id });
    await ownerQuery(`UPDATE user_sessions SET "lastSeenAt" = now() - interval '1 day' WHERE id = $1`, [sessionId]);
    const response = await get(listCasesRoute, `${base}/cases`, `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}`);
    expect(response.status).toBe(401);
    const [row] = await ownerQuery<{ revoked: boolean }>(`SELECT "revokedAt" IS NOT NULL AS revoked FROM user_sessions WHERE id = $1`, [sessionId]);
    expect(row!.revoked).toBe(true);
  });

  it("refuses a session id that is not a UUID before sending anything", async () => {
    const forged = "00000000-0000-0000-0000-000000000000'::uuid); SELECT set_config('app.organization_id', 'x', true); --";
    const { result, statements } = await recordStatements(() => withSessionRead(forged, async () => "ran").catch((error: unknown) => error));
    expect(result).toMatchObject({ code: "INVALID" });
    expect(statements).toEqual([]);
    expect(() => inlineUuid("not-a-uuid")).toThrow();
    expect(inlineUuid("0A1B2C3D-0000-4000-8000-000000000001")).toBe("'0a1b2c3d-0000-4000-8000-000000000001'");
  });

  it("is checked by a function only the app's role may call, with its search path fixed", async () => {
    const [fn] = await ownerQuery<{ definer: boolean; config: string[] | null; app: boolean; anyone: boolean }>(
      `SELECT p.prosecdef AS definer, p.proconfig AS config,
              has_function_privilege('qamqor_app', p.oid, 'EXECUTE') AS app,
              EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS anyone
         FROM pg_proc p WHERE p.proname = 'app_session_state'`,
    );
    expect(fn).toEqual({ definer: true, config: ["search_path=public, pg_temp"], app: true, anyone: false });
  });
});
