// Two app instances on one database (tests/e2e/server.ts starts the second on E2E_PORT + 1): what one
// does, the other knows. A session made on one works on the other and ends on both when signed out,
// failed sign-ins count across both, a retried create with the same Idempotency-Key creates nothing on
// either, a background job enqueued on one runs exactly once on one of them, and the audit chain stays
// intact with both writing at once. (Starting together on a new database is tested in
// tests/integration/two-instances-start.test.ts.)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signInOverHttp, signOutOverHttp, type HttpSession } from "../../scripts/lib/http-sign-in";
import { testSecrets } from "../setup/test-env";
import { e2eDatabaseFile } from "./database";
import { E2E_ORGS, E2E_PASSWORD, E2E_USERS } from "./seed";
import { TSX_NODE_FLAGS } from "../../scripts/lib/node-flags";

const port = Number(process.env.E2E_PORT ?? 3100);
const A = `http://127.0.0.1:${port}`;
const B = `http://127.0.0.1:${port + 1}`;
// sign-in failures of this spec come from an address of their own, so no other spec is throttled
const address = { "x-forwarded-for": "198.51.100.23", "accept-language": "en" };

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let ownerUrl: string;

async function ownerQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const api = (base: string, session: HttpSession, pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${base}${pathname}`, {
    method: init.method ?? "GET",
    headers: { cookie: session.cookie, origin: base, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });

async function signedIn(base: string, email: string): Promise<HttpSession> {
  const answer = await signInOverHttp(base, email, E2E_PASSWORD);
  expect(answer.session, answer.error).toBeDefined();
  return answer.session!;
}

test.beforeAll(async () => {
  ownerUrl = (JSON.parse(readFileSync(e2eDatabaseFile(port), "utf8")) as { ownerUrl: string }).ownerUrl;
  // the second instance may still be starting (a development server compiles on first use)
  await expect.poll(async () => (await fetch(`${B}/api/health`).catch(() => null))?.status, { timeout: 180_000, intervals: [1_000] }).toBe(200);
});

test("a session made on one instance works on the other, and signing out on one ends it on both", async () => {
  const session = await signedIn(A, E2E_USERS.coordinator.email);
  const onB = await api(B, session, "/api/v1/me");
  expect(onB.status).toBe(200);
  expect(await onB.json()).toMatchObject({ userId: E2E_USERS.coordinator.id, role: "COORDINATOR" });

  await signOutOverHttp(A, session);
  expect((await api(A, session, "/api/v1/me")).status).toBe(401);
  expect((await api(B, session, "/api/v1/me")).status).toBe(401);

  // and the other way round
  const other = await signedIn(B, E2E_USERS.coordinator.email);
  expect((await api(A, other, "/api/v1/me")).status).toBe(200);
  await signOutOverHttp(B, other);
  expect((await api(A, other, "/api/v1/me")).status).toBe(401);
});

test("failed sign-ins are counted across both instances: after ten, split between them, either refuses the next", async () => {
  const email = "nobody-two-instances@e2e.test";
  const errors: string[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await signInOverHttp(attempt % 2 === 0 ? A : B, email, "wrong password", address);
    expect(answer.session).toBeUndefined();
    errors.push(answer.error ?? "");
  }
  expect(new Set(errors).size).toBe(1);
  expect(errors[0]).not.toMatch(/too many/i);
  for (const base of [A, B]) {
    const refused = await signInOverHttp(base, email, "wrong password", address);
    expect(refused.error).toMatch(/too many failed sign-ins/i);
  }
});

test("a create retried on the other instance with the same Idempotency-Key returns the first answer and makes nothing more", async () => {
  const session = await signedIn(A, E2E_USERS.coordinator.email);
  const key = crypto.randomUUID();
  const body = { subject: { person: { names: [{ value: "Nurlan Twoinstance" }] } } };
  const first = await api(A, session, "/api/v1/cases", { method: "POST", body, headers: { "idempotency-key": key } });
  expect(first.status).toBe(201);
  const created = (await first.json()) as { id: string; reference: string };

  const retried = await api(B, session, "/api/v1/cases", { method: "POST", body, headers: { "idempotency-key": key } });
  expect(retried.status).toBe(201);
  expect(retried.headers.get("idempotent-replayed")).toBe("true");
  expect(await retried.json()).toEqual(created);

  const changed = await api(B, session, "/api/v1/cases", { method: "POST", body: { subject: { person: { names: [{ value: "Someone Else" }] } } }, headers: { "idempotency-key": key } });
  expect(changed.status).toBe(422);
  const rows = await ownerQuery(`SELECT c.id FROM cases c JOIN people p ON p.id = c."subjectPersonId" WHERE p."displayName" = 'Nurlan Twoinstance'`);
  expect(rows).toHaveLength(1);
  await signOutOverHttp(A, session);
});

test("background reports enqueued on one instance are each run exactly once, by one of the two", async () => {
  const session = await signedIn(A, E2E_USERS.secondAdmin.email);
  const person = await api(A, session, "/api/v1/people", { method: "POST", body: { names: [{ value: "Serik Registerov" }] } });
  expect(person.status).toBe(201);
  const personId = ((await person.json()) as { id: string }).id;
  // more police actions than a report makes at once, so the register becomes a background job
  const added = await ownerQuery<{ id: string }>(
    `INSERT INTO police_actions ("organizationId", "personId", type, date, "updatedAt")
     SELECT $1, $2, (enum_range(NULL::"PoliceActionType"))[1], DATE '2024-01-01' + (n % 300), now() FROM generate_series(1, 520) AS n RETURNING id`,
    [E2E_ORGS.second.id, personId],
  );
  const before = Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL`, [E2E_ORGS.second.id]))[0]!.n);
  try {
    const jobIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      // as XLSX: a CSV register streams at once at any size
      const answer = await api(A, session, "/api/v1/reports", { method: "POST", body: { kind: "register", format: "xlsx" } });
      expect(answer.status).toBe(202);
      jobIds.push(((await answer.json()) as { job: { id: string } }).job.id);
    }
    for (const id of jobIds) {
      await expect
        .poll(async () => ((await (await api(B, session, `/api/v1/reports/jobs/${id}`)).json()) as { status: string }).status, { timeout: 120_000, intervals: [1_000] })
        .toBe("SUCCEEDED");
      const job = (await (await api(B, session, `/api/v1/reports/jobs/${id}`)).json()) as { attempts: number; recordCount: number };
      expect(job).toMatchObject({ attempts: 1, recordCount: before });
    }
    // nothing of them is left in the queue to run a second time
    const left = await ownerQuery(`SELECT id FROM graphile_worker.jobs WHERE key = ANY($1::text[])`, [jobIds]);
    expect(left).toEqual([]);
  } finally {
    await signOutOverHttp(A, session);
    await ownerQuery(`DELETE FROM police_actions WHERE id = ANY($1::uuid[])`, [added.map((row) => row.id)]);
  }
});

test("the audit chain stays intact while both instances write at once", async () => {
  const onA = await signedIn(A, E2E_USERS.coordinator.email);
  const onB = await signedIn(B, E2E_USERS.coordinator.email);
  const answers = await Promise.all(
    Array.from({ length: 16 }, (_, i) =>
      api(i % 2 === 0 ? A : B, i % 2 === 0 ? onA : onB, "/api/v1/cases", { method: "POST", body: { subject: { person: { names: [{ value: `Concurrent Writer ${i}` }] } } } }),
    ),
  );
  expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 16 }, () => 201));

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-e2e-audit-"));
  try {
    const verified = spawnSync(process.execPath, [...TSX_NODE_FLAGS, "scripts/audit-verify.ts"], {
      env: { ...process.env, ...testSecrets, DATABASE_URL: ownerUrl, QAMQOR_DATA_DIR: dataDir, NODE_ENV: "production" },
      encoding: "utf8",
    });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain("The audit log is intact");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await signOutOverHttp(A, onA);
  await signOutOverHttp(B, onB);
});
