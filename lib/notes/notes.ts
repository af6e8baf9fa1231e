// Notes on a case: written by anyone who may edit the case, bodies encrypted at rest.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, CASE_EDIT, mayEditOwn, type Ctx, noteScope } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { noteBodyContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { loadWritableCase } from "@/lib/cases/internal";
import { noteSchema, versionOnlySchema } from "@/lib/validations/case";
import { isUuid, parseInput, staleVersion } from "@/lib/service-kit";

export async function addNote(ctx: Ctx, caseId: string, input: unknown): Promise<{ id: string }> {
  authorize(ctx, "cases.update");
  const data = parseInput(noteSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    const id = randomUUID();
    await tx.note.create({
      data: { id, organizationId: ctx.organizationId, caseId, authorId: ctx.userId, bodyEnc: encryptField(data.body, noteBodyContext(id)) ?? "" },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.note.create",
      entityType: "Note",
      entityId: id,
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
    return { id };
  });
}

/** Authors remove their own notes; coordinators any note. */
export async function deleteNote(ctx: Ctx, caseId: string, noteId: string, input: unknown): Promise<void> {
  authorize(ctx, "cases.update");
  const data = parseInput(versionOnlySchema, input);
  if (!isUuid(noteId)) throw notFound("note");
  await withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    const note = await tx.note.findFirst({ where: { ...noteScope(ctx), id: noteId, caseId } });
    if (!note) throw notFound("note");
    if (!mayEditOwn(ctx, note.authorId === ctx.userId, CASE_EDIT)) throw new AppError("FORBIDDEN", "Only the author or a coordinator may remove a note.");
    const result = await tx.note.updateMany({ where: { id: noteId, version: data.version }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    if (result.count !== 1) throw staleVersion("note", { version: note.version });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.note.delete",
      entityType: "Note",
      entityId: noteId,
      changedFields: ["deletedAt"],
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
  });
}
