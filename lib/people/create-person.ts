// Records a new person with names in any script; usable inside another service's transaction so a case
// and its new subject are created together or not at all.
import "server-only";
import { audit, type AuditInput } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField, encryptJson, lookupHash } from "@/lib/crypto";
import { personContactContext, personNotesContext } from "@/lib/crypto-contexts";
import { withTenant, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { normalisePhone, parseUncertainDate, personCreateSchema, type PersonCreateInput } from "@/lib/validations/person";
import { writeDocuments } from "./documents";
import { emptyContact, nameRows, personInclude, toPersonView, type PersonView } from "./shared";
import { recordDuplicatePairs } from "./duplicate-pairs";
import { parseInput } from "@/lib/service-kit";

export async function createPerson(ctx: Ctx, input: PersonCreateInput, tx?: Tx): Promise<PersonView> {
  if (tx) return createPersonInTx(tx, ctx, input);
  return withTenant(ctx, (inner) => createPersonInTx(inner, ctx, input));
}

/** The work of createPerson inside a transaction the caller already holds (RLS already set for ctx). */
export async function createPersonInTx(tx: Tx, ctx: Ctx, input: PersonCreateInput): Promise<PersonView> {
  const id = await insertPersonInTx(tx, ctx, input);
  // names, then the hometown: Prisma would run the two includes concurrently on the transaction's one connection
  const person = await tx.person.findUniqueOrThrow({ where: { id }, include: { names: personInclude.names } });
  const row = {
    ...person,
    hometown: person.hometownPlaceId ? await tx.place.findUnique({ where: { id: person.hometownPlaceId } }) : null,
    documents: await tx.personDocument.findMany({ where: { personId: id }, orderBy: personInclude.documents.orderBy }),
  };
  // the creator just typed these details, so showing them back reveals nothing new
  return toPersonView(row, true);
}

/**
 * createPersonInTx without reading the new person back: for a service that needs only the id (a case's
 * subject or contact, a protest's new participant).
 */
export async function insertPersonInTx(tx: Tx, ctx: Ctx, input: PersonCreateInput, options: PersonAuditOptions = {}): Promise<string> {
  authorize(ctx, "people.write");
  const data = parseInput(personCreateSchema, input);
  if (data.hometownPlaceId) {
    const place = await tx.place.findUnique({ where: { id: data.hometownPlaceId }, select: { id: true } });
    if (!place) throw notFound("place");
  }
  const id = crypto.randomUUID();
  // only the details given, so a family contact added from a case reads back as just a phone number
  const contact = emptyContact(data.contact) ? null : Object.fromEntries(Object.entries(data.contact ?? {}).filter(([, value]) => value));
  const phone = contact?.phone ? normalisePhone(contact.phone) : null;
  const primary = data.names[0]!.value;
  const birthDate = parseUncertainDate(data.birthDate, data.birthDatePrecision) ?? null;
  const birthDatePrecision = data.birthDate ? data.birthDatePrecision : "UNKNOWN";
  await tx.person.create({
    data: {
      id,
      organizationId: ctx.organizationId,
      displayName: primary,
      gender: data.gender,
      birthDate,
      birthDatePrecision,
      deathDate: parseUncertainDate(data.deathDate, data.deathDatePrecision) ?? null,
      deathDatePrecision: data.deathDate ? data.deathDatePrecision : "UNKNOWN",
      ethnicity: data.ethnicity,
      citizenships: data.citizenships,
      hometownPlaceId: data.hometownPlaceId ?? null,
      hometownText: data.hometownText,
      contactEnc: contact ? encryptJson(contact, personContactContext(id)) : null,
      phoneHash: phone ? lookupHash(phone, "phone") : null,
      notesEnc: encryptField(data.notes, personNotesContext(id)),
      createdById: ctx.userId,
    },
  });
  await tx.personName.createMany({ data: nameRows(ctx.organizationId, id, data.names) });
  if (data.documents.length) await writeDocuments(tx, ctx, id, data.documents);
  // what was just written, so the ranking need not read it back
  await recordDuplicatePairs(tx, ctx, id, {
    names: data.names.map((name) => name.value),
    birthDate,
    birthDatePrecision,
    gender: data.gender ?? null,
    hometownPlaceId: data.hometownPlaceId ?? null,
    hasDocuments: data.documents.length > 0,
  });
  const event: AuditInput = {
    organizationId: ctx.organizationId,
    actorUserId: ctx.userId,
    action: "person.create",
    entityType: "Person",
    entityId: id,
    changedFields: Object.entries(data)
      .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
      .map(([key]) => key),
    metadata: { names: data.names.length },
    ipHash: ctx.ipHash ?? null,
  };
  if (options.auditLater) options.auditLater.push(event);
  else await audit(tx, event);
  return id;
}

export interface PersonAuditOptions {
  /**
   * The person's audit event is added here instead of written now: the caller writes it with its own,
   * at the end of its transaction, so the audit chain's lock (one per organisation) is held only for
   * that last moment (opening a case with its new subject and contacts).
   */
  auditLater?: AuditInput[];
}
