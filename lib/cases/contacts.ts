// Family contacts of a case: add one (an existing person or a new one) and remove one.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, caseContactScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { contactInputSchema } from "@/lib/validations/case";
import { insertPersonForCase, requirePerson } from "./case-people";
import { loadWritableCase } from "./internal";
import { isUuid, parseInput } from "@/lib/service-kit";

export async function addContact(ctx: Ctx, caseId: string, input: unknown): Promise<{ id: string; personId: string }> {
  authorize(ctx, "cases.update");
  const data = parseInput(contactInputSchema, input);
  return withTenant(ctx, async (tx) => {
    const found = await loadWritableCase(tx, ctx, caseId);
    const personId = data.personId ? await requirePerson(tx, ctx, data.personId) : await insertPersonForCase(tx, ctx, data.person!, "person");
    if (personId === found.subjectPersonId) {
      throw new AppError("INVALID", "The case's subject cannot also be a family contact.", { fieldErrors: { personId: ["duplicate"] } });
    }
    const existing = await tx.caseContact.findFirst({ where: { ...caseContactScope(ctx), caseId, personId }, select: { id: true } });
    if (existing) throw new AppError("INVALID", "This person is already a contact on this case.", { fieldErrors: { personId: ["duplicate"] } });
    // one primary contact per case: choosing a new one demotes the old
    if (data.isPrimary) await tx.caseContact.updateMany({ where: { caseId, isPrimary: true }, data: { isPrimary: false } });
    const hasPrimary = await tx.caseContact.count({ where: { caseId, isPrimary: true } });
    const row = await tx.caseContact.create({
      data: {
        organizationId: ctx.organizationId,
        caseId,
        personId,
        relationship: data.relationship,
        relationshipOther: data.relationship === "OTHER" ? data.relationshipOther : null,
        isPrimary: data.isPrimary || hasPrimary === 0,
      },
    });
    await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.contact.add",
      entityType: "Case",
      entityId: caseId,
      changedFields: ["contacts"],
      metadata: { contactId: row.id, personId, relationship: data.relationship },
      ipHash: ctx.ipHash,
    });
    return { id: row.id, personId };
  });
}

export async function removeContact(ctx: Ctx, caseId: string, contactId: string): Promise<void> {
  authorize(ctx, "cases.update");
  if (!isUuid(contactId)) throw notFound("contact");
  await withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    const removed = await tx.caseContact.deleteMany({ where: { ...caseContactScope(ctx), id: contactId, caseId } });
    if (removed.count !== 1) throw notFound("contact");
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.contact.remove",
      entityType: "Case",
      entityId: caseId,
      changedFields: ["contacts"],
      metadata: { contactId },
      ipHash: ctx.ipHash,
    });
  });
}
