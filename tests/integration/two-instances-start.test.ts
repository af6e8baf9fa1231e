// Two app instances started at the same moment on one new database (`npm start -- --prepare-only`, the
// step every start runs before serving): the migrations, the job queue's schema and the demo data are
// applied once, and both instances come up.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { readMigrations } from "../../scripts/lib/migrate";
import { TEST_APP_DB_PASSWORD, testSecrets } from "../setup/test-env";
import { TSX_NODE_FLAGS } from "../../scripts/lib/node-flags";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function prepare(url: string): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-instance-"));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [...TSX_NODE_FLAGS, "scripts/start.ts", "--prepare-only"], {
    env: { ...process.env, ...testSecrets, DATABASE_URL: url, APP_DB_PASSWORD: TEST_APP_DB_PASSWORD, QAMQOR_DATA_DIR: dataDir, DEMO_MODE: "true", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("two instances starting together on a new database", () => {
  it("apply each migration once, load the demo data once, and both become ready", async () => {
    const name = `qamqor_t_${inject("templateDatabase").replace("qamqor_tpl_", "")}_two${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: inject("adminUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    const url = new URL(inject("adminUrl"));
    url.pathname = `/${name}`;

    const [first, second] = await Promise.all([prepare(url.toString()), prepare(url.toString())]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(first.output).toContain("The database is ready.");
    expect(second.output).toContain("The database is ready.");
    // one of them migrated and loaded the demo; the other found it done
    expect([first.output, second.output].filter((output) => output.includes("Loaded the demo data."))).toHaveLength(1);

    const migrations = await query<{ migration_name: string; runs: string }>(
      url.toString(),
      `SELECT migration_name, count(*) AS runs FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY 1 ORDER BY 1`,
    );
    expect(migrations.map((row) => row.migration_name)).toEqual(readMigrations().map((migration) => migration.name));
    expect(migrations.every((row) => Number(row.runs) === 1)).toBe(true);
    const queue = await query<{ id: number; runs: string }>(url.toString(), `SELECT id, count(*) AS runs FROM graphile_worker.migrations GROUP BY 1`);
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((row) => Number(row.runs) === 1)).toBe(true);
    expect((await query(url.toString(), `SELECT 1 FROM organizations`)).length).toBeGreaterThan(0);
  }, 180_000);
});
