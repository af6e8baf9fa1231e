// A server told to stop while a background job runs: the runner takes no new job, lets the running one
// finish within its grace period, and gives one that outlasts it back to the queue, where it runs again
// and is finished exactly once. The job is held mid-run by a lock on the table its report reads.
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { storedFilePath } from "@/lib/files/storage";
import { enqueueJob, whenJobsSettled } from "@/lib/jobs/queue";
import { runQueuedJobsOnce, startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { writeFixtureCases, type FixtureCase } from "../helpers/report-fixtures";

const fixture = (n: string): FixtureCase => ({
  level: "PUBLIC",
  names: [`Asqar Stop${n}`],
  relativeName: `Aigul Stop${n}`,
  phone: `+7 701 000 00${n}`,
  birthDate: "1979-03-04",
  summary: `summary ${n}`,
  eventDescription: `event ${n}`,
  facility: `facility ${n}`,
  placeText: `village ${n}`,
  sourceTitle: `source ${n}`,
  advocacyResponse: `response ${n}`,
  policeDescription: `police ${n}`,
  lawyer: `lawyer ${n}`,
});

let org: TestOrg;
let coordinator: TestMember;
const registerJob = () => ({ kind: "report" as const, payload: { kind: "register", format: "csv", from: null, to: null }, total: 1 });

beforeAll(async () => {
  org = await createOrg("Shutdown group", "SD");
  coordinator = await createMember(org, "COORDINATOR");
  await writeFixtureCases(org.id, "SD", [fixture("01")]);
});

afterEach(async () => {
  await stopJobWorker(1_000);
});

/** Holds an exclusive lock on the police actions (which the register report reads) until released. */
async function holdReportTable(): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE police_actions IN ACCESS EXCLUSIVE MODE");
  return {
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

const jobRow = async (id: string) =>
  (await ownerQuery<{ status: string; attempts: number; storageKey: string | null }>(`SELECT status::text, attempts, "storageKey" FROM jobs WHERE id = $1`, [id]))[0]!;

/** The run is blocked inside the report, waiting for the table lock. */
const blockedOnLock = async () =>
  (await ownerQuery(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND usename = 'qamqor_app'`)).length > 0;

/** Queue entries for a job that some runner may still take. */
const runnableEntries = async (id: string) =>
  Number(
    (await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = $1 AND locked_at IS NULL AND attempts < max_attempts`, [id]))[0]!.n,
  );

const storedFiles = () => {
  try {
    return readdirSync(path.dirname(storedFilePath(org.id, "0".repeat(32))));
  } catch {
    return [];
  }
};

describe("stopping the job runner", () => {
  it("lets a running job finish, takes no job queued after the stop began, and leaves that one queued for the next runner", async () => {
    const lock = await holdReportTable();
    const running = await enqueueJob(coordinator, registerJob());
    await startJobWorker();
    await until(async () => (await jobRow(running.id)).status === "RUNNING", "the job to start");
    await until(blockedOnLock, "the report to wait for the lock");

    const stopping = stopJobWorker(20_000);
    const later = await enqueueJob(coordinator, registerJob());
    await lock.release();
    expect(await stopping).toBe("finished");

    expect(await jobRow(running.id)).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(await jobRow(later.id)).toMatchObject({ status: "QUEUED", attempts: 0 });
    expect(await runnableEntries(later.id)).toBe(1);
    await runQueuedJobsOnce();
    expect(await jobRow(later.id)).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
  });

  it("gives a job that outlasts the grace period back to the queue; the interrupted run keeps nothing and the job is finished once", async () => {
    const filesBefore = storedFiles().length;
    const lock = await holdReportTable();
    const job = await enqueueJob(coordinator, registerJob());
    await startJobWorker();
    await until(async () => (await jobRow(job.id)).status === "RUNNING", "the job to start");
    await until(blockedOnLock, "the report to wait for the lock");

    expect(await stopJobWorker(200)).toBe("released");
    expect(await jobRow(job.id)).toMatchObject({ status: "QUEUED", attempts: 1, storageKey: null });
    expect(await runnableEntries(job.id)).toBe(1);

    // the interrupted run gets its lock and goes on, but may no longer touch the job
    await lock.release();
    await whenJobsSettled();
    expect(await jobRow(job.id)).toMatchObject({ status: "QUEUED", storageKey: null });
    expect(storedFiles()).toHaveLength(filesBefore);

    await runQueuedJobsOnce();
    const done = await jobRow(job.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(storedFiles()).toEqual(expect.arrayContaining([done.storageKey]));
    expect(storedFiles()).toHaveLength(filesBefore + 1);
    expect(await runnableEntries(job.id)).toBe(0);
  });
});
