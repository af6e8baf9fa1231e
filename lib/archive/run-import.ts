// Importing an organisation archive from the app: an admin of an organisation that holds no records
// uploads an archive with its passphrase; it is checked at once (passphrase, format version), kept
// encrypted under this installation's key, and imported by a background job (kind "archiveImport") into
// that organisation only: the job writes through the app's own database role, so row-level security
// refuses any row of another organisation. The passphrase is sealed with this installation's key (bound
// to the stored upload) in the job's row for the job's lifetime, and removed with the upload when the job
// ends, fails or is cancelled; it is never shown in the job.
import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { authorize, type Ctx, jobScope } from "@/lib/authz";
import { decryptField, encryptField } from "@/lib/crypto";
import { withTenant, type Tx } from "@/lib/db";
import { appDatabaseUrl, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { newStorageKey, readDecryptedStream, removeStored, writeEncryptedStream } from "@/lib/files/storage";
import type { JobOutcome, JobRunContext } from "@/lib/jobs/kinds";
import { enqueueJob, toJobView, type JobView } from "@/lib/jobs/queue";
import { parseInput } from "@/lib/service-kit";
import { archiveImportSchema } from "@/lib/validations/archive";
import { ARCHIVED_TABLES } from "./format";
import { ArchiveImportError, importArchive, readArchiveManifest, type ImportArchiveResult } from "./import-archive";

const uploadContext = (storageKey: string) => `archive.upload:${storageKey}`;
const passphraseContext = (organizationId: string, storageKey: string) => `archive.passphrase:${organizationId}:${storageKey}`;

interface Sealed {
  storageKey: string;
  keyId: string;
  passphrase: string;
}

/** What an import's refusal means, as a translated message key (lib/i18n/messages/…/errors.json). */
const REFUSALS: Record<ArchiveImportError["reason"], { key: string; code: "INVALID" | "CONFLICT" | "NOT_FOUND" }> = {
  passphrase: { key: "archivePassphrase", code: "INVALID" },
  damaged: { key: "archiveDamaged", code: "INVALID" },
  format: { key: "archiveFormat", code: "INVALID" },
  version: { key: "archiveVersion", code: "INVALID" },
  notEmpty: { key: "archiveNotEmpty", code: "CONFLICT" },
  exists: { key: "archiveExists", code: "CONFLICT" },
  notFound: { key: "archiveNotEmpty", code: "NOT_FOUND" },
};

function refusal(error: unknown): unknown {
  if (!(error instanceof ArchiveImportError)) return error;
  const { key, code } = REFUSALS[error.reason];
  return new AppError(code, error.message, { key });
}

/** True while the organisation holds none of the records an archive brings (an import is possible). */
export async function organizationIsEmpty(ctx: Ctx): Promise<boolean> {
  return withTenant(ctx, async (tx) => {
    for (const { table } of ARCHIVED_TABLES) {
      const found = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${table}" WHERE "organizationId" = $1::uuid LIMIT 1`, ctx.organizationId);
      if (found.length) return false;
    }
    return true;
  });
}

/** The organisation's archive imports (any admin's: it concerns the whole organisation), newest first. */
export async function findArchiveImports(ctx: Ctx): Promise<JobView[]> {
  authorize(ctx, "archive.import");
  const rows = await withTenant(ctx, (tx) => tx.job.findMany({ where: { ...jobScope(ctx, { wholeOrganization: true }), type: "archiveImport" }, orderBy: { createdAt: "desc" }, take: 20 }));
  return rows.map(toJobView);
}

export function archiveImportAuditedFilter(payload: Record<string, unknown>): Record<string, unknown> {
  return { fileName: typeof payload.fileName === "string" ? payload.fileName.slice(0, 200) : null, sizeBytes: payload.sizeBytes ?? null };
}

/**
 * Receives an uploaded archive (the request body, streamed to disk) and starts its import. Refused at
 * once, with nothing kept, when the organisation holds records, the passphrase does not open the archive
 * or its format is not one this installation reads; the job checks every entry before it writes.
 */
export async function startArchiveImport(ctx: Ctx, input: { body: ReadableStream<Uint8Array> | null; fileName: string | null; passphrase: string | null }): Promise<JobView> {
  authorize(ctx, "archive.import");
  const { passphrase, fileName } = parseInput(archiveImportSchema, { passphrase: input.passphrase ?? undefined, fileName: input.fileName || "archive.zip" });
  if (!(await organizationIsEmpty(ctx))) throw new AppError("CONFLICT", "This organisation already holds records.", { key: "archiveNotEmpty" });
  if (!input.body) throw new AppError("INVALID", "Send the archive as the request body.", { fieldErrors: { file: ["required"] } });
  const dir = await mkdtemp(path.join(os.tmpdir(), "qamqor-archive-"));
  const plain = path.join(dir, "upload.zip");
  const storageKey = newStorageKey();
  let stored = false;
  try {
    await pipeline(Readable.fromWeb(input.body as import("node:stream/web").ReadableStream<Uint8Array>), createWriteStream(plain, { mode: 0o600 }));
    await readArchiveManifest(plain, passphrase).catch((error: unknown) => {
      throw refusal(error);
    });
    // kept encrypted under this installation's key until the job has read it
    const { keyId, bytes } = await writeEncryptedStream(ctx.organizationId, storageKey, uploadContext(storageKey), createReadStream(plain, { highWaterMark: 256 * 1024 }));
    stored = true;
    const sealed: Sealed = { storageKey, keyId, passphrase: encryptField(passphrase, passphraseContext(ctx.organizationId, storageKey))! };
    return await enqueueJob(ctx, { kind: "archiveImport", payload: { fileName: fileName.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200), sizeBytes: bytes, sealed: sealed as unknown as Record<string, unknown> } });
  } catch (error) {
    if (stored) await removeStored(ctx.organizationId, storageKey);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sealedOf(payload: Record<string, unknown>): Sealed | null {
  const sealed = payload.sealed as Partial<Sealed> | undefined;
  return sealed?.storageKey && sealed.keyId && sealed.passphrase ? (sealed as Sealed) : null;
}

/** Removes the upload and the sealed passphrase: the job has ended, however. */
async function forget(tx: Tx, organizationId: string, jobId: string, payload: Record<string, unknown>): Promise<void> {
  const sealed = sealedOf(payload);
  const { sealed: _sealed, ...visible } = payload;
  await tx.job.updateMany({ where: { id: jobId }, data: { payload: visible as object } });
  if (sealed) await removeStored(organizationId, sealed.storageKey);
}

export async function discardArchiveImport(tx: Tx, organizationId: string, jobId: string, payload: Record<string, unknown>): Promise<void> {
  await forget(tx, organizationId, jobId, payload);
}

export interface ArchiveImportReport {
  organization: string;
  counts: Record<string, number>;
  records: number;
  files: number;
  auditEvents: number;
  members: ImportArchiveResult["members"];
  membersWithoutPassword: string[];
  unmatchedPlaces: string[];
  renewedIds: boolean;
  archiveSha256: string;
}

/** The job's work: the archive checked whole, then written in one transaction into the owner's organisation. */
export async function runArchiveImport(ctx: Ctx, payload: Record<string, unknown>, run: JobRunContext): Promise<JobOutcome> {
  authorize(ctx, "archive.import");
  const sealed = sealedOf(payload);
  try {
    if (!sealed) throw new AppError("NOT_FOUND", "The uploaded archive is gone.", { key: "archiveGone" });
    const passphrase = decryptField(sealed.passphrase, passphraseContext(ctx.organizationId, sealed.storageKey))!;
    const dir = await mkdtemp(path.join(os.tmpdir(), "qamqor-archive-"));
    try {
      // zip.js seeks in the archive: a private plain copy for the job's duration
      const plain = path.join(dir, "archive.zip");
      await pipeline(Readable.from(readDecryptedStream(ctx.organizationId, sealed.storageKey, uploadContext(sealed.storageKey), sealed.keyId)), createWriteStream(plain, { mode: 0o600 }));
      const result = await importArchive({
        ownerUrl: appDatabaseUrl(getEnv()),
        file: plain,
        passphrase,
        organizationId: ctx.organizationId,
        actor: { userId: ctx.userId, jobId: run.jobId },
        onProgress: (done, total) => run.progress(done, total),
      }).catch((error: unknown) => {
        throw refusal(error);
      });
      const records = Object.values(result.counts).reduce((a, b) => a + b, 0);
      const report: ArchiveImportReport = {
        organization: result.slug,
        counts: result.counts,
        records,
        files: result.files,
        auditEvents: result.auditEvents,
        members: result.members,
        membersWithoutPassword: result.membersWithoutPassword,
        unmatchedPlaces: result.unmatchedPlaces,
        renewedIds: result.renewedIds,
        archiveSha256: result.archiveSha256,
      };
      return { result: report as unknown as Record<string, unknown>, records };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await withTenant(ctx, (tx) => forget(tx, ctx.organizationId, run.jobId, payload));
  }
}
