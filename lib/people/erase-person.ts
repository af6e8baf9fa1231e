// Erasing a person on a family's request: in one transaction every piece of personal data about them is
// removed or overwritten wherever it lives, their files are deleted from disk once the transaction has
// committed, and the audit log records only that an erasure happened (person id, actor, reason category).
//
// The person row stays as a tombstone (erasedAt, erasedById, a neutral display name) so that the links and
// counts that point at it stay consistent: a case keeps its subject, a protest keeps its head count, a
// police action keeps its type, date and outcome. Those rows keep only non-identifying facts; their free
// text is removed. A database trigger keeps the tombstone from ever getting data back.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, personScope, type Ctx } from "@/lib/authz";
import { decryptField, decryptJson, encryptField } from "@/lib/crypto";
import {
  advocacyDescriptionContext,
  advocacyResponseContext,
  caseConsentNotesContext,
  caseSummaryContext,
  eventDescriptionContext,
  noteBodyContext,
  personContactContext,
  personDocumentNumberContext,
  protestDescriptionContext,
  taskDescriptionContext,
} from "@/lib/crypto-contexts";
import { withTenant, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { removeStored } from "@/lib/files/storage";
import { Prisma } from "@/lib/generated/prisma/client";
import { personErasureSchema, type PersonErasureInput } from "@/lib/validations/erasure";
import type { PersonContact } from "@/lib/validations/person";
import { isUuid } from "./get-person";
import { parseInput, staleVersion } from "@/lib/service-kit";

/** What a tombstone is called in the data; pages show their own translated label instead. */
export const ERASED_DISPLAY_NAME = "Erased person";
/** What replaces a mention of the person inside other records' text. */
const REDACTED = "[…]";
/** What a stripped source is titled (the column may not be empty). */
const STRIPPED_TITLE = "—";

export interface ErasureResult {
  id: string;
  erasedAt: string;
  /** people merged into this one earlier, erased with it */
  mergedRecords: number;
  filesDeleted: number;
}

export const personErasedError = () =>
  new AppError("CONFLICT", "This person was erased on a family's request; the record cannot be changed.", { key: "personErased" });

/**
 * Plain-text columns of other records that may mention the person by name. A mention is replaced in
 * place, so the rest of the record (an authority, a facility, a lawyer) stays useful.
 */
const MENTION_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  people: ["hometownText"],
  cases: ["consentGivenBy", "consentScope"],
  case_contacts: ["relationshipOther"],
  case_events: ["placeText", "facility", "authority", "charges", "warrantDetails"],
  protests: ["organiser", "location"],
  police_actions: ["authority", "legalBasis", "lawyer"],
  advocacy_actions: ["recipient", "theirReference"],
  sources: ["title", "url"],
  tasks: ["title"],
  person_merges: ["reason"],
  un_submissions: ["submitterName"],
};

/** Words short enough to occur inside unrelated text are not searched for (two Chinese characters are a name). */
function searchable(value: string): boolean {
  const length = [...value].length;
  return length >= 3 || (length >= 2 && /\p{Script=Han}/u.test(value));
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function erasePerson(ctx: Ctx, personId: string, input: PersonErasureInput): Promise<ErasureResult> {
  authorize(ctx, "people.erase");
  const data = parseInput(personErasureSchema, input);
  if (!isUuid(personId)) throw notFound("person");

  const { result, storedFiles } = await withTenant(ctx, async (tx) => {
    const person = await tx.person.findFirst({
      where: { id: personId, ...personScope(ctx, { includeDeleted: true }) },
      select: { id: true, displayName: true, version: true, erasedAt: true },
    });
    if (!person) throw notFound("person");
    if (person.erasedAt) throw personErasedError();
    if (person.version !== data.version) {
      throw staleVersion("person", { version: person.version });
    }
    if (data.confirmation.normalize("NFC").toLocaleLowerCase() !== person.displayName.trim().normalize("NFC").toLocaleLowerCase()) {
      throw new AppError("INVALID", "Type the person's name exactly as shown to confirm.", {
        fieldErrors: { confirmation: ["confirmationMismatch"] },
      });
    }

    // Records merged into this person earlier are the same human being: erased with them.
    const ids = [personId, ...(await mergedInto(tx, personId))];
    const needles = await collectNeedles(tx, ids);
    const erasedAt = new Date();

    // The version check and the first write are one statement (and lock the row), so an edit racing
    // the erasure either lands before it and is erased too, or comes after it and is refused.
    const tombstone = {
      displayName: ERASED_DISPLAY_NAME,
      gender: "UNKNOWN" as const,
      birthDate: null,
      birthDatePrecision: "UNKNOWN" as const,
      deathDate: null,
      deathDatePrecision: "UNKNOWN" as const,
      ethnicity: null,
      citizenships: [],
      hometownPlaceId: null,
      hometownText: null,
      contactEnc: null,
      phoneHash: null,
      notesEnc: null,
      erasedAt,
      erasedById: ctx.userId,
    };
    const written = await tx.person.updateMany({
      where: { id: personId, version: data.version, erasedAt: null },
      data: { ...tombstone, version: { increment: 1 } },
    });
    if (written.count !== 1) throw staleVersion("person", null);
    if (ids.length > 1) {
      await tx.person.updateMany({ where: { id: { in: ids.slice(1) } }, data: { ...tombstone, version: { increment: 1 } } });
    }
    // every spelling goes, and with the rows their search keys (normalised form, skeleton)
    await tx.personName.deleteMany({ where: { personId: { in: ids } } });
    // identity documents with their numbers, look-up hashes and notes
    await tx.personDocument.deleteMany({ where: { personId: { in: ids } } });

    // Cases about them: the case row and its dated, typed timeline stay for anonymous counts; every
    // free text about them goes, and so do notes and files.
    const subjectCases = (await tx.case.findMany({ where: { subjectPersonId: { in: ids } }, select: { id: true } })).map((c) => c.id);
    if (subjectCases.length) {
      await tx.case.updateMany({
        where: { id: { in: subjectCases } },
        data: { summaryEnc: null, consentNotesEnc: null, version: { increment: 1 } },
      });
      // type, date, gazetteer place, authority, charges, sentence and whether a warrant was shown stay
      // for statistics; the words that could point at one person (a street, a facility's local name, the
      // text of the warrant, a testimony) go
      await tx.caseEvent.updateMany({
        where: { caseId: { in: subjectCases } },
        data: { descriptionEnc: null, placeText: null, facility: null, warrantDetails: null },
      });
      await tx.advocacyAction.updateMany({ where: { caseId: { in: subjectCases } }, data: { descriptionEnc: null, responseEnc: null } });
      await tx.task.updateMany({ where: { caseId: { in: subjectCases } }, data: { descriptionEnc: null } });
      // UN submissions keep their type, categories, dates and the UN's reference for the follow-up
      // log; who submitted, why the detention is arbitrary, our comments and the government's replies go
      await tx.unSubmission.updateMany({
        where: { caseId: { in: subjectCases } },
        data: { submitterName: null, arbitraryReasonsEnc: null, commentsEnc: null, version: { increment: 1 } },
      });
      await tx.unSubmissionReply.updateMany({ where: { submission: { caseId: { in: subjectCases } } }, data: { summaryEnc: null, version: { increment: 1 } } });
    }
    await tx.note.deleteMany({ where: { OR: [{ personId: { in: ids } }, { caseId: { in: subjectCases } }] } });

    // Where they appear beside someone else's case: the relationship row stays, its free text goes.
    await tx.caseContact.updateMany({ where: { personId: { in: ids } }, data: { relationshipOther: null } });
    // Protest participations stay as they are (role and the case protested for carry nothing about them);
    // police actions against them keep type, dates, authority and outcome, but not the description.
    await tx.policeAction.updateMany({ where: { personId: { in: ids } }, data: { descriptionEnc: null } });

    // Sources that cite them or their cases are stripped: kind, reliability and date stay, the words and
    // files go, even when the same source also supports another record.
    const sourceIds = [
      ...new Set(
        (
          await tx.sourceLink.findMany({
            where: { OR: [{ personId: { in: ids } }, { caseId: { in: subjectCases } }, { caseEvent: { caseId: { in: subjectCases } } }] },
            select: { sourceId: true },
          })
        ).map((link) => link.sourceId),
      ),
    ];
    if (sourceIds.length) {
      await tx.source.updateMany({ where: { id: { in: sourceIds } }, data: { title: STRIPPED_TITLE, url: null, descriptionEnc: null } });
    }

    // Files: deleted rows now, deleted bytes once the transaction has committed (soft-deleted files too).
    const attachments = await tx.attachment.findMany({
      where: {
        OR: [
          { caseId: { in: subjectCases } },
          { caseEvent: { caseId: { in: subjectCases } } },
          { sourceId: { in: sourceIds } },
          { portraitOfId: { in: ids } },
        ],
      },
      select: { id: true, storageKey: true },
    });
    if (attachments.length) await tx.attachment.deleteMany({ where: { id: { in: attachments.map((a) => a.id) } } });

    // The reasons typed for merges may name them.
    await tx.personMerge.updateMany({ where: { OR: [{ survivorId: { in: ids } }, { mergedPersonId: { in: ids } }] }, data: { reason: null } });

    // Mentions by name elsewhere: replaced in other records' plain text, and inside the encrypted text
    // of the cases and protests they took part in (decrypted, redacted, encrypted again).
    if (needles.length) {
      const pattern = needles.map(escapeRegex).join("|");
      await redactPlainText(tx, ctx.organizationId, pattern);
      await redactEncryptedText(tx, ids, new RegExp(pattern, "giu"));
    }

    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.erased",
      entityType: "Person",
      entityId: personId,
      changedFields: [],
      metadata: { reason: data.reason },
      ipHash: ctx.ipHash ?? null,
    });
    return {
      result: { id: personId, erasedAt: erasedAt.toISOString(), mergedRecords: ids.length - 1, filesDeleted: attachments.length },
      storedFiles: attachments.map((a) => a.storageKey),
    };
  });

  // Only after the commit: had the transaction failed, the rows would still point at these files.
  await Promise.all(storedFiles.map((key) => removeStored(ctx.organizationId, key)));
  return result;
}

/** Every person merged into `personId`, directly or through earlier merges. */
async function mergedInto(tx: Tx, personId: string): Promise<string[]> {
  const found: string[] = [];
  let frontier = [personId];
  while (frontier.length) {
    const next = await tx.person.findMany({ where: { mergedIntoId: { in: frontier }, id: { notIn: [personId, ...found] } }, select: { id: true } });
    frontier = next.map((p) => p.id);
    found.push(...frontier);
  }
  return found;
}

/** Their names in every spelling and their contact details: what other records' text may quote. */
async function collectNeedles(tx: Tx, ids: string[]): Promise<string[]> {
  const people = await tx.person.findMany({
    where: { id: { in: ids } },
    select: { id: true, displayName: true, contactEnc: true, names: { select: { value: true } }, documents: { select: { id: true, numberEnc: true } } },
  });
  const values = new Set<string>();
  for (const person of people) {
    values.add(person.displayName.trim());
    for (const name of person.names) values.add(name.value.trim());
    const contact = decryptJson<PersonContact>(person.contactEnc, personContactContext(person.id));
    for (const detail of [contact?.phone, contact?.messenger, contact?.address]) if (detail) values.add(detail.trim());
    if (contact?.phone) values.add(contact.phone.replace(/\D/g, ""));
    for (const document of person.documents) {
      const number = decryptField(document.numberEnc, personDocumentNumberContext(document.id));
      if (number) values.add(number);
    }
  }
  values.delete(ERASED_DISPLAY_NAME);
  // longest first, so "Aigerim Nurlanovna" is replaced whole rather than leaving "Nurlanovna" behind
  return [...values].filter(searchable).sort((a, b) => b.length - a.length);
}

async function redactPlainText(tx: Tx, organizationId: string, pattern: string): Promise<void> {
  // one pass over each table: every column rewritten in the same statement, rows without a mention untouched
  for (const [table, columns] of Object.entries(MENTION_COLUMNS)) {
    const assignments = Prisma.join(
      columns.map((column) => Prisma.sql`${Prisma.raw(`"${column}"`)} = regexp_replace(${Prisma.raw(`"${column}"`)}, ${pattern}, ${REDACTED}, 'gi')`),
      ", ",
    );
    const mentions = Prisma.join(
      columns.map((column) => Prisma.sql`${Prisma.raw(`"${column}"`)} ~* ${pattern}`),
      " OR ",
    );
    await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET ${assignments} WHERE "organizationId" = ${organizationId}::uuid AND (${mentions})`;
  }
  await tx.$executeRaw`UPDATE "cases" SET "tags" = ARRAY(SELECT regexp_replace(tag, ${pattern}, ${REDACTED}, 'gi') FROM unnest("tags") AS tag)
                        WHERE "organizationId" = ${organizationId}::uuid AND array_to_string("tags", ' ') ~* ${pattern}`;
}

/** Decrypts, redacts and re-encrypts one column of some rows; a value that does not mention them is left alone. */
async function redactEach(
  rows: { id: string; value: string | null }[],
  context: (id: string) => string,
  pattern: RegExp,
  write: (id: string, value: string | null) => Promise<unknown>,
): Promise<void> {
  for (const row of rows) {
    const plain = decryptField(row.value, context(row.id));
    if (!plain) continue;
    const redacted = plain.replace(pattern, REDACTED);
    if (redacted !== plain) await write(row.id, encryptField(redacted, context(row.id)));
  }
}

/** The encrypted text of cases they speak for and protests they joined, which may quote them by name. */
async function redactEncryptedText(tx: Tx, ids: string[], pattern: RegExp): Promise<void> {
  const caseIds = (await tx.caseContact.findMany({ where: { personId: { in: ids } }, select: { caseId: true } })).map((c) => c.caseId);
  const protestIds = (await tx.protestParticipation.findMany({ where: { personId: { in: ids } }, select: { protestId: true } })).map((p) => p.protestId);
  if (caseIds.length) {
    const cases = await tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, summaryEnc: true, consentNotesEnc: true } });
    await redactEach(cases.map((c) => ({ id: c.id, value: c.summaryEnc })), caseSummaryContext, pattern, (id, value) =>
      tx.case.update({ where: { id }, data: { summaryEnc: value } }),
    );
    await redactEach(cases.map((c) => ({ id: c.id, value: c.consentNotesEnc })), caseConsentNotesContext, pattern, (id, value) =>
      tx.case.update({ where: { id }, data: { consentNotesEnc: value } }),
    );
    const events = await tx.caseEvent.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, descriptionEnc: true } });
    await redactEach(events.map((e) => ({ id: e.id, value: e.descriptionEnc })), eventDescriptionContext, pattern, (id, value) =>
      tx.caseEvent.update({ where: { id }, data: { descriptionEnc: value } }),
    );
    const notes = await tx.note.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, bodyEnc: true } });
    await redactEach(notes.map((n) => ({ id: n.id, value: n.bodyEnc })), noteBodyContext, pattern, (id, value) =>
      tx.note.update({ where: { id }, data: { bodyEnc: value ?? "" } }),
    );
    const tasks = await tx.task.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, descriptionEnc: true } });
    await redactEach(tasks.map((t) => ({ id: t.id, value: t.descriptionEnc })), taskDescriptionContext, pattern, (id, value) =>
      tx.task.update({ where: { id }, data: { descriptionEnc: value } }),
    );
    const advocacy = await tx.advocacyAction.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, descriptionEnc: true, responseEnc: true } });
    await redactEach(advocacy.map((a) => ({ id: a.id, value: a.descriptionEnc })), advocacyDescriptionContext, pattern, (id, value) =>
      tx.advocacyAction.update({ where: { id }, data: { descriptionEnc: value } }),
    );
    await redactEach(advocacy.map((a) => ({ id: a.id, value: a.responseEnc })), advocacyResponseContext, pattern, (id, value) =>
      tx.advocacyAction.update({ where: { id }, data: { responseEnc: value } }),
    );
  }
  if (protestIds.length) {
    const protests = await tx.protest.findMany({ where: { id: { in: protestIds } }, select: { id: true, descriptionEnc: true } });
    await redactEach(protests.map((p) => ({ id: p.id, value: p.descriptionEnc })), protestDescriptionContext, pattern, (id, value) =>
      tx.protest.update({ where: { id }, data: { descriptionEnc: value } }),
    );
  }
}
