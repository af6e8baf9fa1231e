// Background jobs. The `jobs` table is what people see and what the audit names (owner, kind, filter,
// progress, state, the encrypted file and its expiry); graphile-worker (its own schema, installed by the
// database owner in prepare-database) only runs them. API:
//   enqueueJob(ctx, { kind, payload, total })   → JobView   (row + queue entry in one transaction)
//   findMyJobs(ctx) / getJob(ctx, id)           → JobView[] / JobView (own jobs; admins see all)
//   cancelJob(ctx, id) / retryJob(ctx, id)      → JobView
//   readJobFile(ctx, id)                         → the decrypted file (audited by the caller's kind)
//   runJob(jobId, organizationId)               → runs one job (the worker's task; tests call it)
//   releaseRunningJobs() / whenJobsSettled()     → shutdown: give this process's running jobs back / wait for them
//   cleanupExpiredJobFiles(now)                  → deletes files past their expiry in every organisation
// Handlers per kind live in ./kinds.ts; a handler gets the owner's context re-read at run time, so a
// member whose role changed or who was deactivated meanwhile does not get the old rights.
import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { audit } from "@/lib/audit";
import { type Ctx, jobScope, membershipScope } from "@/lib/authz";
import { db, withTenant, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { jobFileContext, newStorageKey, readDecryptedFile, removeStored, writeEncryptedFile, writeEncryptedStream } from "@/lib/files/storage";
import type { JobStatus } from "@/lib/generated/prisma/enums";
import { jobKinds, type JobKind, type JobKindSpec, type JobOutput } from "./kinds";

export const TASK_IDENTIFIER = "qamqor_job";
const DAY_MS = 86_400_000;

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number | null;
  /** 0..100 */
  percent: number;
  filter: Record<string, unknown>;
  error: string | null;
  /** what a finished job did, in counts (imports: created, linked, skipped) */
  result: Record<string, unknown> | null;
  attempts: number;
  recordCount: number | null;
  fileName: string | null;
  sizeBytes: number | null;
  /** true while a finished file is still kept */
  fileAvailable: boolean;
  expiresAt: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdById: string | null;
}

type JobRow = Awaited<ReturnType<Tx["job"]["findFirstOrThrow"]>>;

export function toJobView(row: JobRow): JobView {
  const percent = row.status === "SUCCEEDED" ? 100 : row.total ? Math.min(99, Math.floor((row.progress / row.total) * 100)) : 0;
  return {
    id: row.id,
    kind: row.type,
    status: row.status,
    progress: row.progress,
    total: row.total,
    percent,
    // a kind's secrets for its run (an archive import's passphrase, sealed) are never shown
    filter: withoutSealed((row.payload ?? {}) as Record<string, unknown>),
    error: row.error,
    result: (row.result ?? null) as Record<string, unknown> | null,
    attempts: row.attempts,
    recordCount: row.recordCount,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    fileAvailable: Boolean(row.storageKey),
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    createdById: row.createdById,
  };
}

function withoutSealed(payload: Record<string, unknown>): Record<string, unknown> {
  const { sealed: _sealed, ...visible } = payload;
  return visible;
}

async function addToQueue(tx: Tx, jobId: string, organizationId: string): Promise<void> {
  // the queue entry is written in the same transaction as the row: no job without its run, no run without its job
  await tx.$executeRaw`SELECT graphile_worker.add_job(${TASK_IDENTIFIER}::text, json_build_object('jobId', ${jobId}::text, 'organizationId', ${organizationId}::text), max_attempts => 1, job_key => ${jobId}::text)`;
}

export async function enqueueJob(ctx: Ctx, input: { kind: JobKind; payload: Record<string, unknown>; total?: number | null }): Promise<JobView> {
  const kind = jobKinds[input.kind];
  kind.authorize(ctx);
  return withTenant(ctx, async (tx) => {
    const id = randomUUID();
    const row = await tx.job.create({
      data: { id, organizationId: ctx.organizationId, type: input.kind, payload: input.payload as object, total: input.total ?? null, createdById: ctx.userId },
    });
    await addToQueue(tx, id, ctx.organizationId);
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "job.enqueue", entityType: "Job", entityId: id, metadata: { kind: input.kind, ...kind.auditedFilter(input.payload), records: input.total ?? null }, ipHash: ctx.ipHash });
    return toJobView(row);
  });
}

export async function findMyJobs(ctx: Ctx, options: { take?: number } = {}): Promise<JobView[]> {
  return withTenant(ctx, async (tx) => (await tx.job.findMany({ where: jobScope(ctx), orderBy: { createdAt: "desc" }, take: options.take ?? 20 })).map(toJobView));
}

export async function getJob(ctx: Ctx, jobId: string): Promise<JobView> {
  if (!isUuid(jobId)) throw notFound("job");
  return withTenant(ctx, async (tx) => {
    const row = await tx.job.findFirst({ where: { id: jobId, ...jobScope(ctx) } });
    if (!row) throw notFound("job");
    return toJobView(row);
  });
}

export async function cancelJob(ctx: Ctx, jobId: string): Promise<JobView> {
  if (!isUuid(jobId)) throw notFound("job");
  return withTenant(ctx, async (tx) => {
    const row = await tx.job.findFirst({ where: { id: jobId, ...jobScope(ctx) } });
    if (!row) throw notFound("job");
    if (row.status !== "QUEUED" && row.status !== "RUNNING") return toJobView(row);
    // a running job sees this between batches and stops; a queued one is skipped when its turn comes.
    // A job that has already written its result (an import's transaction, which takes this row's lock
    // to write it) is past cancelling: the update waits for that transaction and then matches nothing.
    const cancelled = await tx.$queryRaw<unknown[]>`
      UPDATE jobs SET status = 'CANCELLED', "finishedAt" = now()
       WHERE id = ${jobId}::uuid AND status IN ('QUEUED', 'RUNNING') AND result IS NULL
      RETURNING id`;
    const updated = await tx.job.findUniqueOrThrow({ where: { id: jobId } });
    if (cancelled.length === 0) return toJobView(updated);
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "job.cancel", entityType: "Job", entityId: jobId, ipHash: ctx.ipHash });
    // a job that never ran leaves nothing behind (an archive import's upload and sealed passphrase); a
    // running one cleans up itself when it notices the cancel
    if (row.status === "QUEUED") await (jobKinds[row.type as JobKind] as JobKindSpec | undefined)?.discard?.(tx, row.organizationId, jobId, (row.payload ?? {}) as Record<string, unknown>);
    return toJobView(updated);
  });
}

export async function retryJob(ctx: Ctx, jobId: string): Promise<JobView> {
  if (!isUuid(jobId)) throw notFound("job");
  return withTenant(ctx, async (tx) => {
    const row = await tx.job.findFirst({ where: { id: jobId, ...jobScope(ctx) } });
    if (!row) throw notFound("job");
    if (row.status !== "FAILED" && row.status !== "CANCELLED") throw new AppError("CONFLICT", "Only a failed or cancelled job can be retried.", { key: "conflict" });
    jobKinds[row.type as JobKind]?.authorize(ctx);
    const updated = await tx.job.update({ where: { id: jobId }, data: { status: "QUEUED", progress: 0, error: null, startedAt: null, finishedAt: null, runAfter: new Date() } });
    await addToQueue(tx, jobId, ctx.organizationId);
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "job.retry", entityType: "Job", entityId: jobId, ipHash: ctx.ipHash });
    return toJobView(updated);
  });
}

export interface JobFile {
  job: JobView;
  bytes: Buffer;
  fileName: string;
  mimeType: string;
}

/** The finished file of one's own job, decrypted; the caller audits the download with its meaning. */
export async function readJobFile(ctx: Ctx, jobId: string, onRead?: (tx: Tx, job: JobView) => Promise<void>): Promise<JobFile> {
  if (!isUuid(jobId)) throw notFound("job");
  return withTenant(ctx, async (tx) => {
    const row = await tx.job.findFirst({ where: { id: jobId, ...jobScope(ctx) } });
    if (!row) throw notFound("job");
    if (row.status !== "SUCCEEDED") throw new AppError("CONFLICT", "This report is not ready yet.", { key: "reportNotReady" });
    if (!row.storageKey || !row.keyId || (row.expiresAt && row.expiresAt < new Date())) throw new AppError("NOT_FOUND", "The file has expired.", { key: "reportExpired" });
    const bytes = await readDecryptedFile(row.organizationId, row.storageKey, jobFileContext(row.id), row.keyId);
    const job = toJobView(row);
    await onRead?.(tx, job);
    return { job, bytes, fileName: row.fileName ?? "report", mimeType: row.mimeType ?? "application/octet-stream" };
  });
}

/** Thrown by a job's progress report (or its own last check) when the job was cancelled: the run stops and keeps nothing. */
export class JobCancelled extends Error {}

/**
 * The jobs this process is running now. A job's claim increments its attempt count, and every later write
 * of the run names that attempt: a run that was released at shutdown (and claimed again elsewhere) can
 * no longer touch the row, so a job is never finished twice.
 */
interface ActiveJob {
  jobId: string;
  organizationId: string;
  /** the attempt this process claimed; null until the claim is made */
  attempt: number | null;
  done: Promise<void>;
}
const globalForJobs = globalThis as unknown as { qamqorActiveJobs?: Set<ActiveJob> };
const active = (globalForJobs.qamqorActiveJobs ??= new Set());

/**
 * Runs one job: claims the row (QUEUED → RUNNING), runs its kind's handler as the owner with progress
 * reports that also notice a cancellation, stores the file encrypted and sets its expiry. Safe when two
 * app instances run workers: the claim is one conditional update, so only one of them proceeds.
 */
export async function runJob(jobId: string, organizationId: string): Promise<void> {
  const entry: ActiveJob = { jobId, organizationId, attempt: null, done: Promise.resolve() };
  active.add(entry);
  entry.done = runClaimed(entry);
  try {
    await entry.done;
  } finally {
    active.delete(entry);
  }
}

/** Resolves when every job this process runs has ended (finished, failed, cancelled or released). */
export async function whenJobsSettled(): Promise<void> {
  await Promise.allSettled([...active].map((entry) => entry.done));
}

/**
 * Gives the jobs this process still runs back to the queue (RUNNING → QUEUED with a new queue entry), for
 * a shutdown that cannot wait for them: another instance, or this one's next start, runs them again from
 * the beginning. Returns how many were released.
 */
export async function releaseRunningJobs(): Promise<number> {
  let released = 0;
  for (const { jobId, organizationId, attempt } of active) {
    if (attempt === null) continue;
    released += await withTenant({ organizationId }, async (tx) => {
      const result = await tx.job.updateMany({ where: { id: jobId, status: "RUNNING", attempts: attempt }, data: { status: "QUEUED", progress: 0, startedAt: null, lockedAt: null } });
      if (result.count === 1) await addToQueue(tx, jobId, organizationId);
      return result.count;
    });
  }
  return released;
}

async function runClaimed(entry: ActiveJob): Promise<void> {
  const { jobId, organizationId } = entry;
  const scope = { organizationId };
  const claimed = await withTenant(scope, async (tx) => {
    const result = await tx.job.updateMany({ where: { id: jobId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date(), lockedAt: new Date(), attempts: { increment: 1 } } });
    if (result.count !== 1) return null;
    const row = await tx.job.findUniqueOrThrow({ where: { id: jobId } });
    const membership = row.createdById
      ? await tx.membership.findFirst({ where: { ...membershipScope(scope, { active: true }), userId: row.createdById }, select: { role: true } })
      : null;
    return { row, role: membership?.role ?? null };
  });
  if (!claimed) return;
  const { row } = claimed;
  const attempt = row.attempts;
  entry.attempt = attempt;
  const ours = { id: jobId, status: "RUNNING" as const, attempts: attempt };
  const kind = jobKinds[row.type as JobKind];
  try {
    if (!kind || !claimed.role || !row.createdById) throw new AppError("FORBIDDEN", "The job's owner may no longer run it.");
    const ctx: Ctx = { userId: row.createdById, organizationId, role: claimed.role };
    kind.authorize(ctx);
    let lastWrite = 0;
    const progress = async (done: number, total?: number) => {
      const now = Date.now();
      if (now - lastWrite < 500 && (total === undefined || done < total)) return;
      lastWrite = now;
      const state = await withTenant(scope, async (tx) => {
        const current = await tx.job.updateMany({ where: ours, data: { progress: done, ...(total !== undefined ? { total } : {}) } });
        return current.count === 1;
      });
      // cancelled, or released at shutdown: this run stops here
      if (!state) throw new JobCancelled();
    };
    const output: JobOutput = await kind.run(ctx, row.payload as Record<string, unknown>, { jobId, progress });
    if ("result" in output) {
      // a job whose outcome is its result (an archive import) keeps no file
      await withTenant(scope, (tx) =>
        tx.job.updateMany({ where: ours, data: { status: "SUCCEEDED", progress: output.records, total: output.records, recordCount: output.records, result: output.result as object, finishedAt: new Date() } }),
      );
      return;
    }
    const storageKey = newStorageKey();
    let sizeBytes: number;
    let keyId: string;
    if ("path" in output) {
      // a large file (an archive) goes from disk to its encrypted store chunk by chunk
      try {
        ({ keyId, bytes: sizeBytes } = await writeEncryptedStream(organizationId, storageKey, jobFileContext(jobId), createReadStream(output.path)));
      } finally {
        await output.cleanup();
      }
    } else {
      ({ keyId } = await writeEncryptedFile(organizationId, storageKey, jobFileContext(jobId), output.bytes));
      sizeBytes = output.bytes.length;
    }
    const file = output;
    const stored = await withTenant(scope, async (tx) => {
      const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { reportRetentionDays: true } });
      const finishedAt = new Date();
      const result = await tx.job.updateMany({
        where: ours,
        data: {
          status: "SUCCEEDED",
          progress: file.records,
          total: file.records,
          recordCount: file.records,
          storageKey,
          keyId,
          fileName: file.fileName,
          mimeType: file.mimeType,
          sizeBytes,
          finishedAt,
          expiresAt: new Date(finishedAt.getTime() + org.reportRetentionDays * DAY_MS),
        },
      });
      return result.count === 1;
    });
    // cancelled or released while the file was being written: it is not kept
    if (!stored) await removeStored(organizationId, storageKey);
  } catch (error) {
    if (error instanceof JobCancelled) return;
    const message = error instanceof AppError ? error.key ?? error.code : "internal";
    await withTenant(scope, (tx) => tx.job.updateMany({ where: ours, data: { status: "FAILED", error: message, finishedAt: new Date() } }));
    if (!(error instanceof AppError)) console.error(`job ${jobId} failed`, error);
  }
}

/** Deletes files past their expiry (every organisation), keeping the rows for the list and the audit. */
export async function cleanupExpiredJobFiles(now: Date = new Date()): Promise<number> {
  const expired = await db().$queryRaw<{ id: string; organizationId: string; storageKey: string }[]>`SELECT * FROM app_expired_job_files(${now}::timestamptz, 500)`;
  for (const job of expired) {
    await withTenant({ organizationId: job.organizationId }, async (tx) => {
      await tx.job.updateMany({ where: { id: job.id, storageKey: job.storageKey }, data: { storageKey: null, keyId: null } });
      await audit(tx, { organizationId: job.organizationId, actorUserId: null, action: "job.file.expired", entityType: "Job", entityId: job.id });
    });
    await removeStored(job.organizationId, job.storageKey);
  }
  return expired.length;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
