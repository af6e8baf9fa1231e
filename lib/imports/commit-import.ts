// Committing an import: a background job (the queue the reports use) that prepares the sheet again
// exactly as previewed and writes everything in ONE transaction: all rows or none. A cancel or any
// failure rolls the whole file back. Each record carries its source (file, sheet, row) in
// import_records and in its audit event; the final report (a CSV of every row and what became of it)
// is the job's file.
import "server-only";
import { randomUUID } from "node:crypto";
import { auditMany, type AuditInput } from "@/lib/audit";
import { requestDuplicateScan } from "@/lib/people/scan-duplicates";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField, encryptJson, lookupHash } from "@/lib/crypto";
import { caseSummaryContext, eventDescriptionContext, personContactContext, personNotesContext, policeDescriptionContext, protestDescriptionContext } from "@/lib/crypto-contexts";
import { toCsv } from "@/lib/csv";
import { withTenant, type Tx } from "@/lib/db";
import { reserveCaseReferences } from "@/lib/cases/create-case";
import { deriveStatus } from "@/lib/cases/internal";
import { skeletonKey } from "@/lib/names/keys";
import { parseUncertainDate } from "@/lib/validations/dates";
import { AppError } from "@/lib/errors";
import type { JobRunContext } from "@/lib/jobs/kinds";
import { JobCancelled } from "@/lib/jobs/queue";
import type { ReportFile } from "@/lib/reports/common";
import { documentColumns } from "@/lib/people/documents";
import { nameRows } from "@/lib/people/shared";
import { importCommitSchema } from "@/lib/validations/import";
import { normalisePhone } from "@/lib/validations/person";
import { insertRows, type Column } from "./bulk-insert";
import { createPreparer, type NewPerson, type PreparedRow } from "./prepare";
import type { ImportEntity } from "./fields";
import { pickSheet } from "./preview-import";
import { deleteUploadIfDone, removeUploadFile } from "./delete-upload";
import { loadUpload } from "./upload-import";
import { parseInput } from "@/lib/service-kit";

/** One transaction for the whole file: a large sheet needs longer than an ordinary request. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

export function importAuditedFilter(payload: Record<string, unknown>): Record<string, unknown> {
  return { entity: payload.entity, sheet: typeof payload.sheet === "string" ? payload.sheet.slice(0, 100) : null, uploadId: payload.uploadId };
}

interface Outcome {
  row: number;
  action: "created" | "linked" | "skipped" | "alreadyImported";
  reference: string | null;
  recordId: string | null;
}

export interface ImportResult {
  created: number;
  linked: number;
  skipped: number;
  alreadyImported: number;
  people: number;
  cases: number;
  events: number;
  protests: number;
  participants: number;
  policeActions: number;
}

/**
 * The job's work. Refuses (and writes nothing) while any row has an error or an undecided duplicate. The
 * sheet is read again from the file a batch at a time, each batch prepared and written before the next
 * is read; a row found wrong on the way stops the writing, and the whole transaction is rolled back.
 */
export async function runImport(ctx: Ctx, payload: Record<string, unknown>, run: JobRunContext): Promise<ReportFile> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importCommitSchema, payload);
  const loaded = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const { upload, workbook } = loaded;
  const sheet = pickSheet(workbook, mapping.sheet);
  const { outcomes, removedUpload } = await withTenant(
    ctx,
    async (tx) => {
      const preparer = await createPreparer({ ctx, tx, sheet, mapping, keep: { issues: 0, duplicates: 0 } });
      const writer = createWriter(tx, ctx, { entity: mapping.entity, existingProtests: preparer.existingProtests, fileName: upload.fileName, sheet: sheet.name, jobId: run.jobId });
      let blocked = false;
      let seen = 0;
      for await (const batch of loaded.rows(sheet.name)) {
        const rows = await preparer.add(batch);
        // once a row cannot be written nothing more is: the rest is only checked, for the counts
        blocked ||= rows.some((row) => row.state === "invalid" || row.state === "undecided");
        if (!blocked) await writer.write(rows);
        seen += rows.length;
        // throws when the job was cancelled: the transaction, and with it every row so far, is rolled back
        await run.progress(Math.min(seen, sheet.rowCount), sheet.rowCount);
      }
      const { prepared } = await preparer.finish();
      if (prepared.counts.invalid > 0) throw new AppError("INVALID", "Some rows have errors.", { key: "importHasErrors", values: { n: prepared.counts.invalid } });
      if (prepared.counts.undecided > 0) throw new AppError("INVALID", "Some rows need a decision.", { key: "importUndecided", values: { n: prepared.counts.undecided } });
      const written = await writer.finish();
      const sheets = workbook.sheets.map((candidate) => candidate.name);
      return { ...written, removedUpload: await deleteUploadIfDone(tx, ctx, { id: upload.id, sheets }, sheet.name, run.jobId) };
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
  // the file goes once its row is gone for good
  await removeUploadFile(ctx.organizationId, removedUpload);
  const csv = toCsv(
    ["row", "action", "reference", "record"],
    outcomes.map((outcome) => [outcome.row, outcome.action, outcome.reference ?? "", outcome.recordId ?? ""]),
  );
  const base = upload.fileName.replace(/\.[^.]+$/, "");
  return { bytes: Buffer.from(csv, "utf8"), fileName: `${base}-import-report.csv`, mimeType: "text/csv; charset=utf-8", records: outcomes.length };
}

interface WriteOptions {
  entity: ImportEntity;
  /** the preparation's protests recorded before (it adds to them as batches come) */
  existingProtests: Map<string, string>;
  fileName: string;
  sheet: string;
  jobId: string;
}

/** Writes prepared rows batch by batch; what it keeps between batches is the report's line per row, the audit events and the keys that make rows of one person one person. */
function createWriter(tx: Tx, ctx: Ctx, options: WriteOptions): { write(batch: PreparedRow[]): Promise<void>; finish(): Promise<{ outcomes: Outcome[]; result: ImportResult }> } {
  const entity = options.entity;
  const source = (row: number) => ({ file: options.fileName, sheet: options.sheet, row });
  const outcomes: Outcome[] = [];
  const result: ImportResult = { created: 0, linked: 0, skipped: 0, alreadyImported: 0, people: 0, cases: 0, events: 0, protests: 0, participants: 0, policeActions: 0 };
  // family contacts named the same, with the same phone, in several rows are one person
  const contactsByKey = new Map<string, string>();
  // a protester named in several rows of actions or protests, not linked to anyone recorded, is one new person
  const newPeopleByName = new Map<string, string>();
  const protestIds = new Map<string, string>();
  const participations = new Set<string>();
  const touchedCases = new Set<string>();
  // every audit event of the file, appended at the very end: the chain's lock (one per organisation)
  // is then held only for the last moment of the transaction, not while thousands of rows go in, so the
  // organisation's other work, and a cancel (which is audited), do not wait for the whole import
  const events: Omit<AuditInput, "organizationId">[] = [];

  async function write(batch: PreparedRow[]): Promise<void> {
    const references = entity === "cases" ? await reserveCaseReferences(tx, ctx.organizationId, new Date().getUTCFullYear(), batch.filter((row) => row.state === "new").length) : [];
    let done = 0;
    const people: ReturnType<typeof personRow>[] = [];
    const names: ReturnType<typeof nameRows> = [];
    const documents: Record<string, unknown>[] = [];
    const cases: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const caseEvents: Record<string, unknown>[] = [];
    const protests: Record<string, unknown>[] = [];
    const participants: Record<string, unknown>[] = [];
    const policeActions: Record<string, unknown>[] = [];
    const records: { organizationId: string; rowKey: string; role: string; entityType: string; entityId: string; fileName: string; sheet: string; rowNumber: number; jobId: string }[] = [];
    const record = (rowKey: string, role: string, entityType: string, entityId: string, row: number) =>
      records.push({ organizationId: ctx.organizationId, rowKey, role, entityType, entityId, fileName: options.fileName, sheet: options.sheet, rowNumber: row, jobId: options.jobId });
    const addPerson = (person: NewPerson, row: number): string => {
      const id = randomUUID();
      people.push(personRow(ctx, id, person));
      names.push(...nameRows(ctx.organizationId, id, person.names.map((value) => ({ value }))));
      if (person.document) {
        const documentId = randomUUID();
        documents.push({ id: documentId, organizationId: ctx.organizationId, personId: id, ...documentColumns(documentId, { kind: person.document.kind, number: person.document.number, issuingCountry: null, issuedOn: null, expiresOn: null, note: null, keepAsWritten: true }) });
      }
      events.push({ actorUserId: ctx.userId, action: "person.create", entityType: "Person", entityId: id, changedFields: personFields(person), metadata: { names: person.names.length, source: source(row), importJobId: options.jobId }, ipHash: ctx.ipHash ?? null });
      result.people += 1;
      return id;
    };

    for (const row of batch) {
      if (row.state === "imported") {
        result.alreadyImported += 1;
        outcomes.push({ row: row.row, action: "alreadyImported", reference: null, recordId: null });
        continue;
      }
      if (row.state !== "new") {
        result.skipped += 1;
        outcomes.push({ row: row.row, action: "skipped", reference: null, recordId: null });
        continue;
      }
      if (entity === "events") {
        const event = row.event!;
        const id = randomUUID();
        const when = parseUncertainDate(event.date) ?? { date: null, precision: "UNKNOWN" as const };
        caseEvents.push({
          id,
          organizationId: ctx.organizationId,
          caseId: row.caseId,
          type: event.type,
          date: when.date,
          datePrecision: when.precision,
          placeId: event.placeId,
          placeText: event.placeId ? null : event.placeText,
          facility: event.facility,
          authority: event.authority,
          charges: event.charges,
          sentenceMonths: event.sentenceMonths,
          descriptionEnc: encryptField(event.description, eventDescriptionContext(id)),
          createdById: ctx.userId,
        });
        touchedCases.add(row.caseId!);
        record(row.key, "row", "CaseEvent", id, row.row);
        events.push({ actorUserId: ctx.userId, action: "case.event.create", entityType: "CaseEvent", entityId: id, metadata: { caseId: row.caseId, type: event.type, source: source(row.row), importJobId: options.jobId }, ipHash: ctx.ipHash ?? null });
        result.events += 1;
        result.created += 1;
        outcomes.push({ row: row.row, action: "created", reference: null, recordId: id });
        continue;
      }
      const person = (): string => {
        if (row.linkTo) return row.linkTo;
        const key = skeletonKey(row.person!.names[0]!);
        const known = newPeopleByName.get(key);
        if (known) return known;
        const id = addPerson(row.person!, row.row);
        newPeopleByName.set(key, id);
        record(row.key, "person", "Person", id, row.row);
        return id;
      };
      if (entity === "protests") {
        const protest = row.protest!;
        let protestId = protestIds.get(protest.key) ?? options.existingProtests.get(protest.key);
        if (!protestId) {
          protestId = randomUUID();
          protestIds.set(protest.key, protestId);
          const { description, ...fields } = protest.data;
          protests.push({ id: protestId, organizationId: ctx.organizationId, ...fields, descriptionEnc: encryptField(description, protestDescriptionContext(protestId)), createdById: ctx.userId });
          record(protest.key, "protest", "Protest", protestId, row.row);
          events.push({ actorUserId: ctx.userId, action: "protest.create", entityType: "Protest", entityId: protestId, metadata: { kind: fields.kind, source: source(row.row), importJobId: options.jobId }, ipHash: ctx.ipHash ?? null });
          result.protests += 1;
        }
        record(row.key, "row", "Protest", protestId, row.row);
        if (row.person || row.linkTo) {
          const personId = person();
          const pair = `${protestId}\u0000${personId}`;
          if (!participations.has(pair)) {
            participations.add(pair);
            participants.push({ organizationId: ctx.organizationId, protestId, personId, role: protest.role, caseId: row.caseId ?? null });
            events.push({ actorUserId: ctx.userId, action: "protest.participants.add", entityType: "Protest", entityId: protestId, metadata: { personId, role: protest.role, source: source(row.row), importJobId: options.jobId }, ipHash: ctx.ipHash ?? null });
            result.participants += 1;
          }
        }
        if (row.linkTo) result.linked += 1;
        else result.created += 1;
        outcomes.push({ row: row.row, action: row.linkTo ? "linked" : "created", reference: null, recordId: protestId });
        continue;
      }
      if (entity === "policeActions") {
        const action = row.police!;
        const personId = person();
        const id = randomUUID();
        const { description, ...fields } = action;
        policeActions.push({ id, organizationId: ctx.organizationId, personId, ...fields, caseId: row.caseId ?? null, descriptionEnc: encryptField(description, policeDescriptionContext(id)), createdById: ctx.userId });
        record(row.key, "row", "PoliceAction", id, row.row);
        events.push({ actorUserId: ctx.userId, action: "policeAction.create", entityType: "PoliceAction", entityId: id, metadata: { type: action.type, personId, source: source(row.row), importJobId: options.jobId }, ipHash: ctx.ipHash ?? null });
        result.policeActions += 1;
        if (row.linkTo) result.linked += 1;
        else result.created += 1;
        outcomes.push({ row: row.row, action: row.linkTo ? "linked" : "created", reference: null, recordId: id });
        continue;
      }
      if (entity === "people") {
        const personId = row.linkTo ?? addPerson(row.person!, row.row);
        record(row.key, "row", "Person", personId, row.row);
        if (row.linkTo) {
          result.linked += 1;
          events.push({ actorUserId: ctx.userId, action: "import.link", entityType: "Person", entityId: personId, metadata: { source: source(row.row), importJobId: options.jobId }, ipHash: ctx.ipHash ?? null });
        } else result.created += 1;
        outcomes.push({ row: row.row, action: row.linkTo ? "linked" : "created", reference: null, recordId: personId });
        continue;
      }
      const detail = row.case!;
      const subjectId = row.linkTo ?? addPerson(row.person!, row.row);
      const caseId = randomUUID();
      const reference = references[done]!;
      done += 1;
      cases.push({
        id: caseId,
        organizationId: ctx.organizationId,
        reference,
        subjectPersonId: subjectId,
        status: detail.status,
        disclosureLevel: "PRIVATE",
        tags: detail.tags,
        summaryEnc: encryptField(detail.summary, caseSummaryContext(caseId)),
        createdById: ctx.userId,
      });
      record(row.key, "row", "Case", caseId, row.row);
      record(row.key, "subject", "Person", subjectId, row.row);
      const seen = new Set([subjectId]);
      detail.contacts.forEach((contact, index) => {
        const contactKey = `${contact.person.names.join("|").toLowerCase()}\u0000${contact.person.phone ?? ""}`;
        let personId = contactsByKey.get(contactKey);
        if (!personId) {
          personId = addPerson(contact.person, row.row);
          contactsByKey.set(contactKey, personId);
          record(row.key, `contact.${index}`, "Person", personId, row.row);
        }
        if (seen.has(personId)) return;
        seen.add(personId);
        contacts.push({ organizationId: ctx.organizationId, caseId, personId, relationship: contact.relationship, isPrimary: index === 0 });
      });
      events.push({ actorUserId: ctx.userId, action: "case.create", entityType: "Case", entityId: caseId, metadata: { reference, contacts: detail.contacts.length, source: source(row.row), importJobId: options.jobId, linkedSubject: Boolean(row.linkTo) }, ipHash: ctx.ipHash ?? null });
      result.cases += 1;
      if (row.linkTo) result.linked += 1;
      else result.created += 1;
      outcomes.push({ row: row.row, action: row.linkTo ? "linked" : "created", reference, recordId: caseId });
    }

    // people (and their names, whose search keys a trigger keeps) before the cases that point at them
    await insertRows(tx, "people", PEOPLE_COLUMNS, people, { updatedAt: "now()" });
    await insertRows(tx, "person_names", NAME_COLUMNS, names);
    await insertRows(tx, "person_documents", DOCUMENT_COLUMNS, documents, { updatedAt: "now()" });
    await insertRows(tx, "cases", CASE_COLUMNS, cases, { updatedAt: "now()" });
    await insertRows(tx, "case_contacts", CONTACT_COLUMNS, contacts);
    await insertRows(tx, "case_events", EVENT_COLUMNS, caseEvents, { updatedAt: "now()" });
    await insertRows(tx, "protests", PROTEST_COLUMNS, protests, { updatedAt: "now()" });
    await insertRows(tx, "protest_participations", PARTICIPANT_COLUMNS, participants, {}, "ON CONFLICT (\"protestId\", \"personId\") DO NOTHING");
    await insertRows(tx, "police_actions", POLICE_COLUMNS, policeActions, { updatedAt: "now()" });
    await insertRows(tx, "import_records", RECORD_COLUMNS, records);
  }

  async function finish(): Promise<{ outcomes: Outcome[]; result: ImportResult }> {

  if (touchedCases.size) await settleTimelines(tx, [...touchedCases]);
  // The last word on a cancel, in this transaction: a cancel that came after the last progress report
  // rolls everything back here; once the result is written (and this row locked), a cancel waits for the
  // commit and is then refused (lib/jobs/queue.ts cancelJob), so a job never reads "cancelled" over
  // records that were kept. The job's row before the chain's lock: a cancel takes them in that order too.
  const stillRunning = await tx.job.updateMany({ where: { id: options.jobId, status: "RUNNING" }, data: { result: result as object } });
  if (stillRunning.count !== 1) throw new JobCancelled();
  events.push({ actorUserId: ctx.userId, action: "import.commit", entityType: "Job", entityId: options.jobId, metadata: { entity, file: options.fileName, sheet: options.sheet, ...result }, ipHash: ctx.ipHash ?? null });
  await auditMany(tx, ctx.organizationId, events);
  // the people written here were not compared with each other or the rest as the person form compares
  // them: a background scan does it, queued only if this import commits
  if (result.people > 0) await requestDuplicateScan(ctx.organizationId, tx);
  return { outcomes, result };
  }

  return { write, finish };
}

const col = (name: string, type = "text", list = false): Column => ({ name, type, list });
const PEOPLE_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("displayName"), col("gender", '"Gender"'), col("birthDate", "date"), col("birthDatePrecision", '"DatePrecision"'), col("ethnicity"), col("hometownPlaceId", "uuid"), col("hometownText"), col("contactEnc"), col("phoneHash"), col("notesEnc"), col("createdById", "uuid")];
const NAME_COLUMNS = [col("organizationId", "uuid"), col("personId", "uuid"), col("value"), col("kind", '"NameKind"'), col("script", '"NameScript"'), col("normalized"), col("skeleton"), col("isPrimary", "boolean"), col("position", "integer")];
const CASE_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("reference"), col("subjectPersonId", "uuid"), col("status", '"CaseStatus"'), col("disclosureLevel", '"DisclosureLevel"'), col("tags", "text", true), col("summaryEnc"), col("createdById", "uuid")];
const CONTACT_COLUMNS = [col("organizationId", "uuid"), col("caseId", "uuid"), col("personId", "uuid"), col("relationship", '"Relationship"'), col("isPrimary", "boolean")];
const EVENT_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("caseId", "uuid"), col("type", '"CaseEventType"'), col("date", "date"), col("datePrecision", '"DatePrecision"'), col("placeId", "uuid"), col("placeText"), col("facility"), col("authority"), col("charges"), col("sentenceMonths", "integer"), col("descriptionEnc"), col("createdById", "uuid")];
const PROTEST_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("startsAt", "timestamptz"), col("city"), col("placeId", "uuid"), col("location"), col("kind", '"ProtestKind"'), col("organiser"), col("descriptionEnc"), col("createdById", "uuid")];
const PARTICIPANT_COLUMNS = [col("organizationId", "uuid"), col("protestId", "uuid"), col("personId", "uuid"), col("role", '"ParticipationRole"'), col("caseId", "uuid")];
const POLICE_COLUMNS = [
  col("id", "uuid"), col("organizationId", "uuid"), col("personId", "uuid"), col("protestId", "uuid"), col("caseId", "uuid"), col("type", '"PoliceActionType"'), col("date", "date"), col("authority"), col("legalBasis"),
  col("hearingAt", "timestamptz"), col("durationHours", "integer"), col("arrestDays", "integer"), col("fineAmount", "numeric"), col("currency"), col("lawyer"), col("status", '"PoliceActionStatus"'), col("outcome", '"PoliceOutcome"'),
  col("outcomeDate", "date"), col("outcomeFineAmount", "numeric"), col("outcomeDaysServed", "integer"), col("appealResult", '"AppealResult"'), col("appealResultDate", "date"), col("descriptionEnc"), col("createdById", "uuid"),
];
const DOCUMENT_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("personId", "uuid"), col("kind", '"IdentityDocumentKind"'), col("numberEnc"), col("numberHash"), col("issuingCountry"), col("issuedOn", "date"), col("expiresOn", "date"), col("noteEnc"), col("checkOverridden", "boolean")];
const RECORD_COLUMNS = [col("organizationId", "uuid"), col("rowKey"), col("role"), col("entityType"), col("entityId", "uuid"), col("fileName"), col("sheet"), col("rowNumber", "integer"), col("jobId", "uuid")];

function personRow(ctx: Ctx, id: string, person: NewPerson) {
  const phone = person.phone ? normalisePhone(person.phone) : null;
  return {
    id,
    organizationId: ctx.organizationId,
    displayName: person.names[0]!,
    gender: person.gender,
    birthDate: person.birth.date,
    birthDatePrecision: person.birth.date ? person.birth.precision : ("UNKNOWN" as const),
    ethnicity: person.ethnicity,
    hometownPlaceId: person.hometownPlaceId,
    hometownText: person.hometownText,
    contactEnc: person.phone ? encryptJson({ phone: person.phone }, personContactContext(id)) : null,
    phoneHash: phone ? lookupHash(phone, "phone") : null,
    notesEnc: encryptField(person.notes, personNotesContext(id)),
    createdById: ctx.userId,
  };
}

function personFields(person: NewPerson): string[] {
  return Object.entries({ names: person.names.length, documents: person.document, gender: person.gender !== "UNKNOWN", birthDate: person.birth.date, hometownPlaceId: person.hometownPlaceId, hometownText: person.hometownText, contact: person.phone, ethnicity: person.ethnicity, notes: person.notes })
    .filter(([, value]) => Boolean(value))
    .map(([key]) => key);
}

/**
 * The status and last event date of every case that got timeline events, as the timeline form settles
 * one case (lib/cases/internal.ts deriveStatus), in one read and one update for all of them. The date
 * rules were checked row by row in the preparation.
 */
async function settleTimelines(tx: Tx, caseIds: string[]): Promise<void> {
  for (let start = 0; start < caseIds.length; start += 2000) {
    const cases = await tx.case.findMany({
      where: { id: { in: caseIds.slice(start, start + 2000) } },
      select: { id: true, status: true, statusOverridden: true, events: { where: { deletedAt: null }, select: { id: true, type: true, date: true, datePrecision: true, createdAt: true } } },
    });
    const settled = cases.map((found) => {
      const derived = deriveStatus(found.events);
      return { id: found.id, status: found.statusOverridden || derived.status === null ? found.status : derived.status, lastEventDate: derived.lastEventDate?.toISOString().slice(0, 10) ?? null };
    });
    await tx.$executeRaw`
      UPDATE cases c SET status = u.status::"CaseStatus", "lastEventDate" = u.day::date, "updatedAt" = now()
        FROM unnest(${settled.map((row) => row.id)}::uuid[], ${settled.map((row) => row.status)}::text[], ${settled.map((row) => row.lastEventDate)}::text[]) AS u(id, status, day)
       WHERE c.id = u.id`;
  }
}
