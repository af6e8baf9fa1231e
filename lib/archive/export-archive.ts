// Asking for an organisation archive and downloading it: only admins, and the file goes once, to the
// admin who asked, encrypted with the passphrase given at download (never stored).
import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, jobScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { jobFileContext, readDecryptedStream, removeStored } from "@/lib/files/storage";
import { enqueueJob, getJob, toJobView, type JobView } from "@/lib/jobs/queue";
import { archivePassphraseSchema } from "@/lib/validations/archive";
import { parseInput } from "@/lib/service-kit";
import { openZipReader, zipWriterTo, type ArchiveZipReader } from "./zip-io";

export async function requestArchiveExport(ctx: Ctx): Promise<JobView> {
  authorize(ctx, "archive.export");
  return enqueueJob(ctx, { kind: "archive", payload: {} });
}

/** The caller's own archive exports, newest first. */
export async function findArchiveExports(ctx: Ctx): Promise<JobView[]> {
  authorize(ctx, "archive.export");
  const rows = await withTenant(ctx, (tx) =>
    tx.job.findMany({ where: { ...jobScope(ctx), type: "archive", createdById: ctx.userId }, orderBy: { createdAt: "desc" }, take: 20 }),
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
  /** the encrypted ZIP as it is written; pulling a chunk writes the next one */
  chunks: AsyncGenerator<Uint8Array>;
  fileName: string;
  mimeType: string;
}

const gone = () => new AppError("NOT_FOUND", "This archive was already downloaded or has expired.", { key: "archiveGone" });

/**
 * The finished archive, re-written entry by entry into a ZIP encrypted with the passphrase (WinZip
 * AES-256) while the answer is sent: memory holds a chunk, whatever the archive's size. The download is
 * claimed and audited first, so only one of two racing downloads gets it, and the stored file is deleted:
 * a second download (or a retry after a broken one) finds nothing and the admin exports again.
 */
export async function downloadArchive(ctx: Ctx, jobId: string, input: unknown): Promise<ArchiveDownload> {
  authorize(ctx, "archive.export");
  const { passphrase } = parseInput(archivePassphraseSchema, input ?? {});
  const job = await getArchiveExport(ctx, jobId);
  if (job.status !== "SUCCEEDED") throw new AppError("CONFLICT", "The archive is not ready yet.", { key: "archiveNotReady" });
  const claimed = await withTenant(ctx, async (tx) => {
    const row = await tx.job.findFirst({ where: { ...jobScope(ctx), id: jobId, createdById: ctx.userId, type: "archive" }, select: { storageKey: true, keyId: true, expiresAt: true, fileName: true, sizeBytes: true, recordCount: true } });
    if (!row?.storageKey || !row.keyId || (row.expiresAt && row.expiresAt < new Date())) return null;
    const result = await tx.job.updateMany({ where: { id: jobId, storageKey: row.storageKey }, data: { storageKey: null, keyId: null } });
    if (result.count !== 1) return null;
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "archive.download", entityType: "Job", entityId: jobId, metadata: { records: row.recordCount, bytes: row.sizeBytes }, ipHash: ctx.ipHash });
    return { storageKey: row.storageKey, keyId: row.keyId, fileName: row.fileName ?? "archive.zip" };
  });
  if (!claimed) throw gone();
  // zip.js seeks in the archive it copies from: the stored copy is decrypted into a private temporary
  // file first, its tag checked before anything is sent, and the stored file goes
  const dir = await mkdtemp(path.join(os.tmpdir(), "qamqor-archive-"));
  const plain = path.join(dir, "plain.zip");
  const removeDir = () => rm(dir, { recursive: true, force: true });
  let reader: ArchiveZipReader;
  try {
    await pipeline(Readable.from(readDecryptedStream(ctx.organizationId, claimed.storageKey, jobFileContext(jobId), claimed.keyId)), createWriteStream(plain, { mode: 0o600 }));
    reader = await openZipReader(plain, undefined);
  } catch (error) {
    await removeDir();
    throw error;
  } finally {
    await removeStored(ctx.organizationId, claimed.storageKey);
  }
  return { chunks: encryptedCopy(reader, passphrase, removeDir), fileName: claimed.fileName, mimeType: "application/zip" };
}

/** Copies every entry into a ZIP encrypted with the passphrase, yielding its bytes as zip.js writes them. */
async function* encryptedCopy(reader: ArchiveZipReader, passphrase: string, cleanup: () => Promise<void>): AsyncGenerator<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = zipWriterTo(writable, passphrase);
  const written = (async () => {
    for (const name of reader.entries.keys()) await writer.addStream(name, reader.chunks(name));
    await writer.close();
  })();
  // a failure while writing ends the download with an error, never as if it were whole
  const failed = written.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => {
      throw error;
    },
  );
  failed.catch(() => undefined);
  const out = readable.getReader();
  let finished = false;
  try {
    for (;;) {
      const next = await Promise.race([out.read(), failed]);
      if (next.done) break;
      yield next.value;
    }
    await written;
    finished = true;
  } finally {
    // the client went away or writing failed: stop the writer, then remove the plain copy
    if (!finished) await out.cancel().catch(() => undefined);
    await written.catch(() => undefined);
    await reader.close().catch(() => undefined);
    await cleanup();
  }
}
