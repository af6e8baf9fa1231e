// Asking for an organisation archive and downloading it: only admins, and the file goes once, to the
// admin who asked, encrypted with the passphrase given at download (never stored).
import "server-only";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { removeStored } from "@/lib/files/storage";
import { enqueueJob, getJob, readJobFile, toJobView, type JobView } from "@/lib/jobs/queue";
import { archivePassphraseSchema } from "@/lib/validations/archive";
import { parseInput } from "@/lib/service-kit";
import { openZipReader, openZipWriter } from "./zip-io";

export async function requestArchiveExport(ctx: Ctx): Promise<JobView> {
  authorize(ctx, "archive.export");
  return enqueueJob(ctx, { kind: "archive", payload: {} });
}

/** The caller's own archive exports, newest first. */
export async function findArchiveExports(ctx: Ctx): Promise<JobView[]> {
  authorize(ctx, "archive.export");
  const rows = await withTenant(ctx, (tx) =>
    tx.job.findMany({ where: { organizationId: ctx.organizationId, type: "archive", createdById: ctx.userId }, orderBy: { createdAt: "desc" }, take: 20 }),
  );
  return rows.map(toJobView);
}

/** One of the caller's own archive exports, with its progress. */
export async function getArchiveExport(ctx: Ctx, jobId: string): Promise<JobView> {
  authorize(ctx, "archive.export");
  const job = await getJob(ctx, jobId);
  if (job.kind !== "archive" || job.createdById !== ctx.userId) throw notFound("job");
  return job;
}

export interface ArchiveDownload {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
}

/**
 * The finished archive, re-written entry by entry into a ZIP encrypted with the passphrase (WinZip
 * AES-256). Then the stored file is deleted: a second download finds nothing.
 */
export async function downloadArchive(ctx: Ctx, jobId: string, input: unknown): Promise<ArchiveDownload> {
  authorize(ctx, "archive.export");
  const { passphrase } = parseInput(archivePassphraseSchema, input ?? {});
  let storageKey: string | null = null;
  const file = await readJobFile(ctx, jobId, async (tx, job) => {
    // another admin's archive is not found, like a job of another organisation
    if (job.kind !== "archive" || job.createdById !== ctx.userId) throw notFound("job");
    storageKey = (await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { storageKey: true } })).storageKey;
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.key === "reportExpired") throw new AppError("NOT_FOUND", "This archive was already downloaded or has expired.", { key: "archiveGone" });
    if (error instanceof AppError && error.key === "reportNotReady") throw new AppError("CONFLICT", "The archive is not ready yet.", { key: "archiveNotReady" });
    throw error;
  });
  const bytes = await encryptWithPassphrase(file.bytes, passphrase);
  const taken = await withTenant(ctx, async (tx) => {
    // only one download wins when two race: the one that still finds the file
    const result = await tx.job.updateMany({ where: { id: jobId, storageKey }, data: { storageKey: null, keyId: null } });
    if (result.count !== 1) return false;
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "archive.download", entityType: "Job", entityId: jobId, metadata: { records: file.job.recordCount, bytes: bytes.length }, ipHash: ctx.ipHash });
    return true;
  });
  if (!taken || !storageKey) throw new AppError("NOT_FOUND", "This archive was already downloaded or has expired.", { key: "archiveGone" });
  await removeStored(ctx.organizationId, storageKey);
  return { bytes, fileName: file.fileName, mimeType: "application/zip" };
}

async function encryptWithPassphrase(plain: Buffer, passphrase: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qamqor-archive-"));
  try {
    const source = path.join(dir, "plain.zip");
    const target = path.join(dir, "archive.zip");
    await writeFile(source, plain, { mode: 0o600 });
    const reader = await openZipReader(source, undefined);
    const writer = openZipWriter(target, passphrase);
    try {
      for (const name of reader.entries.keys()) await writer.addStream(name, reader.chunks(name));
    } finally {
      await reader.close();
    }
    await writer.close();
    return await readFile(target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
