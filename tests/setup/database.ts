// Gives each test file its own database, copied from the migrated template, and points the app at it
// (owner connection in DATABASE_URL, row-level-security-bound app role in APP_DATABASE_URL).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { resetEnvCache } from "../../lib/env";
import { testSecrets, TEST_APP_DB_PASSWORD } from "./test-env";

const adminUrl = inject("adminUrl");
const templateDatabase = inject("templateDatabase");
const runId = templateDatabase.replace("qamqor_tpl_", "");
const database = `qamqor_t_${runId}_${randomBytes(4).toString("hex")}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database} TEMPLATE ${templateDatabase}`);
await admin.end();

const ownerUrl = new URL(adminUrl);
ownerUrl.pathname = `/${database}`;
const appUrl = new URL(ownerUrl);
appUrl.username = "qamqor_app";
appUrl.password = TEST_APP_DB_PASSWORD;

Object.assign(process.env, testSecrets, {
  DATABASE_URL: ownerUrl.toString(),
  APP_DATABASE_URL: appUrl.toString(),
  NODE_ENV: "test",
});
resetEnvCache();

afterAll(async () => {
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await client.end();
});
