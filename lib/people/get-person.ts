// One person as the acting user may see it; reading contact details is audited.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, personScope, type Ctx } from "@/lib/authz";
import { withTenant, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { peopleSharingDocuments } from "./documents";
import { canSeeContacts, personInclude, toPersonView, type PersonView } from "./shared";
import { isUuid } from "@/lib/service-kit";

export interface GetPersonOptions {
  /** coordinators may open a deleted person to restore it */
  includeDeleted?: boolean;
}

export async function getPerson(ctx: Ctx, personId: string, options: GetPersonOptions = {}): Promise<PersonView> {
  return withTenant(ctx, (tx) => getPersonInTx(tx, ctx, personId, options));
}

export async function getPersonInTx(tx: Tx, ctx: Ctx, personId: string, options: GetPersonOptions = {}): Promise<PersonView> {
  authorize(ctx, "people.read");
  if (!isUuid(personId)) throw notFound("person");
  const row = await tx.person.findFirst({
    where: { id: personId, ...personScope(ctx, { includeDeleted: options.includeDeleted }) },
    include: personInclude,
  });
  if (!row) throw notFound("person");
  const sensitive = await canSeeContacts(tx, ctx, personId);
  if (sensitive && (row.contactEnc || row.notesEnc || row.documents.length > 0)) {
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.contact.view",
      entityType: "Person",
      entityId: personId,
      changedFields: [],
      metadata: {
        fields: [row.contactEnc ? "contact" : null, row.notesEnc ? "notes" : null, row.documents.length ? "documents" : null].filter(Boolean),
      },
      ipHash: ctx.ipHash ?? null,
    });
  }
  const view = toPersonView(row, sensitive);
  // only someone who may see the numbers learns who else holds them
  return sensitive ? { ...view, documentMatches: await peopleSharingDocuments(tx, ctx, personId) } : view;
}

export { isUuid };
