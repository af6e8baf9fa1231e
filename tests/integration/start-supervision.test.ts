// `npm start` as a supervisor: it fails loudly when the app server dies, stops everything when
// whoever launched it is gone, and sees through a stale postmaster.pid whose pid now runs something else.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clearStalePidFile, pidFileIsStale } from "../../scripts/lib/embedded-postgres";
import { processFacts, processStartEpoch } from "../../scripts/lib/processes";
import { tsxArgs } from "../../scripts/lib/node-flags";

const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const step of cleanup) step();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-supervise-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A long-running process, optionally under another name (argv[0]), as a reused pid would be. */
function longRunning(name?: string): ChildProcess {
  const child = name ? spawn("bash", ["-c", `exec -a ${name} sleep 120`], { stdio: "ignore" }) : spawn("sleep", ["120"], { stdio: "ignore" });
  cleanup.push(() => child.kill("SIGKILL"));
  return child;
}

function writePidFile(dir: string, pid: number, startedAt: number): void {
  writeFileSync(path.join(dir, "postmaster.pid"), `${pid}\n${dir}\n${Math.round(startedAt)}\n54329\n\n127.0.0.1\n`);
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
};

describe("a stale postmaster.pid", () => {
  it("is recognised as stale when its pid is now an unrelated live process, and removed", async () => {
    const dir = tempDir();
    const other = longRunning();
    await until(() => processFacts(other.pid!)?.command.includes("sleep") ?? false, 5_000);
    writePidFile(dir, other.pid!, Date.now() / 1000);
    expect(pidFileIsStale(dir)).toBe(true);
    clearStalePidFile(dir);
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
  });

  it("is recognised as stale when its process is gone", async () => {
    const dir = tempDir();
    const gone = spawn("true");
    await new Promise((resolve) => gone.on("exit", resolve));
    writePidFile(dir, gone.pid!, Date.now() / 1000);
    expect(pidFileIsStale(dir)).toBe(true);
  });

  it("is stale when the pid runs a PostgreSQL that started at another time, and refused when it is the one that wrote the file", async () => {
    const dir = tempDir();
    const postgres = longRunning("postgres");
    await until(() => processFacts(postgres.pid!)?.command.startsWith("postgres") ?? false, 5_000);
    const startedAt = processStartEpoch(postgres.pid!) as number;
    expect(startedAt).toBeGreaterThan(0);
    writePidFile(dir, postgres.pid!, startedAt - 3_600);
    expect(pidFileIsStale(dir)).toBe(true);
    writePidFile(dir, postgres.pid!, startedAt);
    expect(pidFileIsStale(dir)).toBe(false);
    expect(() => clearStalePidFile(dir)).toThrow(/Another PostgreSQL \(process \d+\) is already using/);
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((candidate) => processFacts(candidate)?.parent === pid);
}

function descendantRunning(root: number, pattern: RegExp): number | undefined {
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of childrenOf(pid)) {
      if (pattern.test(processFacts(child)?.command ?? "")) return child;
      queue.push(child);
    }
  }
  return undefined;
}

const alive = (pid: number) => processFacts(pid) !== undefined && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

interface Started {
  launcher: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  supervisor: number;
  server: number;
}

/**
 * `tsx scripts/start.ts --dev` (or `npm run dev`) against this test file's database — or with its own
 * embedded PostgreSQL — until the app announces itself.
 */
async function startApp(via: "tsx" | "npm" = "tsx", database: "shared" | "embedded" = "shared"): Promise<Started> {
  const [command, args] = via === "npm" ? ["npm", ["run", "--silent", "dev"]] : [path.resolve("node_modules/.bin/tsx"), tsxArgs("scripts/start.ts", "--dev")];
  const dataDir = tempDir();
  // PostgreSQL runs as an unprivileged user when the tests run as root; it must reach the folder.
  chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), QAMQOR_DATA_DIR: dataDir, DEMO_MODE: "false", LOG_LEVEL: "warn" };
  if (database === "embedded") {
    for (const name of ["DATABASE_URL", "APP_DATABASE_URL", "AUTH_SECRET", "ENCRYPTION_KEYS", "ENCRYPTION_ACTIVE_KEY", "AUDIT_HMAC_KEY", "LOOKUP_HMAC_KEY"]) delete env[name];
    env.EMBEDDED_PG_PORT = String(await freePort());
  }
  const launcher = spawn(command as string, args as string[], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanup.push(() => launcher.kill("SIGKILL"));
  let output = "";
  launcher.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => launcher.on("exit", (code) => resolve(code)));
  const ready = await until(() => output.includes("Qamqor is running") || launcher.exitCode !== null, 120_000);
  expect(ready && launcher.exitCode === null, output).toBe(true);
  const supervisor = descendantRunning(launcher.pid!, /scripts\/start\.ts/) as number;
  const server = descendantRunning(supervisor, /next\/dist\/bin\/next/) as number;
  expect(supervisor, output).toBeGreaterThan(0);
  expect(server, output).toBeGreaterThan(0);
  cleanup.push(() => {
    for (const pid of [server, supervisor]) if (alive(pid)) process.kill(pid, "SIGKILL");
  });
  return { launcher, output: () => output, exit, supervisor, server };
}

describe("npm start as a supervisor", () => {
  it("exits non-zero when the app server dies, so a supervisor restarts it", async () => {
    const app = await startApp();
    process.kill(app.server, "SIGKILL");
    const code = await app.exit;
    expect(code, app.output()).not.toBe(0);
    expect(app.output()).toContain("The app server stopped unexpectedly (signal SIGKILL); stopping.");
    expect(alive(app.supervisor)).toBe(false);
  }, 150_000);

  it("exits non-zero when its embedded PostgreSQL dies, instead of serving without a database", async () => {
    const app = await startApp("tsx", "embedded");
    const postgres = descendantRunning(app.supervisor, /postgres -D /) as number;
    expect(postgres, app.output()).toBeGreaterThan(0);
    process.kill(postgres, "SIGKILL");
    const code = await app.exit;
    expect(code, app.output()).not.toBe(0);
    expect(app.output()).toContain("The embedded PostgreSQL server stopped unexpectedly (signal SIGKILL); stopping.");
    expect(await until(() => !alive(app.server) && !alive(app.supervisor), 20_000), app.output()).toBe(true);
  }, 180_000);

  it("stops the app server and itself when whoever launched it is killed outright", async () => {
    const app = await startApp();
    app.launcher.kill("SIGKILL");
    expect(await until(() => !alive(app.server) && !alive(app.supervisor), 20_000), app.output()).toBe(true);
  }, 150_000);

  it("stops the app server and itself on SIGTERM to npm alone, as Docker with npm as PID 1 sends it", async () => {
    const app = await startApp("npm");
    app.launcher.kill("SIGTERM");
    expect(await until(() => !alive(app.server) && !alive(app.supervisor), 20_000), app.output()).toBe(true);
  }, 150_000);

  it("stops the app server cleanly and exits 0 on SIGTERM to the launcher", async () => {
    const app = await startApp();
    app.launcher.kill("SIGTERM");
    expect(await until(() => !alive(app.server) && !alive(app.supervisor), 20_000), app.output()).toBe(true);
    expect(await app.exit).not.toBeGreaterThan(0);
  }, 150_000);
});
