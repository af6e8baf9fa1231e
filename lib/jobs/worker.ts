// The queue runner, started inside the app server (instrumentation.ts), so `npm start` needs nothing
// more. graphile-worker takes queue entries with SKIP LOCKED, so any number of app instances may run
// it; each job's row is claimed once more by runJob. It connects as the app role: the queue's schema
// is installed and granted by the database owner (scripts/lib/prepare-database.ts).
import "server-only";
import pg from "pg";
import { Logger, run, runOnce, type Runner, type TaskList } from "graphile-worker";
import { appDatabaseUrl } from "@/lib/env";
import { cleanupExpiredImportUploads } from "@/lib/imports/delete-upload";
import { onShutdown } from "@/lib/shutdown";
import { DUPLICATE_SCAN_TASK, requestPendingDuplicateScans, runDuplicateScanTask } from "@/lib/people/scan-duplicates";
import { TASK_IDENTIFIER, cleanupExpiredJobFiles, releaseRunningJobs, runJob, whenJobsSettled } from "./queue";

const CLEANUP_TASK = "qamqor_jobs_cleanup";
/** How long a shutdown waits for running jobs before it gives them back to the queue. */
export const JOB_STOP_MS = 20_000;

const taskList: TaskList = {
  [TASK_IDENTIFIER]: async (payload) => {
    const { jobId, organizationId } = payload as { jobId?: string; organizationId?: string };
    if (jobId && organizationId) await runJob(jobId, organizationId);
  },
  [CLEANUP_TASK]: async () => {
    await cleanupExpiredJobFiles();
    await cleanupExpiredImportUploads();
  },
  // likely duplicates among people who arrived in bulk (lib/people/scan-duplicates.ts)
  [DUPLICATE_SCAN_TASK]: async (payload) => {
    await runDuplicateScanTask((payload ?? {}) as Record<string, unknown>);
  },
};

// only errors: the runner's own info lines would name job ids on every poll
const logger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[jobs] ${message}`);
});

const globalForWorker = globalThis as unknown as { qamqorWorker?: Promise<Runner | null>; qamqorWorkerPool?: pg.Pool };

function pool(): pg.Pool {
  const created = new pg.Pool({ connectionString: appDatabaseUrl(), max: 3 });
  // a dropped idle connection is replaced on the next poll; it must not crash the server
  created.on("error", (error) => console.error("[jobs] database connection lost:", error.message));
  created.on("connect", (client) => client.on("error", (error) => console.error("[jobs] database connection lost:", error.message)));
  return created;
}

/** Starts the runner once per process; expired files are cleaned up every quarter of an hour. */
export function startJobWorker(): Promise<Runner | null> {
  if (globalForWorker.qamqorWorker) return globalForWorker.qamqorWorker;
  const pgPool = (globalForWorker.qamqorWorkerPool = pool());
  globalForWorker.qamqorWorker = run({
    pgPool,
    taskList,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 2_000,
    crontab: `*/15 * * * * ${CLEANUP_TASK}`,
    logger,
  }).then((runner) => {
    // organisations never scanned for duplicates (older data, a restore) are scanned once the runner is up
    requestPendingDuplicateScans().catch((error: unknown) => console.error("[jobs] could not queue the duplicate scans:", error));
    return runner;
  }).catch((error: unknown) => {
    console.error("The background job runner could not start; reports over the immediate limit will wait.", error);
    globalForWorker.qamqorWorker = undefined;
    return null;
  });
  // the server script runs this on SIGTERM, before the process exits
  onShutdown("jobs", () => stopJobWorker());
  return globalForWorker.qamqorWorker;
}

/**
 * Stops the runner: it takes no more jobs and lets the running ones finish for up to `graceMs`; jobs still
 * running then are given back to the queue (to run again from the start, here after a restart or on
 * another instance) and the runner is stopped outright. Either way no job is lost or finished twice.
 */
export async function stopJobWorker(graceMs: number = JOB_STOP_MS): Promise<"finished" | "released" | "not running"> {
  const starting = globalForWorker.qamqorWorker;
  globalForWorker.qamqorWorker = undefined;
  const runner = await starting;
  const pgPool = globalForWorker.qamqorWorkerPool;
  globalForWorker.qamqorWorkerPool = undefined;
  if (!runner) {
    await pgPool?.end().catch(() => {});
    return "not running";
  }
  let timer: NodeJS.Timeout | undefined;
  // a stop that fails is treated like one that took too long
  const stopped = runner.stop().then(() => "finished" as const, () => "late" as const);
  const outcome = await Promise.race([stopped, new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), graceMs)))]);
  clearTimeout(timer);
  if (outcome === "late") {
    const released = await releaseRunningJobs();
    console.error(`[jobs] ${released} running job(s) did not finish in time and went back to the queue`);
    await runner.kill().catch(() => {});
  }
  if (outcome === "finished") {
    await pgPool?.end().catch(() => {});
    return outcome;
  }
  // the interrupted run may still end on its own, and the runner then records that on this pool
  void whenJobsSettled()
    .then(() => new Promise((resolve) => setTimeout(resolve, 1_000).unref()))
    .then(() => pgPool?.end())
    .catch(() => {});
  return "released";
}

/** Runs whatever is queued now, then returns (tests, scripts). */
export async function runQueuedJobsOnce(): Promise<void> {
  const pgPool = pool();
  try {
    await runOnce({ pgPool, taskList, logger });
  } finally {
    await pgPool.end();
  }
}

