// `npm start` / `npm run dev`: one command from a fresh clone to a running app.
// With no DATABASE_URL it runs its own PostgreSQL in the data folder, migrates, loads demo data
// on the first run, then serves the app. `--prepare-only` stops after the database is ready (used by
// the start-up tests and by deployments that migrate in a separate step).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ConfigError, getEnv } from "../lib/env";
import { portIsFree, startEmbeddedPostgres, StartupError, type EmbeddedServer } from "./lib/embedded-postgres";
import { applySecretsToEnv, loadOrCreateLocalSecrets } from "./lib/local-secrets";
import { checkpointLogLine, writeCheckpoint } from "./lib/audit-verify";
import { launchers, stillRunning } from "./lib/processes";
import { MigrationError } from "./lib/migrate";
import { createDatabaseIfMissing, prepareDatabase } from "./lib/prepare-database";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../prisma/seed/demo";
import { serverNodeFlags, serverMemoryEnv } from "./lib/server-memory";
import { TSX_NODE_FLAGS } from "./lib/node-flags";

const mode = process.argv.includes("--dev") ? "dev" : "start";
const prepareOnly = process.argv.includes("--prepare-only");
const say = (line: string) => console.log(`[qamqor] ${line}`);
const SECRET_NAMES = ["AUTH_SECRET", "ENCRYPTION_KEYS", "AUDIT_HMAC_KEY", "LOOKUP_HMAC_KEY"] as const;
/** How often the audit chain heads are copied out of the database (the data folder and the log). */
const CHECKPOINT_INTERVAL_MS = 5 * 60_000;
/**
 * How long the app server may take after SIGTERM before it is killed: it gives in-flight requests and
 * running jobs 20 s (then hands unfinished jobs back to the queue); with the database's clean stop after
 * it, this fits in a 30 s stop timeout (systemd's TimeoutStopSec, `docker stop -t 30`).
 */
const SERVER_STOP_MS = 24_000;

async function main(): Promise<void> {
  // No calls home: Next.js would otherwise send anonymous usage telemetry.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const dataDir = path.resolve(process.env.QAMQOR_DATA_DIR || "./data");
  process.env.QAMQOR_DATA_DIR = dataDir;
  const usingOwnServer = Boolean(process.env.DATABASE_URL);
  // A configured installation (own server, every secret set) needs nothing from the data folder.
  const needsLocalSecrets = !usingOwnServer || SECRET_NAMES.some((name) => !process.env[name]);
  const secrets = needsLocalSecrets ? readLocalSecrets(dataDir) : undefined;
  if (secrets) applySecretsToEnv(secrets);

  let embedded: EmbeddedServer | undefined;
  if (!usingOwnServer && process.env.DEMO_MODE === undefined) process.env.DEMO_MODE = "true";
  const env = getEnv();
  if (!prepareOnly && !(await portIsFree(env.PORT))) {
    throw new StartupError(`Port ${env.PORT} is already in use; stop what runs there or set PORT to a free port.`);
  }

  if (!env.DATABASE_URL && secrets) {
    say(`Starting the embedded PostgreSQL server (data in ${path.join(dataDir, "postgres")})…`);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: env.EMBEDDED_PG_PORT,
      password: secrets.EMBEDDED_PG_PASSWORD,
      log: say,
    });
    process.env.DATABASE_URL = embedded.urlFor("qamqor");
    process.env.APP_DATABASE_URL = embedded.urlFor("qamqor", { name: "qamqor_app", password: secrets.APP_DB_PASSWORD });
  }
  const ownerUrl = process.env.DATABASE_URL as string;

  const stopDatabase = async () => {
    await embedded?.stop().catch(() => {});
  };
  // The audit chain heads, outside the database: removing the newest events is then detectable.
  const logged = new Map<string | null, string>();
  const checkpointAudit = async () => {
    try {
      const checkpoint = await writeCheckpoint(ownerUrl, dataDir);
      for (const head of checkpoint.heads) {
        if (logged.get(head.organizationId) === head.lastId) continue;
        logged.set(head.organizationId, head.lastId);
        say(checkpointLogLine(head));
      }
    } catch (error) {
      say(`Could not write the audit checkpoint: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let server: ChildProcess | undefined;
  let stopping = false;
  let prepared = false;
  // Stops the app server first (it finishes in-flight requests, bounded), records the audit
  // checkpoint, stops the database cleanly, then exits with `code`: 0 when told to stop, non-zero
  // when the server died, so a supervisor set to restart on failure does restart.
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    const serverStopped = new Promise<void>((resolve) => {
      if (!server || server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
      setTimeout(() => {
        server?.kill("SIGKILL");
        resolve();
      }, SERVER_STOP_MS).unref();
    });
    void serverStopped
      .then(() => (prepared ? checkpointAudit() : undefined))
      .then(stopDatabase)
      .finally(() => process.exit(code));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      say(`Received ${signal}; stopping.`);
      shutdown(0);
    });
  }
  embedded?.onUnexpectedExit((code, signal) => {
    if (stopping) return;
    say(`The embedded PostgreSQL server stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping.`);
    shutdown(1);
  });
  // A signal to whoever launched us (npm, tsx) may never be passed on: their death is our signal.
  const watched = launchers();
  setInterval(() => {
    if (!stopping && watched.some((launcher) => !stillRunning(launcher))) {
      say("The process that started the app has gone; stopping.");
      shutdown(0);
    }
  }, 1_000).unref();

  try {
    if (embedded) await createDatabaseIfMissing(ownerUrl);
    await prepareDatabase({ ownerUrl, appPassword: embedded ? secrets?.APP_DB_PASSWORD : undefined, log: say });
    const seeded = getEnv().DEMO_MODE ? await seedDemoIfEmpty(ownerUrl, { log: say }) : false;
    if (seeded) say("Loaded the demo data.");
    prepared = true;
    await checkpointAudit();
    if (prepareOnly) {
      say("The database is ready.");
      await stopDatabase();
      return;
    }

    if (mode === "start" && !existsSync(path.resolve(".next/BUILD_ID"))) {
      say("Building the app once (this takes a minute or two)…");
      await run("node", [require_("next/dist/bin/next"), "build"]);
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const port = String(env.PORT);
  // Production runs behind the app's own server (scripts/serve.ts), which records the socket's address and
  // drops forwarding headers unless TRUST_PROXY trusts them; development uses Next's own. The preload stops
  // the server should this supervisor be killed outright (SIGKILL) and leave it alone.
  const preload = path.resolve(path.dirname(new URL(import.meta.url).pathname), "lib/exit-with-parent.cjs");
  const command =
    mode === "dev"
      ? ["--require", preload, require_("next/dist/bin/next"), "dev", "-p", port, "-H", "127.0.0.1"]
      : [...serverNodeFlags(), "--require", preload, ...TSX_NODE_FLAGS, path.resolve("scripts/serve.ts"), "--port", port, "--hostname", "127.0.0.1"];
  const child = (server = spawn(process.execPath, command, {
    stdio: ["inherit", "pipe", "inherit"],
    env: { ...process.env, ...serverMemoryEnv(), NODE_ENV: mode === "dev" ? "development" : "production" },
  }));
  let announced = false;
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      announce(port, getEnv().DEMO_MODE);
    }
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    say(`The app server stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping.`);
    shutdown(code ? code : 1);
  });
  setInterval(() => void checkpointAudit(), CHECKPOINT_INTERVAL_MS).unref();
}

function readLocalSecrets(dataDir: string) {
  try {
    return loadOrCreateLocalSecrets(dataDir);
  } catch {
    throw new StartupError(`The data folder ${dataDir} cannot be created or written; choose another with QAMQOR_DATA_DIR.`);
  }
}

function announce(port: string, demo: boolean): void {
  say("");
  say(`Qamqor is running at http://localhost:${port}`);
  if (demo) {
    say("Demo sign-ins (demo mode only):");
    for (const account of DEMO_ACCOUNTS) say(`  ${account.role.padEnd(11)} ${account.email}  /  ${account.password}`);
  }
  say("Stop with Ctrl+C.");
}

/** Path of a package file as Node resolves it (the Next.js CLI has no .js extension). */
function require_(specifier: string): string {
  return createRequire(import.meta.url).resolve(specifier);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new StartupError("Building the app failed; see the messages above."))));
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // One line: "The configuration is not valid: DATABASE_URL must look like …"
    console.error(`[qamqor] ${error.message.replace(/:\n\s+/, ": ").replace(/\n\s+/g, " ")}`);
  } else if (error instanceof StartupError || error instanceof MigrationError) {
    console.error(`[qamqor] ${error.message}`);
  } else {
    console.error(`[qamqor] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
