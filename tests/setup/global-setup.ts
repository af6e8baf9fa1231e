// Prepares PostgreSQL for the whole run: the server from DATABASE_URL, or an embedded one started
// here; then a migrated template database that each test file copies (tests/setup/database.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { TEST_APP_DB_PASSWORD } from "./test-env";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

let embedded: EmbeddedServer | undefined;
let tempDir: string | undefined;

export default async function setup(project: TestProject) {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-test-pg-"));
    rmSync(tempDir, { recursive: true, force: true });
    const port = 20000 + Math.floor(Math.random() * 20000);
    embedded = await startEmbeddedPostgres({ dataDir: tempDir, port, password: "test", persistent: false });
    adminUrl = embedded.adminUrl;
  }
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const templateDatabase = `qamqor_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await prepareDatabase({ ownerUrl: templateUrl.toString(), appPassword: TEST_APP_DB_PASSWORD });

  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
      [`qamqor_t_${runId}%`, templateDatabase],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}
