// Starts the app for the browser tests: a fresh database on the server in DATABASE_URL (or an embedded
// PostgreSQL when none is given), migrated, with the demo data and the known e2e cast, then the app on
// E2E_PORT and a second instance of it on E2E_PORT + 1 on the same database (the two-instance spec):
// the production server (scripts/serve.ts) when a build exists, else `next dev` (the second with its own
// build folder). The database's address is left in a file the specs read (e2eDatabaseFile). Stops and
// drops everything on exit.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { seedDemo } from "../../prisma/seed/demo";
import { TEST_APP_DB_PASSWORD, testSecrets } from "../setup/test-env";
import { startTestProvider, type TestProvider } from "../helpers/oidc-provider";
import { e2eDatabaseFile } from "./database";
import { E2E_SSO_ACCOUNTS, seedE2E } from "./seed";
import { TSX_NODE_FLAGS } from "../../scripts/lib/node-flags";

const port = process.env.E2E_PORT ?? "3100";
const say = (line: string) => console.log(`[e2e] ${line}`);
const require_ = createRequire(import.meta.url);

let embedded: EmbeddedServer | undefined;
let tempDir: string | undefined;
let app: ChildProcess | undefined;
let second: ChildProcess | undefined;
let adminUrl: string;
let identityProvider: TestProvider | undefined;
// one name per port: a run that was killed outright leaves its database to the next run, which drops it
const database = `qamqor_e2e_${port.replace(/\D/g, "")}`;

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  // the seed encrypts and hashes with the same test secrets the app gets
  Object.assign(process.env, testSecrets);
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-e2e-pg-"));
    rmSync(tempDir, { recursive: true, force: true });
    embedded = await startEmbeddedPostgres({ dataDir: tempDir, port: 20000 + Math.floor(Math.random() * 20000), password: "e2e", persistent: false });
    adminUrl = embedded.adminUrl;
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8'`);
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${database}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = "qamqor_app";
  appUrl.password = TEST_APP_DB_PASSWORD;

  await prepareDatabase({ ownerUrl: ownerUrl.toString(), appPassword: TEST_APP_DB_PASSWORD, log: say });
  await seedDemo(ownerUrl.toString(), { log: say });
  await seedE2E(ownerUrl.toString());
  say(`database ${database} ready`);
  writeFileSync(e2eDatabaseFile(port), JSON.stringify({ ownerUrl: ownerUrl.toString() }), { mode: 0o600 });

  // E2E_OIDC=1: the app signs in through a real OpenID provider started here (the single sign-on spec)
  const sso: Record<string, string> = {};
  if (process.env.E2E_OIDC === "1") {
    const appUrl = `http://127.0.0.1:${port}`;
    identityProvider = await startTestProvider(`${appUrl}/api/auth/callback/oidc`);
    for (const [accountId, account] of Object.entries(E2E_SSO_ACCOUNTS)) identityProvider.accounts.set(accountId, account);
    Object.assign(sso, {
      PUBLIC_URL: appUrl,
      OIDC_ISSUER: identityProvider.issuer,
      OIDC_CLIENT_ID: identityProvider.clientId,
      OIDC_CLIENT_SECRET: identityProvider.clientSecret,
      OIDC_NAME: "Test identity provider",
    });
    say(`identity provider at ${identityProvider.issuer}`);
  }

  const mode = existsSync(path.resolve(".next/BUILD_ID")) && process.env.E2E_DEV !== "1" ? "start" : "dev";
  const appEnv = {
    ...process.env,
    ...testSecrets,
    DATABASE_URL: ownerUrl.toString(),
    APP_DATABASE_URL: appUrl.toString(),
    DEMO_MODE: "false",
    // the browser tests stand in for a reverse proxy (they send X-Forwarded-Proto themselves)
    TRUST_PROXY: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    // one line per request would bury the test report; warnings and errors still show
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...sso,
  };
  const launch = (appPort: string, distDir?: string) =>
    spawn(
      process.execPath,
      mode === "start"
        ? [...TSX_NODE_FLAGS, path.resolve("scripts/serve.ts"), "--port", appPort, "--hostname", "127.0.0.1"]
        : [require_.resolve("next/dist/bin/next"), "dev", "-p", appPort, "-H", "127.0.0.1"],
      {
        stdio: "inherit",
        env: { ...appEnv, PORT: appPort, NODE_ENV: mode === "start" ? "production" : "development", ...(distDir ? { QAMQOR_NEXT_DIST_DIR: distDir } : {}) },
      },
    );
  app = launch(port);
  app.on("exit", (code) => void shutdown(code ?? 0));
  // the single sign-on run needs one instance only
  if (process.env.E2E_OIDC !== "1") {
    second = launch(String(Number(port) + 1), mode === "dev" ? ".next/second-instance" : undefined);
    second.on("exit", (code) => void shutdown(code ?? 0));
  }
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of [app, second]) if (child && child.exitCode === null) child.kill("SIGTERM");
  rmSync(e2eDatabaseFile(port), { force: true });
  await identityProvider?.close().catch(() => {});
  try {
    if (adminUrl) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } catch {
    // the server may already be gone
  }
  await embedded?.stop().catch(() => {});
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch((error: unknown) => {
  console.error(error);
  void shutdown(1);
});
