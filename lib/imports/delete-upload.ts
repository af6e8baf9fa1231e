// Uploaded sheets are working copies, not records: each is deleted once every sheet of it has been
// imported, or after IMPORT_UPLOAD_DAYS when it was left unfinished (the queue's cleanup task). The rows
// it brought in stay, with their source marks; the final report stays with its job.
import "server-only";
import { audit } from "@/lib/audit";
import { type Ctx, importUploadScope, jobScope } from "@/lib/authz";
import { db, withTenant, type Tx } from "@/lib/db";
import { removeStored } from "@/lib/files/storage";

/** How long an upload not (fully) imported is kept. */
export const IMPORT_UPLOAD_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Inside the import's transaction: when, with this job, every sheet of the upload has been imported, the
 * upload's row goes (audited) and its storage key is returned, for the file to be removed after the commit.
 */
export async function deleteUploadIfDone(tx: Tx, ctx: Ctx, upload: { id: string; sheets: string[] }, sheet: string, jobId: string): Promise<string | null> {
  const done = await tx.job.findMany({
    where: { ...jobScope(ctx, { wholeOrganization: true }), type: "import", status: "SUCCEEDED", payload: { path: ["uploadId"], equals: upload.id } },
    select: { payload: true },
  });
  const imported = new Set([sheet, ...done.map((job) => String((job.payload as { sheet?: unknown }).sheet ?? ""))]);
  if (!upload.sheets.every((name) => imported.has(name))) return null;
  const row = await tx.importUpload.findFirst({ where: { ...importUploadScope(ctx), id: upload.id }, select: { storageKey: true } });
  if (!row) return null;
  await tx.importUpload.delete({ where: { id: upload.id } });
  await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "import.upload.delete", entityType: "ImportUpload", entityId: upload.id, metadata: { reason: "imported", jobId }, ipHash: ctx.ipHash ?? null });
  return row.storageKey;
}

export async function removeUploadFile(organizationId: string, storageKey: string | null): Promise<void> {
  if (storageKey) await removeStored(organizationId, storageKey);
}

/** Deletes uploads older than IMPORT_UPLOAD_DAYS in every organisation (their rows, then their files). */
export async function cleanupExpiredImportUploads(now: Date = new Date()): Promise<number> {
  const expired = await db().$queryRaw<{ id: string; organizationId: string; storageKey: string }[]>`
    SELECT * FROM app_expired_import_uploads(${new Date(now.getTime() - IMPORT_UPLOAD_DAYS * DAY_MS)}::timestamptz, 500)`;
  for (const upload of expired) {
    await withTenant({ organizationId: upload.organizationId }, async (tx) => {
      await tx.importUpload.deleteMany({ where: { id: upload.id } });
      await audit(tx, { organizationId: upload.organizationId, actorUserId: null, action: "import.upload.expired", entityType: "ImportUpload", entityId: upload.id });
    });
    await removeStored(upload.organizationId, upload.storageKey);
  }
  return expired.length;
}
