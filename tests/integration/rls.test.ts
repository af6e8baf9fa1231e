// Row-level security alone, without the services: connect as the app's database role and look.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiToken } from "@/lib/auth/api-tokens";
import { createMember, createOrg, ownerQuery, type TestOrg } from "../helpers/factories";
import { insertCase, insertProtest } from "./auth-helpers";

let orgA: TestOrg;
let orgB: TestOrg;
let caseB: string;
let app: pg.Client;
let tenantTables: string[];
const IDENTITY_TABLES = ["user_sessions"];

beforeAll(async () => {
  orgA = await createOrg("Group A", "RA");
  orgB = await createOrg("Group B", "RB");
  for (const org of [orgA, orgB]) {
    const admin = await createMember(org, "ADMIN");
    await createMember(org, "VOLUNTEER");
    await insertCase(org, { assignedToId: admin.userId });
    await insertProtest(org);
    await ownerQuery(`INSERT INTO invites ("organizationId", email, role, "tokenHash", "expiresAt") VALUES ($1, 'x@example.test', 'VOLUNTEER', $2, now() + interval '1 day')`, [
      org.id,
      `hash-${org.id}`,
    ]);
    await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'token', $3)`, [
      org.id,
      admin.userId,
      hashApiToken(`token-${org.id}`),
    ]);
    await ownerQuery(
      `INSERT INTO audit_events ("organizationId", action, "prevHash", hash) VALUES ($1, 'test.event', 'genesis', 'x')`,
      [org.id],
    );
  }
  caseB = await insertCase(orgB);
  const rows = await ownerQuery<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organizationId' ORDER BY table_name`,
  );
  // user_sessions names the organisation a signed-in browser works in; it is identity data, read by
  // signed session id before any organisation is known, and holds nothing of the organisation's records.
  tenantTables = [...rows.map((r) => r.table_name).filter((t) => !IDENTITY_TABLES.includes(t)), "organizations"];
  app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
});

async function asApp<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  await app.query("BEGIN");
  try {
    for (const [name, value] of Object.entries(settings)) await app.query("SELECT set_config($1, $2, true)", [name, value]);
    return await work();
  } finally {
    await app.query("ROLLBACK");
  }
}

const orgColumn = (table: string) => (table === "organizations" ? "id" : `"organizationId"`);

describe("row-level security", () => {
  it("connects as a role that cannot bypass row-level security", async () => {
    const { rows } = await app.query<{ rolbypassrls: boolean; rolsuper: boolean }>(
      "SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user",
    );
    expect(rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
  });

  it("has row-level security enabled on every table that holds an organisation's rows", async () => {
    const rows = await ownerQuery<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relname = ANY($1) AND relkind = 'r' AND NOT relrowsecurity`,
      [tenantTables],
    );
    expect(rows.map((r) => r.relname)).toEqual([]);
  });

  it("shows none of organisation B's rows in any tenant table while organisation A is set", async () => {
    const leaks: string[] = [];
    let seenOwn = 0;
    await asApp({ "app.organization_id": orgA.id }, async () => {
      for (const table of tenantTables) {
        const { rows } = await app.query<{ other: string; own: string }>(
          `SELECT count(*) FILTER (WHERE ${orgColumn(table)} = $1) AS other, count(*) FILTER (WHERE ${orgColumn(table)} = $2) AS own FROM "${table}"`,
          [orgB.id, orgA.id],
        );
        if (Number(rows[0]?.other) > 0) leaks.push(table);
        seenOwn += Number(rows[0]?.own);
      }
    });
    expect(leaks).toEqual([]);
    // the test is not vacuous: B's rows exist, and A's own rows are visible
    const [owned] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM cases WHERE "organizationId" = $1`, [orgB.id]);
    expect(Number(owned?.n)).toBeGreaterThan(0);
    expect(seenOwn).toBeGreaterThan(8);
  });

  it("shows no tenant rows at all when no organisation is set", async () => {
    const visible: string[] = [];
    await asApp({}, async () => {
      for (const table of tenantTables) {
        const { rows } = await app.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE ${orgColumn(table)} IS NOT NULL`);
        if (Number(rows[0]?.n) > 0) visible.push(table);
      }
    });
    expect(visible).toEqual([]);
  });

  it("answers a request for another organisation's case by id with nothing, and cannot change or create it", async () => {
    await asApp({ "app.organization_id": orgA.id }, async () => {
      expect((await app.query("SELECT * FROM cases WHERE id = $1", [caseB])).rowCount).toBe(0);
      expect((await app.query(`UPDATE cases SET priority = 'URGENT' WHERE id = $1`, [caseB])).rowCount).toBe(0);
      expect((await app.query(`DELETE FROM cases WHERE id = $1`, [caseB])).rowCount).toBe(0);
      await app.query("SAVEPOINT s");
      await expect(
        app.query(`INSERT INTO people ("organizationId", "displayName", "updatedAt") VALUES ($1, 'Planted', now())`, [orgB.id]),
      ).rejects.toThrow(/row-level security/);
      await app.query("ROLLBACK TO SAVEPOINT s");
    });
  });

  it("finds an API token by its hash only, not the organisation's other tokens", async () => {
    await asApp({ "app.api_token_hash": hashApiToken(`token-${orgB.id}`) }, async () => {
      const { rows } = await app.query<{ organizationId: string }>(`SELECT "organizationId" FROM api_tokens`);
      expect(rows).toEqual([{ organizationId: orgB.id }]);
    });
  });

  it("keeps the audit log append-only for the app", async () => {
    await asApp({ "app.organization_id": orgA.id }, async () => {
      await app.query("SAVEPOINT s");
      await expect(app.query(`UPDATE audit_events SET action = 'rewritten'`)).rejects.toThrow();
      await app.query("ROLLBACK TO SAVEPOINT s");
    });
  });
});
