// REPORTS_DATABASE_URL: reports, statistics and dashboard counts read through a second pool (a read
// replica in production), under the same row-level security; unset, they read the main pool. The
// "replica" here is a copy of the test database taken at one moment, so a row written to the main
// database afterwards shows whether a report read it there or through the copy.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { disconnectDb } from "../../lib/db";
import { disconnectReportsDb, withTenantReadOnly } from "../../lib/db-replica";
import { resetEnvCache } from "../../lib/env";
import { generateReport } from "../../lib/reports/generate-report";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { writeFixtureCases, type FixtureCase } from "../helpers/report-fixtures";

const fixture = (n: string, authority: string): FixtureCase => ({
  level: "PRIVATE",
  names: [`Replica Subject${n}`, `Реплика Адам${n}`],
  relativeName: `Replica Relative${n}`,
  phone: `+7 701 777 00${n}`,
  birthDate: "1970-01-01",
  summary: `summary ${n}`,
  eventDescription: `event ${n}`,
  facility: `Facility ${n}`,
  placeText: `Village ${n}`,
  sourceTitle: `Source ${n}`,
  advocacyResponse: `Response ${n}`,
  policeDescription: `Held ${n}`,
  lawyer: `Lawyer ${n}`,
  policeAuthority: authority,
});

const register = async (who: TestMember) =>
  (await generateReport(who, { kind: "register", format: "csv", from: "2026-01-01", to: "2026-12-31", locale: "en" })).bytes.toString("utf8");

describe("reports through REPORTS_DATABASE_URL", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let replicaDatabase: string;
  let replicaUrl: string;
  let dashboardAtCopy: string;
  const ownerUrl = () => new URL(process.env.DATABASE_URL as string);

  const pointReportsAt = (url: string | undefined) => {
    if (url) process.env.REPORTS_DATABASE_URL = url;
    else delete process.env.REPORTS_DATABASE_URL;
    resetEnvCache();
  };

  beforeAll(async () => {
    org = await createOrg("Replica group", "RG");
    coordinator = await createMember(org, "COORDINATOR");
    await writeFixtureCases(org.id, "RG", [fixture("01", "Copied police one"), fixture("02", "Copied police two")], coordinator.userId);
    const other = await createOrg("Other group", "OT");
    await writeFixtureCases(other.id, "OT", [fixture("09", "Other group's police")]);
    dashboardAtCopy = JSON.stringify((await getDashboard(coordinator, { period: "year" })).headline.policeByType);

    // the copy needs the database to itself for a moment: close the app's pool first
    await disconnectDb();
    const source = ownerUrl().pathname.slice(1);
    replicaDatabase = `${source}_replica`;
    const adminUrl = ownerUrl();
    adminUrl.pathname = "/postgres";
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${replicaDatabase} TEMPLATE ${source}`);
    await admin.end();
    const url = new URL(process.env.APP_DATABASE_URL as string);
    url.pathname = `/${replicaDatabase}`;
    replicaUrl = url.toString();

    // written after the copy: only the main database has it
    await writeFixtureCases(org.id, "RG", [fixture("03", "Added after the copy")], coordinator.userId);
  });

  afterAll(async () => {
    pointReportsAt(undefined);
    await disconnectReportsDb();
    const adminUrl = ownerUrl();
    adminUrl.pathname = "/postgres";
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${replicaDatabase} WITH (FORCE)`);
    await admin.end();
  });

  it("reads the main database when it is not set", async () => {
    pointReportsAt(undefined);
    const csv = await register(coordinator);
    expect(csv).toContain("Added after the copy");
    expect(csv).toContain("Copied police one");
    expect(JSON.stringify((await getDashboard(coordinator, { period: "year" })).headline.policeByType)).not.toBe(dashboardAtCopy);
  });

  it("builds the register and the dashboard from the replica when set, and audits the report on the main database", async () => {
    pointReportsAt(replicaUrl);
    const generated = () => ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'report.generate' AND "organizationId" = $1`, [org.id]);
    const before = (await generated()).length;
    const csv = await register(coordinator);
    expect((await generated()).length).toBe(before + 1);
    expect(csv).toContain("Copied police one");
    expect(csv).toContain("Copied police two");
    expect(csv).not.toContain("Added after the copy");
    expect(csv).not.toContain("Other group's police");
    expect(JSON.stringify((await getDashboard(coordinator, { period: "year" })).headline.policeByType)).toBe(dashboardAtCopy);
  });

  it("still shows an organisation only its own rows through the replica, and nothing without one", async () => {
    pointReportsAt(replicaUrl);
    const [copy] = await new Promise<{ n: string }[]>((resolve, reject) => {
      const owner = new URL(replicaUrl);
      owner.username = ownerUrl().username;
      owner.password = ownerUrl().password;
      const client = new pg.Client({ connectionString: owner.toString() });
      client
        .connect()
        .then(() => client.query<{ n: string }>(`SELECT count(*)::text AS n FROM police_actions`))
        .then((result) => resolve(result.rows))
        .catch(reject)
        .finally(() => void client.end());
    });
    expect(Number(copy?.n)).toBe(3);
    expect(await withTenantReadOnly(coordinator, (tx) => tx.policeAction.count())).toBe(2);
    expect(await withTenantReadOnly({ organizationId: "" }, (tx) => tx.policeAction.count())).toBe(0);
  });

  it("refuses a write through the reports connection, with a replica or without", async () => {
    for (const url of [replicaUrl, undefined]) {
      pointReportsAt(url);
      await expect(
        withTenantReadOnly(coordinator, (tx) => tx.$executeRaw`UPDATE police_actions SET authority = 'changed'`),
      ).rejects.toThrow(/read-only transaction/);
    }
  });

  it("refuses a reports connection that would not be bound by row-level security", async () => {
    const owner = new URL(replicaUrl);
    owner.username = ownerUrl().username;
    pointReportsAt(owner.toString());
    await expect(register(coordinator)).rejects.toThrow(/REPORTS_DATABASE_URL must connect as the app's role/);
    pointReportsAt(undefined);
  });
});
