// Committing an import: a background job (the queue the reports use) that prepares the sheet again
// exactly as previewed and writes everything in ONE transaction: all rows or none. A cancel or any
// failure rolls the whole file back. Each record carries its source (file, sheet, row) in
// import_records and in its audit event; the final report (a CSV of every row and what became of it)
// is the job's file.
import "server-only";
import { randomUUID } from "node:crypto";
import { auditMany, type AuditInput } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField, encryptJson, lookupHash } from "@/lib/crypto";
import { caseSummaryContext, personContactContext, personNotesContext } from "@/lib/crypto-contexts";
import { toCsv } from "@/lib/csv";
import { withTenant, type Tx } from "@/lib/db";
import { reserveCaseReferences } from "@/lib/cases/create-case";
import { AppError } from "@/lib/errors";
import type { JobRunContext } from "@/lib/jobs/kinds";
import type { ReportFile } from "@/lib/reports/common";
import { nameRows } from "@/lib/people/shared";
import { importCommitSchema } from "@/lib/validations/import";
import { normalisePhone } from "@/lib/validations/person";
import { insertRows, type Column } from "./bulk-insert";
import { prepareImport, type NewPerson, type Prepared } from "./prepare";
import { pickSheet } from "./preview-import";
import { loadUpload } from "./upload-import";
import { parseInput } from "@/lib/service-kit";

/** Rows written per batch between progress reports (and cancellation checks). */
const BATCH = 500;
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
}

/** The job's work. Refuses (and writes nothing) while any row has an error or an undecided duplicate. */
export async function runImport(ctx: Ctx, payload: Record<string, unknown>, run: JobRunContext): Promise<ReportFile> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importCommitSchema, payload);
  const { upload, workbook } = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const sheet = pickSheet(workbook, mapping.sheet);
  const { outcomes, result } = await withTenant(
    ctx,
    async (tx) => {
      const prepared = await prepareImport({ ctx, tx, sheet, mapping });
      if (prepared.counts.invalid > 0) throw new AppError("INVALID", "Some rows have errors.", { key: "importHasErrors", values: { n: prepared.counts.invalid } });
      if (prepared.counts.undecided > 0) throw new AppError("INVALID", "Some rows need a decision.", { key: "importUndecided", values: { n: prepared.counts.undecided } });
      return writeRows(tx, ctx, prepared, { fileName: upload.fileName, sheet: sheet.name, jobId: run.jobId, progress: run.progress });
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
  await withTenant(ctx, (tx) => tx.job.updateMany({ where: { id: run.jobId, status: "RUNNING" }, data: { result: result as object } }));
  const csv = toCsv(
    ["row", "action", "reference", "record"],
    outcomes.map((outcome) => [outcome.row, outcome.action, outcome.reference ?? "", outcome.recordId ?? ""]),
  );
  const base = upload.fileName.replace(/\.[^.]+$/, "");
  return { bytes: Buffer.from(csv, "utf8"), fileName: `${base}-import-report.csv`, mimeType: "text/csv; charset=utf-8", records: outcomes.length };
}

interface WriteOptions {
  fileName: string;
  sheet: string;
  jobId: string;
  progress: JobRunContext["progress"];
}

async function writeRows(tx: Tx, ctx: Ctx, prepared: Prepared, options: WriteOptions): Promise<{ outcomes: Outcome[]; result: ImportResult }> {
  const source = (row: number) => ({ file: options.fileName, sheet: options.sheet, row });
  const outcomes: Outcome[] = [];
  const result: ImportResult = { created: 0, linked: 0, skipped: 0, alreadyImported: 0, people: 0, cases: 0 };
  const toWrite = prepared.rows.filter((row) => row.state === "new");
  const references = prepared.entity === "cases" ? await reserveCaseReferences(tx, ctx.organizationId, new Date().getUTCFullYear(), toWrite.length) : [];
  // family contacts named the same, with the same phone, in several rows are one person
  const contactsByKey = new Map<string, string>();
  let done = 0;

  for (let start = 0; start < prepared.rows.length; start += BATCH) {
    const batch = prepared.rows.slice(start, start + BATCH);
    const people: ReturnType<typeof personRow>[] = [];
    const names: ReturnType<typeof nameRows> = [];
    const cases: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const records: { organizationId: string; rowKey: string; role: string; entityType: string; entityId: string; fileName: string; sheet: string; rowNumber: number; jobId: string }[] = [];
    const events: Omit<AuditInput, "organizationId">[] = [];
    const record = (rowKey: string, role: string, entityType: string, entityId: string, row: number) =>
      records.push({ organizationId: ctx.organizationId, rowKey, role, entityType, entityId, fileName: options.fileName, sheet: options.sheet, rowNumber: row, jobId: options.jobId });
    const addPerson = (person: NewPerson, row: number): string => {
      const id = randomUUID();
      people.push(personRow(ctx, id, person));
      names.push(...nameRows(ctx.organizationId, id, person.names.map((value) => ({ value }))));
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
      if (prepared.entity === "people") {
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
    await insertRows(tx, "cases", CASE_COLUMNS, cases, { updatedAt: "now()" });
    await insertRows(tx, "case_contacts", CONTACT_COLUMNS, contacts);
    await insertRows(tx, "import_records", RECORD_COLUMNS, records);
    await auditMany(tx, ctx.organizationId, events);
    // throws when the job was cancelled: the transaction, and with it every row so far, is rolled back
    await options.progress(Math.min(start + BATCH, prepared.rows.length), prepared.rows.length);
  }

  await auditMany(tx, ctx.organizationId, [
    { actorUserId: ctx.userId, action: "import.commit", entityType: "Job", entityId: options.jobId, metadata: { entity: prepared.entity, file: options.fileName, sheet: options.sheet, ...result }, ipHash: ctx.ipHash ?? null },
  ]);
  return { outcomes, result };
}

const col = (name: string, type = "text", list = false): Column => ({ name, type, list });
const PEOPLE_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("displayName"), col("gender", '"Gender"'), col("birthDate", "date"), col("birthDatePrecision", '"DatePrecision"'), col("ethnicity"), col("hometownPlaceId", "uuid"), col("hometownText"), col("contactEnc"), col("phoneHash"), col("notesEnc"), col("createdById", "uuid")];
const NAME_COLUMNS = [col("organizationId", "uuid"), col("personId", "uuid"), col("value"), col("kind", '"NameKind"'), col("script", '"NameScript"'), col("normalized"), col("skeleton"), col("isPrimary", "boolean"), col("position", "integer")];
const CASE_COLUMNS = [col("id", "uuid"), col("organizationId", "uuid"), col("reference"), col("subjectPersonId", "uuid"), col("status", '"CaseStatus"'), col("disclosureLevel", '"DisclosureLevel"'), col("tags", "text", true), col("summaryEnc"), col("createdById", "uuid")];
const CONTACT_COLUMNS = [col("organizationId", "uuid"), col("caseId", "uuid"), col("personId", "uuid"), col("relationship", '"Relationship"'), col("isPrimary", "boolean")];
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
  return Object.entries({ names: person.names.length, gender: person.gender !== "UNKNOWN", birthDate: person.birth.date, hometownPlaceId: person.hometownPlaceId, hometownText: person.hometownText, contact: person.phone, ethnicity: person.ethnicity, notes: person.notes })
    .filter(([, value]) => Boolean(value))
    .map(([key]) => key);
}
