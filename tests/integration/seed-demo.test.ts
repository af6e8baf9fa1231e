import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { decryptField, decryptJson } from "../../lib/crypto";
import { caseSummaryContext, eventDescriptionContext, personContactContext, sourceDescriptionContext } from "../../lib/crypto-contexts";
import { STATUS_BY_EVENT } from "../../lib/cases/internal";
import type { CaseEventType, CaseStatus } from "../../lib/generated/prisma/enums";
import { nameKeys } from "../../lib/names/keys";
import { verifyPassword } from "../../lib/auth/password";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../../prisma/seed/demo";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { ownerQuery } from "../helpers/factories";

const ownerUrl = () => process.env.DATABASE_URL as string;

describe("the demo seed", () => {
  let firstRun: boolean;
  let secondRun: boolean;

  beforeAll(async () => {
    firstRun = await seedDemoIfEmpty(ownerUrl());
    secondRun = await seedDemoIfEmpty(ownerUrl());
  }, 120_000);

  it("loads once and does nothing when an organisation already exists", async () => {
    expect(firstRun).toBe(true);
    expect(secondRun).toBe(false);
    const [row] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM organizations`);
    expect(Number(row?.n)).toBe(2);
  });

  it("gives each organisation a member of every role and one user who belongs to both", async () => {
    const rows = await ownerQuery<{ slug: string; roles: string[] }>(
      `SELECT o.slug, array_agg(DISTINCT m.role::text ORDER BY m.role::text) AS roles
       FROM organizations o JOIN memberships m ON m."organizationId" = o.id GROUP BY o.slug ORDER BY o.slug`,
    );
    expect(rows).toEqual([
      { slug: "atazhurt-demo", roles: ["ADMIN", "ANALYST", "COORDINATOR", "VOLUNTEER"] },
      { slug: "naghyz-demo", roles: ["ADMIN", "ANALYST", "COORDINATOR", "VOLUNTEER"] },
    ]);
    const shared = await ownerQuery(`SELECT "userId" FROM memberships GROUP BY "userId" HAVING count(*) = 2`);
    expect(shared).toHaveLength(1);
  });

  it("lets every documented demo account sign in with its documented password", async () => {
    for (const account of DEMO_ACCOUNTS) {
      expect(account.password.length).toBeGreaterThanOrEqual(12);
      const [user] = await ownerQuery<{ passwordHash: string }>(`SELECT "passwordHash" FROM users WHERE email = $1`, [account.email]);
      expect(user, account.email).toBeDefined();
      expect(await verifyPassword(user?.passwordHash ?? "", account.password)).toBe(true);
    }
  });

  it("holds a few hundred people named in Latin, Cyrillic and Chinese characters with search keys from lib/names", async () => {
    const [people] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people`);
    expect(Number(people?.n)).toBeGreaterThanOrEqual(200);
    const scripts = await ownerQuery<{ script: string }>(`SELECT DISTINCT script::text AS script FROM person_names ORDER BY 1`);
    expect(scripts.map((row) => row.script)).toEqual(["CYRILLIC", "HAN", "LATIN"]);
    const names = await ownerQuery<{ value: string; script: string; normalized: string; skeleton: string }>(
      `SELECT value, script::text AS script, normalized, skeleton FROM person_names ORDER BY id LIMIT 300`,
    );
    for (const name of names) expect({ ...nameKeys(name.value) }).toEqual({ script: name.script, normalized: name.normalized, skeleton: name.skeleton });
    const han = names.find((name) => name.script === "HAN");
    expect(han?.value).toContain("·");
    const [variants] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM person_names WHERE kind IN ('ALIAS', 'TRANSLITERATION')`);
    expect(Number(variants?.n)).toBeGreaterThan(200);
  });

  it("numbers cases per organisation and year and keeps the reference counters in step", async () => {
    const rows = await ownerQuery<{ prefix: string; year: number; last: number; max: number; count: string }>(
      `SELECT o."referencePrefix" AS prefix, c.year, c."lastNumber" AS last,
              max(split_part(k.reference, '-', 3)::int) AS max, count(k.id) AS count
       FROM case_reference_counters c
       JOIN organizations o ON o.id = c."organizationId"
       JOIN cases k ON k."organizationId" = c."organizationId" AND split_part(k.reference, '-', 2)::int = c.year
       GROUP BY 1, 2, 3`,
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(row.last).toBe(row.max);
      expect(Number(row.count)).toBe(row.max);
    }
  });

  it("keeps each case status consistent with its latest event", async () => {
    const events = await ownerQuery<{ caseId: string; status: CaseStatus; type: CaseEventType }>(
      `SELECT k.id AS "caseId", k.status::text AS status, e.type::text AS type
       FROM cases k JOIN case_events e ON e."caseId" = k.id ORDER BY k.id, e.date, e."createdAt"`,
    );
    const derived = new Map<string, { actual: CaseStatus; derived: CaseStatus }>();
    for (const event of events) {
      const entry = derived.get(event.caseId) ?? { actual: event.status, derived: "UNKNOWN" as CaseStatus };
      entry.derived = STATUS_BY_EVENT[event.type] ?? entry.derived;
      derived.set(event.caseId, entry);
    }
    expect(derived.size).toBe(112);
    for (const entry of derived.values()) expect(entry.actual).toBe(entry.derived);
  });

  it("mixes disclosure levels and records consent for every case that may be published", async () => {
    const rows = await ownerQuery<{ level: string; n: string; without_consent: string }>(
      `SELECT "disclosureLevel"::text AS level, count(*) AS n, count(*) FILTER (WHERE "consentGivenBy" IS NULL) AS without_consent
       FROM cases GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((row) => row.level)).toEqual(["ANONYMISED", "PRIVATE", "PUBLIC"]);
    for (const row of rows.filter((r) => r.level !== "PRIVATE")) expect(Number(row.without_consent)).toBe(0);
  });

  it("writes sensitive fields encrypted with the contexts the services read them with", async () => {
    const [kase] = await ownerQuery<{ id: string; summaryEnc: string }>(`SELECT id, "summaryEnc" FROM cases LIMIT 1`);
    expect(kase?.summaryEnc.startsWith("v1.")).toBe(true);
    expect(decryptField(kase?.summaryEnc, caseSummaryContext(kase?.id ?? ""))).toMatch(/\w/);
    const [event] = await ownerQuery<{ id: string; descriptionEnc: string }>(`SELECT id, "descriptionEnc" FROM case_events LIMIT 1`);
    expect(decryptField(event?.descriptionEnc, eventDescriptionContext(event?.id ?? ""))).toMatch(/\w/);
    const [person] = await ownerQuery<{ id: string; contactEnc: string }>(`SELECT id, "contactEnc" FROM people WHERE "contactEnc" IS NOT NULL LIMIT 1`);
    expect(decryptJson<{ phone: string }>(person?.contactEnc, personContactContext(person?.id ?? ""))?.phone).toMatch(/^\+7 700 0/);
    const [source] = await ownerQuery<{ id: string; descriptionEnc: string }>(`SELECT id, "descriptionEnc" FROM sources LIMIT 1`);
    expect(decryptField(source?.descriptionEnc, sourceDescriptionContext(source?.id ?? ""))).toMatch(/\w/);
  });

  it("records protests with participants and police actions with outcomes, some hearings still ahead", async () => {
    const [row] = await ownerQuery<{ protests: string; participants: string; resolved: string; upcoming: string; fined: string }>(
      `SELECT (SELECT count(*) FROM protests) AS protests,
              (SELECT count(*) FROM protest_participations WHERE "caseId" IS NOT NULL) AS participants,
              (SELECT count(*) FROM police_actions WHERE status = 'RESOLVED' AND outcome IS NOT NULL) AS resolved,
              (SELECT count(*) FROM police_actions WHERE status = 'PENDING' AND "hearingAt" > now()) AS upcoming,
              (SELECT count(*) FROM police_actions WHERE "outcomeFineAmount" IS NOT NULL) AS fined`,
    );
    expect(Number(row?.protests)).toBe(28);
    expect(Number(row?.participants)).toBeGreaterThan(28);
    expect(Number(row?.resolved)).toBeGreaterThan(10);
    expect(Number(row?.upcoming)).toBeGreaterThan(0);
    expect(Number(row?.fined)).toBeGreaterThan(0);
  });

  it("starts each organisation's audit chain with one verifiable seed.demo event", async () => {
    const rows = await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'seed.demo'`);
    expect(rows).toHaveLength(2);
    const result = await verifyAuditChains(ownerUrl());
    expect(result.problems).toEqual([]);
  });

  it("produces the same data on another database", async () => {
    const adminUrl = inject("adminUrl");
    const name = `${inject("templateDatabase").replace("qamqor_tpl_", "qamqor_t_")}_seedcopy_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
    const otherUrl = new URL(adminUrl);
    otherUrl.pathname = `/${name}`;
    try {
      await seedDemoIfEmpty(otherUrl.toString());
      const sql = `SELECT k.reference, k.status::text, p."displayName" FROM cases k JOIN people p ON p.id = k."subjectPersonId" ORDER BY k.id`;
      const other = new pg.Client({ connectionString: otherUrl.toString() });
      await other.connect();
      const copy = (await other.query(sql)).rows;
      await other.end();
      expect(copy).toEqual(await ownerQuery(sql));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);
});
