// A person's portrait: one image attachment marked as theirs (metadata stripped like every upload,
// stored encrypted), shown only to those who may see the person's contact details; every view audited.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import sharp from "sharp";
import { audit } from "@/lib/audit";
import { authorize, personScope, type Ctx, attachmentScope } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { attachmentFileNameContext } from "@/lib/crypto-contexts";
import { withTenant, type Tx } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { maxUploadBytes } from "@/lib/files/attachments";
import { checkUpload, UploadRefused } from "@/lib/files/content-type";
import { readDecrypted, removeStored, storeUpload } from "@/lib/files/storage";
import { personErasedError } from "./erase-person";
import { isUuid } from "./get-person";
import { canSeeContacts } from "./shared";

const PORTRAIT_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

/** The person, for a viewer who may see their portrait; otherwise not found or refused. */
async function requirePortraitRights(tx: Tx, ctx: Ctx, personId: string) {
  if (!isUuid(personId)) throw notFound("person");
  const person = await tx.person.findFirst({ where: { id: personId, ...personScope(ctx) }, select: { id: true, erasedAt: true } });
  if (!person) throw notFound("person");
  if (!(await canSeeContacts(tx, ctx, personId))) throw forbidden();
  return person;
}

/** Makes an uploaded image the person's portrait, replacing any earlier one. */
export async function setPortrait(ctx: Ctx, personId: string, upload: { fileName: string; bytes: Buffer }): Promise<{ id: string }> {
  authorize(ctx, "people.write");
  await withTenant(ctx, async (tx) => {
    const person = await requirePortraitRights(tx, ctx, personId);
    if (person.erasedAt) throw personErasedError();
  });
  const checked = await checkUpload(upload.bytes, upload.fileName, maxUploadBytes());
  if (!PORTRAIT_TYPES.has(checked.mimeType)) throw new UploadRefused("fileTypeNotAllowed", "A portrait must be a JPEG, PNG or WebP image.");
  const id = randomUUID();
  const stored = await storeUpload(ctx.organizationId, id, checked);
  try {
    const replaced = await withTenant(ctx, async (tx) => {
      const person = await requirePortraitRights(tx, ctx, personId);
      if (person.erasedAt) throw personErasedError();
      const earlier = await tx.attachment.findMany({ where: { portraitOfId: personId, deletedAt: null }, select: { id: true, storageKey: true } });
      if (earlier.length) await tx.attachment.deleteMany({ where: { id: { in: earlier.map((a) => a.id) } } });
      await tx.attachment.create({
        data: {
          id,
          organizationId: ctx.organizationId,
          portraitOfId: personId,
          fileNameEnc: encryptField(`portrait.${checked.extension}`, attachmentFileNameContext(id)) ?? "",
          ...stored,
          createdById: ctx.userId,
        },
      });
      await audit(tx, {
        organizationId: ctx.organizationId,
        actorUserId: ctx.userId,
        action: "person.portrait.set",
        entityType: "Person",
        entityId: personId,
        changedFields: ["portrait"],
        metadata: { attachmentId: id, mimeType: checked.mimeType, sizeBytes: checked.bytes.length },
        ipHash: ctx.ipHash ?? null,
      });
      return earlier.map((a) => a.storageKey);
    });
    // the replaced picture is not kept: a portrait is identifying, and only the current one is wanted
    await Promise.all(replaced.map((key) => removeStored(ctx.organizationId, key)));
    return { id };
  } catch (error) {
    await removeStored(ctx.organizationId, stored.storageKey);
    throw error;
  }
}

/** Reads and checks the stored portrait and audits the view; the caller has checked the viewer's rights. */
async function readPortrait(tx: Tx, ctx: Ctx, personId: string, via?: "dossier" | "unDraft"): Promise<{ mimeType: string; bytes: Buffer } | null> {
  const row = await tx.attachment.findFirst({ where: { ...attachmentScope(ctx), portraitOfId: personId } });
  if (!row) return null;
  const bytes = await readDecrypted(ctx.organizationId, row.storageKey, row.id, row.keyId);
  if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) throw new AppError("INTERNAL", "The stored file does not match its record.");
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorUserId: ctx.userId,
    action: "person.portrait.view",
    entityType: "Person",
    entityId: personId,
    metadata: via ? { attachmentId: row.id, via } : { attachmentId: row.id },
    ipHash: ctx.ipHash ?? null,
  });
  return { mimeType: row.mimeType, bytes };
}

/** The decrypted portrait for someone who may see it; audited like a file download. */
export async function getPortrait(ctx: Ctx, personId: string): Promise<{ mimeType: string; bytes: Buffer }> {
  authorize(ctx, "people.read");
  return withTenant(ctx, async (tx) => {
    await requirePortraitRights(tx, ctx, personId);
    const portrait = await readPortrait(tx, ctx, personId);
    if (!portrait) throw notFound("file");
    return portrait;
  });
}

/** A portrait ready to place in a PDF or Word document, with its pixel size. */
export interface PortraitImage {
  data: Buffer;
  format: "png" | "jpg";
  width: number;
  height: number;
}

/**
 * The person's portrait for a document made inside the caller's transaction (dossier, UN draft): null
 * when there is none or the reader may not see the person's contact details (the person page's rule).
 * The view is audited, naming the document it went into.
 */
export async function portraitForDocument(tx: Tx, ctx: Ctx, personId: string, via: "dossier" | "unDraft"): Promise<PortraitImage | null> {
  if (!(await canSeeContacts(tx, ctx, personId))) return null;
  const portrait = await readPortrait(tx, ctx, personId, via);
  if (!portrait) return null;
  // PDF and Word take JPEG or PNG; a WebP portrait is converted, and EXIF rotation is applied
  const keep = portrait.mimeType === "image/jpeg" ? "jpg" : "png";
  const image = sharp(portrait.bytes).rotate();
  const { data, info } = await (keep === "jpg" ? image.jpeg() : image.png()).toBuffer({ resolveWithObject: true });
  return { data, format: keep, width: info.width, height: info.height };
}

/** Removes the person's portrait, row and stored bytes. */
export async function removePortrait(ctx: Ctx, personId: string): Promise<void> {
  authorize(ctx, "people.write");
  const keys = await withTenant(ctx, async (tx) => {
    await requirePortraitRights(tx, ctx, personId);
    const rows = await tx.attachment.findMany({ where: { portraitOfId: personId }, select: { id: true, storageKey: true } });
    if (rows.length === 0) throw notFound("file");
    await tx.attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.portrait.remove",
      entityType: "Person",
      entityId: personId,
      changedFields: ["portrait"],
      ipHash: ctx.ipHash ?? null,
    });
    return rows.map((r) => r.storageKey);
  });
  await Promise.all(keys.map((key) => removeStored(ctx.organizationId, key)));
}
