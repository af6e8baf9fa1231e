import { cpSync, mkdtempSync, writeFileSync, mkdirSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { checksumOf, defaultMigrationsDir, migrate, readMigrations } from "../../scripts/lib/migrate";
import { diffDatabaseToSchema } from "../../scripts/lib/schema-engine";

async function freshDatabase(): Promise<string> {
  const adminUrl = inject("adminUrl");
  const name = `qamqor_t_${inject("templateDatabase").replace("qamqor_tpl_", "")}_m${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-migrations-"));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

describe("the migration runner", () => {
  it("produces exactly the schema that schema.prisma describes", async () => {
    const drift = await diffDatabaseToSchema(process.env.DATABASE_URL as string);
    expect(drift, `the migrated database differs from schema.prisma; this SQL would fix it:\n${drift}`).toBe("");
  });

  it("records every migration in _prisma_migrations with Prisma's checksum, as prisma migrate deploy would", async () => {
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      process.env.DATABASE_URL as string,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(checksumOf(files[index]!.sql));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const result = await migrate(process.env.DATABASE_URL as string);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(readMigrations().length);
  });

  it("lets two instances start at once without applying anything twice", async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([migrate(url), migrate(url)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(readMigrations().map((m) => m.name));
    const rows = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.n)).toBe(readMigrations().length);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const dir = copyOfMigrations();
    const first = readMigrations(dir)[0]!;
    appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited later\n");
    await expect(migrate(process.env.DATABASE_URL as string, { dir })).rejects.toThrow(
      `Migration ${first.name} was changed after it was applied`,
    );
  });

  it("rolls back a migration that fails halfway and keeps no trace of it", async () => {
    const dir = copyOfMigrations();
    const name = "29991231000000_broken";
    mkdirSync(path.join(dir, name));
    writeFileSync(
      path.join(dir, name, "migration.sql"),
      `CREATE TABLE "half_done" (id int);\nINSERT INTO "no_such_table" VALUES (1);\n`,
    );
    const url = process.env.DATABASE_URL as string;
    await expect(migrate(url, { dir })).rejects.toThrow(/Migration 29991231000000_broken failed and was rolled back/);
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(tables).toHaveLength(0);
    const history = await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
    expect(history).toHaveLength(0);
  });

  it("refuses to run when the database has a migration this version does not know", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const dir = copyOfMigrations();
    const trimmed = readMigrations(dir).slice(0, 1);
    const onlyFirst = mkdtempSync(path.join(os.tmpdir(), "qamqor-migrations-"));
    cpSync(path.join(dir, trimmed[0]!.name), path.join(onlyFirst, trimmed[0]!.name), { recursive: true });
    await expect(migrate(url, { dir: onlyFirst })).rejects.toThrow(/not in this version of the app/);
  });
});
