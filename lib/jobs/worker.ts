// The queue runner, started inside the app server (instrumentation.ts), so `npm start` needs nothing
// more. graphile-worker takes queue entries with SKIP LOCKED, so any number of app instances may run
// it; each job's row is claimed once more by runJob. It connects as the app role: the queue's schema
// is installed and granted by the database owner (scripts/lib/prepare-database.ts).
import "server-only";
import pg from "pg";
import { Logger, run, runOnce, type Runner, type TaskList } from "graphile-worker";
import { appDatabaseUrl } from "@/lib/env";
import { TASK_IDENTIFIER, cleanupExpiredJobFiles, runJob } from "./queue";

const CLEANUP_TASK = "qamqor_jobs_cleanup";

const taskList: TaskList = {
  [TASK_IDENTIFIER]: async (payload) => {
    const { jobId, organizationId } = payload as { jobId?: string; organizationId?: string };
    if (jobId && organizationId) await runJob(jobId, organizationId);
  },
  [CLEANUP_TASK]: async () => {
    await cleanupExpiredJobFiles();
  },
};

// only errors: the runner's own info lines would name job ids on every poll
const logger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[jobs] ${message}`);
});

const globalForWorker = globalThis as unknown as { qamqorWorker?: Promise<Runner | null> };


function pool(): pg.Pool {
  const created = new pg.Pool({ connectionString: appDatabaseUrl(), max: 3 });
  // a dropped idle connection is replaced on the next poll; it must not crash the server
  created.on("error", (error) => console.error("[jobs] database connection lost:", error.message));
  created.on("connect", (client) => client.on("error", (error) => console.error("[jobs] database connection lost:", error.message)));
  return created;
}

/** Starts the runner once per process; expired files are cleaned up every quarter of an hour. */
export function startJobWorker(): Promise<Runner | null> {
  globalForWorker.qamqorWorker ??= run({
    pgPool: pool(),
    taskList,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 2_000,
    crontab: `*/15 * * * * ${CLEANUP_TASK}`,
    logger,
  }).catch((error: unknown) => {
    console.error("The background job runner could not start; reports over the immediate limit will wait.", error);
    globalForWorker.qamqorWorker = undefined;
    return null;
  });
  return globalForWorker.qamqorWorker;
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

