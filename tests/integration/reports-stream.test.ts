// A register larger than an immediate download streams over HTTP at once as CSV: the real route handler,
// a signed-in coordinator or analyst, the body read chunk by chunk, the audit written, the disclosure
// rules kept row by row.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/reports/route";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import { IMMEDIATE_LIMIT } from "@/lib/reports/generate-report";
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
