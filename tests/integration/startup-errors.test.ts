// Runs the real start command as a separate process: what a person typing `npm start` would see.
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ownerQuery } from "../helpers/factories";
import { tsxArgs } from "../../scripts/lib/node-flags";

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-start-"));
  // PostgreSQL runs as an unprivileged user when the tests run as root; it must reach the folder.
  chmodSync(dir, 0o755);
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string | undefined>, args: string[] = ["--prepare-only"]): Promise<RunResult> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const began = Date.now();
  return new Promise((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      tsxArgs("scripts/start.ts", ...args),
      { env: merged, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, seconds: (Date.now() - began) / 1000 });
      },
    );
  });
}

function expectOneClearSentence(result: RunResult, pattern: RegExp): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
}

function occupyPort(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      resolve({ port: address.port, close: () => server.close() });
    });
  });
}

const withoutDatabase = { DATABASE_URL: undefined, APP_DATABASE_URL: undefined };

describe("npm start refuses bad input with one clear sentence", () => {
  it("names DATABASE_URL when it is malformed", async () => {
    const result = await start({ DATABASE_URL: "mysql//nowhere", QAMQOR_DATA_DIR: tempDir() });
    expectOneClearSentence(result, /DATABASE_URL must look like postgresql:\/\//);
  });

  it("says nothing is listening when the database cannot be reached", async () => {
    const result = await start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/qamqor", QAMQOR_DATA_DIR: tempDir() });
    expectOneClearSentence(result, /Cannot reach PostgreSQL at 127\.0\.0\.1:1: nothing is listening there/);
  });

  it("says the embedded database port is in use", async () => {
    const busy = await occupyPort();
    try {
      const result = await start({ ...withoutDatabase, QAMQOR_DATA_DIR: tempDir(), EMBEDDED_PG_PORT: String(busy.port) });
      expectOneClearSentence(result, new RegExp(`Port ${busy.port} is already in use; set EMBEDDED_PG_PORT`));
    } finally {
      busy.close();
    }
  });

  it("says the app's port is in use before touching the database", async () => {
    const busy = await occupyPort();
    try {
      const result = await start({ PORT: String(busy.port), QAMQOR_DATA_DIR: tempDir() }, []);
      expectOneClearSentence(result, new RegExp(`Port ${busy.port} is already in use; stop what runs there or set PORT`));
    } finally {
      busy.close();
    }
  });

  it("says the data folder cannot be written", async () => {
    const file = path.join(tempDir(), "a-file");
    writeFileSync(file, "not a folder");
    const result = await start({ ...withoutDatabase, QAMQOR_DATA_DIR: path.join(file, "data") });
    expectOneClearSentence(result, /The data folder .* cannot be created or written; choose another with QAMQOR_DATA_DIR\./);
  });
});

describe("npm start on a database that already has data", () => {
  it("loads the demo data once and reuses it on the next start", async () => {
    const env = { DEMO_MODE: "true", QAMQOR_DATA_DIR: tempDir() };
    const first = await start(env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Loaded the demo data.");
    const second = await start(env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain("Loaded the demo data.");
    const [row] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM organizations`);
    expect(Number(row?.n)).toBe(2);
  }, 120_000);

  it("keeps the embedded server's data folder and starts again quickly", async () => {
    const busy = await occupyPort();
    busy.close();
    const env = { ...withoutDatabase, QAMQOR_DATA_DIR: tempDir(), EMBEDDED_PG_PORT: String(busy.port) };
    const first = await start(env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Creating a new PostgreSQL data folder");
    expect(first.stdout).toContain("Loaded the demo data.");
    const second = await start(env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain("Creating a new PostgreSQL data folder");
    expect(second.stdout).not.toContain("Loaded the demo data.");
    expect(second.seconds).toBeLessThan(20);
  }, 180_000);
});
