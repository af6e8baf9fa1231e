// Opening a case: subject, family contacts, consent, assignment and a unique human reference, all in one transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import { auditMany, type AuditInput } from "@/lib/audit";
import { authorize, can, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { caseConsentNotesContext, caseSummaryContext } from "@/lib/crypto-contexts";
import { withTenant, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createCaseSchema, type CreateCaseInput } from "@/lib/validations/case";
import { insertPersonForCase, requirePerson } from "./case-people";
import { requireAssignableMember } from "./members";
import { parseInput } from "@/lib/service-kit";

interface CounterRow {
  lastNumber: number;
  referencePrefix: string | null;
}

/** The organisation's prefix read with the counter (one statement), which the tenant's own row always has. */
function referencePrefixOf(row: CounterRow | undefined): { referencePrefix: string } {
  if (!row?.referencePrefix) throw new Error("The organisation's reference prefix could not be read.");
  return { referencePrefix: row.referencePrefix };
}

/** Next reference for this organisation and year, e.g. AT-2026-0137. The upsert serialises concurrent creators on one row. */
export async function nextCaseReference(tx: Tx, organizationId: string, year: number): Promise<string> {
  const rows = await tx.$queryRaw<CounterRow[]>`
    INSERT INTO case_reference_counters ("organizationId", year, "lastNumber")
    VALUES (${organizationId}::uuid, ${year}, 1)
    ON CONFLICT ("organizationId", year) DO UPDATE SET "lastNumber" = case_reference_counters."lastNumber" + 1
    RETURNING "lastNumber", (SELECT o."referencePrefix" FROM organizations o WHERE o.id = ${organizationId}::uuid) AS "referencePrefix"`;
  const organization = referencePrefixOf(rows[0]);
  const number = rows[0]?.lastNumber ?? 1;
  return `${organization.referencePrefix}-${year}-${number.toString().padStart(4, "0")}`;
}

/** `count` consecutive references for one organisation and year in one statement (an import's cases). */
export async function reserveCaseReferences(tx: Tx, organizationId: string, year: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await tx.$queryRaw<CounterRow[]>`
    INSERT INTO case_reference_counters ("organizationId", year, "lastNumber")
    VALUES (${organizationId}::uuid, ${year}, ${count})
    ON CONFLICT ("organizationId", year) DO UPDATE SET "lastNumber" = case_reference_counters."lastNumber" + ${count}
    RETURNING "lastNumber", (SELECT o."referencePrefix" FROM organizations o WHERE o.id = ${organizationId}::uuid) AS "referencePrefix"`;
  const organization = referencePrefixOf(rows[0]);
  const last = rows[0]?.lastNumber ?? count;
  return Array.from({ length: count }, (_, index) => `${organization.referencePrefix}-${year}-${(last - count + 1 + index).toString().padStart(4, "0")}`);
}

export async function createCase(ctx: Ctx, input: CreateCaseInput | unknown): Promise<{ id: string; reference: string }> {
  authorize(ctx, "cases.create");
  const data = parseInput(createCaseSchema, input);
  // Volunteers open cases for themselves; only coordinators hand a case to someone else.
  if (data.assignedToId && data.assignedToId !== ctx.userId && !can(ctx, "cases.updateAny")) {
    throw new AppError("FORBIDDEN", "Only coordinators may assign a case to someone else.", { fieldErrors: { assignedToId: ["invalidChoice"] } });
  }
  return withTenant(ctx, async (tx) => {
    // the new people's audit events are written with the case's, last: the organisation's audit chain
    // lock and its reference counter are then held only from the case's own insert to the commit
    const events: AuditInput[] = [];
    const subjectPersonId =
      "personId" in data.subject ? await requirePerson(tx, ctx, data.subject.personId) : await insertPersonForCase(tx, ctx, data.subject.person, "subject.person", { auditLater: events });
    if (data.assignedToId) await requireAssignableMember(tx, ctx, data.assignedToId);

    const seen = new Set<string>([subjectPersonId]);
    const contactPeople: string[] = [];
    for (const [index, contact] of data.contacts.entries()) {
      const personId = contact.personId ? await requirePerson(tx, ctx, contact.personId) : await insertPersonForCase(tx, ctx, contact.person!, `contacts.${index}.person`, { auditLater: events });
      if (seen.has(personId)) {
        throw new AppError("INVALID", "The same person is listed twice on this case.", { fieldErrors: { [`contacts.${index}.personId`]: ["duplicate"] } });
      }
      seen.add(personId);
      contactPeople.push(personId);
    }

    const id = randomUUID();
    const reference = await nextCaseReference(tx, ctx.organizationId, new Date().getUTCFullYear());
    await tx.case.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        reference,
        subjectPersonId,
        status: data.status,
        disclosureLevel: data.disclosureLevel,
        consentGivenBy: data.consentGivenBy,
        consentGivenAt: data.consentGivenAt,
        consentScope: data.consentScope,
        consentNotesEnc: encryptField(data.consentNotes, caseConsentNotesContext(id)),
        priority: data.priority,
        verificationLevel: data.verificationLevel,
        tags: data.tags,
        summaryEnc: encryptField(data.summary, caseSummaryContext(id)),
        assignedToId: data.assignedToId ?? null,
        createdById: ctx.userId,
      },
    });
    if (data.contacts.length) {
      await tx.caseContact.createMany({
        data: data.contacts.map((contact, index) => ({
          organizationId: ctx.organizationId,
          caseId: id,
          personId: contactPeople[index]!,
          relationship: contact.relationship,
          relationshipOther: contact.relationship === "OTHER" ? contact.relationshipOther : null,
          // the first contact speaks for the family unless another was chosen
          isPrimary: contact.isPrimary || (index === 0 && !data.contacts.some((c) => c.isPrimary)),
        })),
      });
    }

    events.push({
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.create",
      entityType: "Case",
      entityId: id,
      metadata: { reference, contacts: data.contacts.length },
      ipHash: ctx.ipHash,
    });
    await auditMany(tx, ctx.organizationId, events);
    return { id, reference };
  });
}
