// A register larger than an immediate download streams over HTTP at once as CSV: the real route handler,
// a signed-in coordinator or analyst, the body read chunk by chunk, the audit written, the disclosure
// rules kept row by row.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/reports/route";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import { withTenantReadOnly } from "@/lib/db-replica";
import { reportSetting } from "@/lib/reports/common";
import { IMMEDIATE_LIMIT, parseReportRequest } from "@/lib/reports/generate-report";
import { registerBatches } from "@/lib/reports/register-rows";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { writeFixtureCases, type BuiltCase, type FixtureCase } from "../helpers/report-fixtures";

const fixture = (level: FixtureCase["level"], n: string): FixtureCase => ({
  level,
  names: [`Serik Bolatuly${n}`, `Серік Болатұлы${n}`],
  relativeName: `Гүлнар Серікқызы${n}`,
  phone: `+7 702 444 00${n}`,
  birthDate: "1968-09-02",
  summary: `Summary ${n}`,
  eventDescription: `Detained at the border ${n}`,
  facility: `Facility ${n}`,
  placeText: `Village ${n}`,
  sourceTitle: `Source ${n}`,
  advocacyResponse: `Reply ${n}`,
  policeDescription: `Questioned ${n}`,
  lawyer: `Lawyer ${n}`,
});

let org: TestOrg;
let coordinator: TestMember;
let analyst: TestMember;
let cases: BuiltCase[];
const extra = IMMEDIATE_LIMIT + 100;

async function cookieOf(member: TestMember): Promise<string> {
  const { sessionId } = await createSession({ userId: member.userId });
  return `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}`;
}

async function download(member: TestMember, query: string): Promise<{ response: Response; text: string; chunks: number }> {
  const response = await GET(new Request(`http://127.0.0.1:3100/api/v1/reports?${query}`, { headers: { cookie: await cookieOf(member) } }), { params: Promise.resolve({}) });
  let chunks = 0;
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks += 1;
    text += decoder.decode(chunk, { stream: true });
  }
  return { response, text, chunks };
}

beforeAll(async () => {
  org = await createOrg("Streamed register", "SR");
  coordinator = await createMember(org, "COORDINATOR");
  analyst = await createMember(org, "ANALYST");
  cases = await writeFixtureCases(org.id, "SR", [fixture("PRIVATE", "01"), fixture("ANONYMISED", "02")]);
  // many more actions against the same relatives: summonses after every picket of a year
  await ownerQuery(
    `INSERT INTO police_actions (id, "organizationId", "personId", "caseId", type, date, authority, status, "updatedAt")
     SELECT gen_random_uuid(), p."organizationId", p."personId", p."caseId", 'SUMMONS', date '2025-01-01' + (n % 360), 'Medeu district police', 'PENDING', now()
       FROM police_actions p, generate_series(1, $2::int) AS n
      WHERE p."organizationId" = $1`,
    [org.id, extra / 2],
  );
});

describe("the police-action register streamed over HTTP", () => {
  it("reaches a coordinator at once in several chunks, every row in full, with the generation and download audited", async () => {
    const { response, text, chunks } = await download(coordinator, "kind=register&format=csv&locale=en");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/police-action-register_/);
    expect(response.headers.get("content-length")).toBeNull();
    expect(chunks).toBeGreaterThan(1);
    const rows = text.split("\r\n").filter((line) => line.includes("Summons") || line.includes("Detention"));
    expect(rows).toHaveLength(extra + 2);
    expect(text).toContain("Гүлнар Серікқызы01");
    expect(text).toContain(cases[0]?.reference);
    const audits = await ownerQuery<{ action: string; metadata: Record<string, unknown> }>(
      `SELECT action, metadata FROM audit_events WHERE "organizationId" = $1 AND action LIKE 'report.%' AND "actorUserId" = $2`,
      [org.id, coordinator.userId],
    );
    expect(audits.map((row) => row.action).sort()).toEqual(["report.download", "report.generate"]);
    for (const row of audits) expect(row.metadata).toMatchObject({ kind: "register", format: "csv", records: extra + 2 });
  });

  it("gives an analyst the anonymised rows by pseudonym and month, and counts the private ones only", async () => {
    const { response, text } = await download(analyst, "kind=register&format=csv&locale=en");
    expect(response.status).toBe(200);
    for (const value of ["Гүлнар Серікқызы", "Serik Bolatuly", "Medeu", "Lawyer 0", cases[0]?.reference, cases[1]?.reference]) expect(text).not.toContain(value);
    expect(text).toContain(`Police actions counted only (private): ${extra / 2 + 1}.`);
    const anonymised = text.split("\r\n").filter((line) => line.includes("Person "));
    expect(anonymised).toHaveLength(extra / 2 + 1);
    expect(anonymised.every((line) => /^"?[A-Z][a-z]+ \d{4}/.test(line))).toBe(true);
  });
});

describe("a long register download", () => {
  let group: TestOrg;
  let reader: TestMember;
  const actions = 5_000;

  beforeAll(async () => {
    group = await createOrg("Long register", "LR");
    reader = await createMember(group, "COORDINATOR");
    await writeFixtureCases(group.id, "LR", [fixture("PUBLIC", "03")]);
    await ownerQuery(
      `INSERT INTO police_actions (id, "organizationId", "personId", "caseId", type, date, authority, status, "updatedAt")
       SELECT gen_random_uuid(), p."organizationId", p."personId", p."caseId", 'SUMMONS', date '2010-01-01' + n, 'Almaly district police', 'PENDING', now()
         FROM police_actions p, generate_series(1, $2::int) AS n
        WHERE p."organizationId" = $1`,
      [group.id, actions],
    );
  });

  async function openTransactions(): Promise<number> {
    const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    return row?.n ?? 0;
  }

  it("is one snapshot: an action recorded or removed while it is read does not change the file", async () => {
    const setting = await withTenantReadOnly(reader, (tx) => reportSetting(tx, reader, "en"));
    const request = parseReportRequest({ kind: "register", format: "csv" });
    const seen: string[] = [];
    let first = true;
    for await (const batch of registerBatches(setting, request, 1_000)) {
      seen.push(...batch.rows.map((row) => `${row.date.toISOString().slice(0, 10)} ${row.authority ?? ""}`));
      if (first) {
        first = false;
        // the oldest rows come last: add one there and remove one there while the first batch is out
        await ownerQuery(
          `INSERT INTO police_actions (id, "organizationId", "personId", "caseId", type, date, authority, status, "updatedAt")
           SELECT gen_random_uuid(), "organizationId", "personId", "caseId", 'FINE', date '2009-06-01', 'Recorded meanwhile', 'PENDING', now()
             FROM police_actions WHERE "organizationId" = $1 LIMIT 1`,
          [group.id],
        );
        await ownerQuery(`UPDATE police_actions SET "deletedAt" = now() WHERE "organizationId" = $1 AND date = date '2010-01-02'`, [group.id]);
      }
    }
    expect(seen).toHaveLength(actions + 1);
    expect(seen.some((row) => row.includes("Recorded meanwhile"))).toBe(false);
    expect(seen).toContain("2010-01-02 Almaly district police");
    // newest first, as the register reads
    expect(seen[0]! > seen.at(-1)!).toBe(true);
  });

  it("stops reading when the client goes away, and leaves no transaction open", async () => {
    const response = await GET(new Request("http://127.0.0.1:3100/api/v1/reports?kind=register&format=csv&locale=en", { headers: { cookie: await cookieOf(reader) } }), {
      params: Promise.resolve({}),
    });
    const body = (response.body as ReadableStream<Uint8Array>).getReader();
    await body.read(); // the rules and the header
    await body.read(); // the first batch: the next one is being read, in the open snapshot
    expect(await openTransactions()).toBeGreaterThan(0);
    await body.cancel();
    let open = await openTransactions();
    for (let i = 0; i < 50 && open > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      open = await openTransactions();
    }
    expect(open).toBe(0);
  });
});
