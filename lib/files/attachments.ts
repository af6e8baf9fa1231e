// Attaching files to a case or one of its events, and downloading them. Checks size and real type,
// strips image metadata, stores the bytes encrypted on disk and audits every download.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, attachmentScope, caseEventScope } from "@/lib/authz";
import { decryptField, encryptField } from "@/lib/crypto";
import { attachmentFileNameContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { loadReadableCase, loadWritableCase } from "@/lib/cases/internal";
import { checkUpload } from "./content-type";
import { readDecrypted, removeStored, storeUpload } from "./storage";
import { isUuid } from "@/lib/service-kit";

export interface UploadInput {
  caseId: string;
  caseEventId?: string | null;
  fileName: string;
  bytes: Buffer;
}

export interface AttachmentMeta {
  id: string;
  caseId: string | null;
  caseEventId: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
}

export function maxUploadBytes(): number {
  return getEnv().MAX_UPLOAD_MB * 1024 * 1024;
}

/** Keeps the name readable but harmless: no paths, no control characters, bounded length. */
function cleanFileName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 200);
  return cleaned || `file.${extension}`;
}

export async function uploadAttachment(ctx: Ctx, input: UploadInput): Promise<AttachmentMeta> {
  authorize(ctx, "cases.update");
  if (!isUuid(input.caseId)) throw notFound("case");
  // check the permission before the (possibly slow) content checks, so an outsider learns nothing
  await withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, input.caseId);
  });
  const checked = await checkUpload(input.bytes, input.fileName, maxUploadBytes());
  const id = randomUUID();
  const fileName = cleanFileName(input.fileName, checked.extension);
  const stored = await storeUpload(ctx.organizationId, id, checked);
  try {
    return await withTenant(ctx, async (tx) => {
      await loadWritableCase(tx, ctx, input.caseId);
      if (input.caseEventId) {
        if (!isUuid(input.caseEventId)) throw notFound("event");
        const event = await tx.caseEvent.findFirst({ where: { ...caseEventScope(ctx), id: input.caseEventId, caseId: input.caseId }, select: { id: true } });
        if (!event) throw notFound("event");
      }
      const row = await tx.attachment.create({
        data: {
          id,
          organizationId: ctx.organizationId,
          // an event's file belongs to the event; the case finds it through the event
          caseId: input.caseEventId ? null : input.caseId,
          caseEventId: input.caseEventId ?? null,
          fileNameEnc: encryptField(fileName, attachmentFileNameContext(id)) ?? "",
          ...stored,
          createdById: ctx.userId,
        },
      });
      await audit(tx, {
        organizationId: ctx.organizationId,
        actorUserId: ctx.userId,
        action: "attachment.upload",
        entityType: "Attachment",
        entityId: id,
        metadata: { caseId: input.caseId, caseEventId: input.caseEventId ?? null, mimeType: checked.mimeType, sizeBytes: checked.bytes.length },
        ipHash: ctx.ipHash,
      });
      return {
        id,
        caseId: input.caseId,
        caseEventId: row.caseEventId,
        fileName,
        mimeType: row.mimeType,
        sizeBytes: row.sizeBytes,
        createdAt: row.createdAt.toISOString(),
      };
    });
  } catch (error) {
    // nothing half-saved: without its row the stored file must not linger
    await removeStored(ctx.organizationId, stored.storageKey);
    throw error;
  }
}

async function findAttachment(tx: Parameters<Parameters<typeof withTenant>[1]>[0], ctx: Ctx, attachmentId: string) {
  if (!isUuid(attachmentId)) throw notFound("file");
  const row = await tx.attachment.findFirst({
    where: { ...attachmentScope(ctx), id: attachmentId },
    include: { caseEvent: { select: { caseId: true, deletedAt: true } } },
  });
  const caseId = row?.caseId ?? row?.caseEvent?.caseId ?? null;
  if (!row || !caseId || row.caseEvent?.deletedAt) throw notFound("file");
  return { row, caseId };
}

/** The decrypted file for someone who may read its case; every download is audited. */
export async function downloadAttachment(ctx: Ctx, attachmentId: string): Promise<{ fileName: string; mimeType: string; bytes: Buffer }> {
  authorize(ctx, "cases.read");
  return withTenant(ctx, async (tx) => {
    const { row, caseId } = await findAttachment(tx, ctx, attachmentId);
    await loadReadableCase(tx, ctx, caseId);
    const bytes = await readDecrypted(ctx.organizationId, row.storageKey, row.id, row.keyId);
    if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
      throw new AppError("INTERNAL", "The stored file does not match its record.");
    }
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "attachment.download",
      entityType: "Attachment",
      entityId: row.id,
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
    return { fileName: decryptField(row.fileNameEnc, attachmentFileNameContext(row.id)) ?? "file", mimeType: row.mimeType, bytes };
  });
}

/** Soft-deletes the attachment's row; the encrypted bytes stay until a purge, so a restore is possible. */
export async function deleteAttachment(ctx: Ctx, attachmentId: string): Promise<void> {
  authorize(ctx, "cases.update");
  await withTenant(ctx, async (tx) => {
    const { caseId } = await findAttachment(tx, ctx, attachmentId);
    await loadWritableCase(tx, ctx, caseId);
    await tx.attachment.update({ where: { id: attachmentId }, data: { deletedAt: new Date() } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "attachment.delete",
      entityType: "Attachment",
      entityId: attachmentId,
      changedFields: ["deletedAt"],
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
  });
}
