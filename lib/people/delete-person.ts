// Soft delete and restore of a person (coordinators and admins). A person who is still the subject of an
// open case cannot be deleted: the case would point at nobody.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, personScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "./get-person";

export async function deletePerson(ctx: Ctx, personId: string): Promise<{ id: string }> {
  authorize(ctx, "people.delete");
  if (!isUuid(personId)) throw notFound("person");
  return withTenant(ctx, async (tx) => {
    const person = await tx.person.findFirst({
      where: { ...personScope(ctx), id: personId },
      select: { id: true, _count: { select: { subjectOf: { where: { deletedAt: null } } } } },
    });
    if (!person) throw notFound("person");
    if (person._count.subjectOf > 0) {
      throw new AppError("CONFLICT", "This person is the subject of a case; delete or reassign the case first.", {
        key: "personHasCases",
        details: { cases: person._count.subjectOf },
      });
    }
    await tx.person.update({ where: { id: personId }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.delete",
      entityType: "Person",
      entityId: personId,
      changedFields: ["deletedAt"],
      ipHash: ctx.ipHash ?? null,
    });
    return { id: personId };
  });
}

export async function restorePerson(ctx: Ctx, personId: string): Promise<{ id: string }> {
  authorize(ctx, "people.delete");
  if (!isUuid(personId)) throw notFound("person");
  return withTenant(ctx, async (tx) => {
    // a merged record comes back only by undoing the merge, never by a plain restore; an erased one never
    const person = await tx.person.findFirst({
      where: { ...personScope(ctx, { includeDeleted: true }), id: personId, deletedAt: { not: null }, erasedAt: null },
      select: { id: true },
    });
    if (!person) throw notFound("person");
    await tx.person.update({ where: { id: personId }, data: { deletedAt: null, version: { increment: 1 } } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.restore",
      entityType: "Person",
      entityId: personId,
      changedFields: ["deletedAt"],
      ipHash: ctx.ipHash ?? null,
    });
    return { id: personId };
  });
}
