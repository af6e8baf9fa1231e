// The protest statistics an analyst sees: a count of one or two names a person, so every count below the
// organisation's threshold reads "fewer than N", and no total gives it away by subtraction.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as statsRoute } from "../../app/api/v1/protests/stats/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { getProtestStats } from "../../lib/protests/protest-stats";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { insertPerson } from "./protests-helpers";

const ONE_DAY = "2026-05-14";

describe("protest statistics under the small-cell rule", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let analyst: TestMember;
  let analystToken: string;

  beforeAll(async () => {
    org = await createOrg("Small cells", "SC");
    coordinator = await createMember(org, "COORDINATOR");
    analyst = await createMember(org, "ANALYST");
    analystToken = `qmq_${randomBytes(32).toString("base64url")}`;
    await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'analyst', $3)`, [org.id, analyst.userId, hashApiToken(analystToken)]);
    const fined = await insertPerson(org, "Serikzhan Fined");
    // the one fine of that day, still pending, with a fine amount that would name the case
    await ownerQuery(
      `INSERT INTO police_actions ("organizationId", "personId", type, date, status, "outcomeFineAmount", "updatedAt") VALUES ($1, $2, 'FINE', $3, 'PENDING', 69000, now())`,
      [org.id, fined, ONE_DAY],
    );
    // and a busier day elsewhere: seven warnings and one summons
    for (let i = 0; i < 7; i++) {
      const person = await insertPerson(org, `Warned ${i}`);
      await ownerQuery(`INSERT INTO police_actions ("organizationId", "personId", type, date, status, "updatedAt") VALUES ($1, $2, 'WARNING', '2026-06-01', 'RESOLVED', now())`, [org.id, person]);
    }
    await ownerQuery(`INSERT INTO police_actions ("organizationId", "personId", type, date, status, "updatedAt") VALUES ($1, $2, 'SUMMONS', '2026-06-01', 'PENDING', now())`, [org.id, fined]);
  });

  const oneDay = { from: new Date(`${ONE_DAY}T00:00:00Z`), to: new Date(`${ONE_DAY}T23:59:59Z`) };

  it("shows a coordinator the exact count: one FINE, pending, on that day (what an analyst used to be told)", async () => {
    const stats = await getProtestStats(coordinator, oneDay);
    expect(stats.exact).toBe(true);
    expect(stats.policeActionsByType.cells.FINE).toEqual({ value: 1 });
    expect(stats.policeActionsByStatus.cells.PENDING).toEqual({ value: 1 });
    expect(stats.finesByCurrency.KZT).toEqual({ value: 69000 });
  });

  it("tells an analyst through the API only 'fewer than 5' for that day, with totals that do not reveal it", async () => {
    const response = await statsRoute(
      new Request(`http://localhost/api/v1/protests/stats?from=${ONE_DAY}&to=${ONE_DAY}`, { headers: { authorization: `Bearer ${analystToken}` } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Awaited<ReturnType<typeof getProtestStats>>;
    expect(body.exact).toBe(false);
    expect(body.threshold).toBe(5);
    expect(body.policeActionsByType.cells.FINE).toEqual({ hidden: "small" });
    expect(body.policeActionsByStatus.cells.PENDING).toEqual({ hidden: "small" });
    // the totals are hidden too, so "total − shown cells" gives nothing back
    expect(body.policeActionsByType.total.value).toBeUndefined();
    expect(body.policeActionsByStatus.total.value).toBeUndefined();
    expect(body.finesByCurrency.KZT).toEqual({ hidden: "small" });
    // no published number anywhere is 1, and the fine amount is nowhere in the answer
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/"value":1\b/);
    expect(text).not.toContain("69000");
  });

  it("hides a second count beside a small one so the shown total cannot be subtracted from", async () => {
    const stats = await getProtestStats(analyst, { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-01T23:59:59Z") });
    // seven warnings and one summons: the summons is small, the warnings shown alone would give it away
    expect(stats.policeActionsByType.cells.SUMMONS).toEqual({ hidden: "small" });
    const total = stats.policeActionsByType.total.value;
    const warnings = stats.policeActionsByType.cells.WARNING.value;
    expect(total === undefined || warnings === undefined).toBe(true);
  });

  it("uses the organisation's own threshold", async () => {
    await ownerQuery(`UPDATE organizations SET "smallCellThreshold" = 10 WHERE id = $1`, [org.id]);
    const stats = await getProtestStats(analyst, { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-01T23:59:59Z") });
    expect(stats.threshold).toBe(10);
    expect(stats.policeActionsByType.cells.WARNING).toEqual({ hidden: "small" });
    await ownerQuery(`UPDATE organizations SET "smallCellThreshold" = 5 WHERE id = $1`, [org.id]);
  });
});
