// A database that restarts under load: every write is either acknowledged and kept exactly once, or
// refused with 503 + Retry-After and a translated "nothing was saved" — never a 500, never a duplicate,
// never a refused write that exists after all. The app reconnects by itself.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPersonRoute } from "../../app/api/v1/people/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { disconnectDb } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { loadMessages } from "../../lib/i18n/messages";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { createDatabaseIfMissing, prepareDatabase } from "../../scripts/lib/prepare-database";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

const CLIENTS = 4;
const APP_PASSWORD = "fault-test-app-password";

/** pg_ctl of the embedded server's binaries, run as the user that owns the data folder. */
async function pgCtl(dataDir: string, args: string[]): Promise<void> {
  const { pg_ctl: bin } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  const asPostgres = process.getuid?.() === 0;
  const uid = asPostgres ? Number(execFileSync("id", ["-u", "postgres"]).toString().trim()) : undefined;
  const gid = asPostgres ? Number(execFileSync("id", ["-g", "postgres"]).toString().trim()) : undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["-D", dataDir, "-w", "-t", "60", ...args], { uid, gid, stdio: "ignore", detached: true });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${args.join(" ")} exited with ${code}`))));
  });
}

interface Outcome {
  name: string;
  status: number;
  retryAfter: string | null;
  message?: string;
}

describe("a PostgreSQL restart in the middle of writes", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "qamqor-db-restart-"));
  const dataDir = path.join(root, "pg");
  let server: EmbeddedServer;
  let token: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, APP_DATABASE_URL: process.env.APP_DATABASE_URL };

  beforeAll(async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    server = await startEmbeddedPostgres({ dataDir, port, password: "fault-test", persistent: true });
    const ownerUrl = server.urlFor("qamqor");
    await createDatabaseIfMissing(ownerUrl);
    await prepareDatabase({ ownerUrl, appPassword: APP_PASSWORD });
    await disconnectDb();
    process.env.DATABASE_URL = ownerUrl;
    process.env.APP_DATABASE_URL = server.urlFor("qamqor", { name: "qamqor_app", password: APP_PASSWORD });
    resetEnvCache();
    const member = await createMember(await createOrg("Restart group", "RS"), "COORDINATOR");
    token = `qmq_${randomBytes(32).toString("base64url")}`;
    await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'fault', $3)`, [
      member.organizationId,
      member.userId,
      hashApiToken(token),
    ]);
  }, 120_000);

  afterAll(async () => {
    await disconnectDb();
    Object.assign(process.env, saved);
    resetEnvCache();
    // pg_ctl restarted the server outside the package's control (whose stop() would wait for a process
    // that is gone), so stop it the same way.
    if (server) await pgCtl(dataDir, ["stop", "-m", "fast"]).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it("keeps every acknowledged write exactly once, refuses the others with 503 and saves none of them, and recovers by itself", async () => {
    const outcomes: Outcome[] = [];
    let restarted = false;
    let acknowledgedAfterRestart = 0;
    const write = async (name: string): Promise<void> => {
      const response = await createPersonRoute(
        new Request("http://localhost/api/v1/people", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en" },
          body: JSON.stringify({ names: [{ value: name }] }),
        }),
        { params: Promise.resolve({}) },
      );
      const body = (await response.json()) as { error?: { message: string } };
      outcomes.push({ name, status: response.status, retryAfter: response.headers.get("retry-after"), message: body.error?.message });
      if (restarted && response.status === 201) acknowledgedAfterRestart += 1;
    };

    let aborted = false;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; ; i += 1) {
        if (aborted || (restarted && acknowledgedAfterRestart >= 20)) return;
        if (i > 2000) throw new Error("the app never recovered");
        await write(`Restart Person ${client}x${i}`);
        // While refused, retry a little later, as a client honouring Retry-After would (sooner here).
        if (outcomes.at(-1)?.status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const restart = (async () => {
      while (outcomes.filter((o) => o.status === 201).length < 30) await new Promise((resolve) => setTimeout(resolve, 10));
      await pgCtl(dataDir, ["restart", "-m", "immediate"]);
      restarted = true;
    })().catch((error: unknown) => {
      aborted = true;
      throw error;
    });
    await Promise.all([...clients, restart]);

    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    expect(statuses.every((s) => s === 201 || s === 503), `statuses seen: ${statuses.join(", ")}`).toBe(true);
    const refused = outcomes.filter((o) => o.status === 503);
    const acknowledged = outcomes.filter((o) => o.status === 201);
    expect(acknowledged.length).toBeGreaterThanOrEqual(50);
    expect(refused.length).toBeGreaterThan(0);
    const messages = await loadMessages("en");
    for (const o of refused) {
      expect(o.retryAfter).toBe("5");
      expect(o.message).toBe((messages.errors as Record<string, string>).unavailable);
    }

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ displayName: string; n: string }>(
      `SELECT "displayName", count(*) AS n FROM people WHERE "displayName" LIKE 'Restart Person %' GROUP BY 1`,
    );
    await client.end();
    const stored = new Map(rows.map((r) => [r.displayName, Number(r.n)]));
    for (const o of acknowledged) expect(stored.get(o.name), o.name).toBe(1);
    for (const o of refused) expect(stored.get(o.name), o.name).toBeUndefined();
    expect(stored.size).toBe(acknowledged.length);
    console.log(`database restart: ${acknowledged.length} writes acknowledged, ${refused.length} refused with 503`);
  }, 180_000);
});
