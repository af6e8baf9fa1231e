// From a sheet and its mapping to the records an import would write: every row read with the same zod
// schemas as the forms, every problem named by row and column, unknown values and unmatched places
// listed for a decision, likely duplicates of existing people ranked as the duplicate hints rank them
// (./duplicates.ts), and rows already imported (by their stable key) recognised. Used by the preview and,
// again, by the job as it writes, so what is written is exactly what was previewed. A sheet is prepared
// a batch of rows at a time: only what a later row needs (keys, decisions) is kept, and of the issues and
// likely duplicates only the first ones in sheet order that the preview's page shows (all are counted).
import "server-only";
import { createHash } from "node:crypto";
import { type Ctx, importRecordScope, liveCaseScope, personNameScope } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { findImpossibleDate } from "@/lib/cases/internal";
import type { CaseStatus, Gender, ParticipationRole, Relationship } from "@/lib/generated/prisma/enums";
import type { IdentityDocumentKind } from "@/lib/generated/prisma/enums";
import { checkDocumentNumber, normaliseDocumentNumber } from "@/lib/identity-documents/numbers";
import { skeletonKey } from "@/lib/names/keys";
import { documentNumberHash } from "@/lib/people/documents";
import type { DuplicateFacts } from "@/lib/people/find-duplicate-candidates";
import { createCaseSchema, eventSchema, type EventData } from "@/lib/validations/case";
import { parseUncertainDate, type UncertainDate } from "@/lib/validations/dates";
import type { DuplicateDecision, ImportMapping } from "@/lib/validations/import";
import { personCreateSchema } from "@/lib/validations/person";
import { policeActionCreateSchema, type PoliceActionCreate } from "@/lib/validations/police-action";
import { protestCreateSchema, type ProtestCreate } from "@/lib/validations/protest";
import { readDateCell } from "./dates";
import { fieldsOf, isValueKind, mapValue, normaliseHeader, suggestMapping, valueChoices, type FieldSpec, type ImportEntity } from "./fields";
import { findImportDuplicates, newDuplicateState, type ImportCandidate } from "./duplicates";
import { firstInOrder } from "./first-in-order";
import { cellText, type Cell, type Sheet, type SheetRow } from "./read-sheet";

export interface RowIssue {
  row: number;
  /** the column's header as written in the sheet ("" for a problem of the whole row) */
  column: string;
  field: string;
  /** message key (area "validation" or "import") */
  key: string;
  severity: "error" | "warning";
  value?: string;
}

export interface DuplicateHint {
  row: number;
  name: string;
  /** best first, each with why it matched */
  candidates: ImportCandidate[];
  decision: DuplicateDecision | null;
}

/** A person a row creates, as validated. */
export interface NewPerson {
  names: string[];
  gender: Gender;
  birth: UncertainDate;
  hometownPlaceId: string | null;
  hometownText: string | null;
  phone: string | null;
  ethnicity: string | null;
  notes: string | null;
  /** an identity document (people only), its number normalised */
  document?: { kind: IdentityDocumentKind; number: string } | null;
}

export interface PreparedRow {
  row: number;
  key: string;
  state: "new" | "imported" | "skip" | "invalid" | "undecided";
  /** the existing person a row is linked to instead of creating one (people: the person; cases: the subject) */
  linkTo: string | null;
  person: NewPerson | null;
  case: { status: CaseStatus; tags: string[]; summary: string | null; contacts: { person: NewPerson; relationship: Relationship }[] } | null;
  /** the recorded case the row belongs to (a timeline event) or is for (a protest's participant, a police action) */
  caseId?: string | null;
  event?: EventData | null;
  /** the protest a row is a participant of, by the key of its day, city, place and kind */
  protest?: { key: string; data: Omit<ProtestCreate, "participants" | "sources">; role: ParticipationRole } | null;
  police?: Omit<PoliceActionCreate, "personId"> | null;
}

/** Rows named per unknown value or unmatched place: enough to find them in the sheet, whatever its size. */
export const NAMED_ROWS = 20;

export interface UnknownValue {
  field: string;
  column: string;
  /** the normalised text the decision is keyed by */
  value: string;
  text: string;
  /** the first NAMED_ROWS rows with it */
  rows: number[];
  /** how many rows have it */
  rowCount: number;
  choices: readonly string[];
}

export interface UnmatchedPlace {
  value: string;
  text: string;
  /** the first NAMED_ROWS rows with it */
  rows: number[];
  /** how many rows have it */
  rowCount: number;
}

export interface Prepared {
  entity: ImportEntity;
  sheet: { name: string; headers: string[]; headerRow: number; rows: number; notes: Sheet["notes"] };
  /** column index → field, as used */
  columns: Record<string, string>;
  /** the first `keep.issues` of the sheet's issues, by row and then column order */
  issues: RowIssue[];
  /** every issue of the sheet */
  issueTotal: number;
  unknownValues: UnknownValue[];
  unmatchedPlaces: UnmatchedPlace[];
  /** the first `keep.duplicates` rows with likely duplicates, in row order */
  duplicates: DuplicateHint[];
  /** every row of the sheet with likely duplicates */
  duplicateTotal: number;
  counts: { rows: number; new: number; imported: number; skip: number; invalid: number; undecided: number; warnings: number };
}

interface PlaceIndex {
  byKey: Map<string, string>;
}

/** Every name of every gazetteer place, in every script, by its transliteration-independent key. */
async function loadPlaces(tx: Tx): Promise<PlaceIndex> {
  const places = await tx.place.findMany({ select: { id: true, code: true, nameEn: true, nameKk: true, nameRu: true, nameZh: true } });
  const byKey = new Map<string, string>();
  for (const place of places) {
    for (const name of [place.nameEn, place.nameKk, place.nameRu, place.nameZh, place.code]) {
      if (!name) continue;
      // "Ghulja (Yining)": the whole name, the name before the brackets and the one inside them
      const parts = [name, name.split("(")[0] ?? "", /\(([^)]+)\)/.exec(name)?.[1] ?? ""];
      for (const part of parts) {
        const key = skeletonKey(part.trim());
        if (key && !byKey.has(key)) byKey.set(key, place.id);
      }
    }
  }
  return { byKey };
}

function matchPlace(index: PlaceIndex, text: string): string | null {
  const whole = index.byKey.get(skeletonKey(text));
  if (whole) return whole;
  // "Кульджа, Илийский округ": the first part names the place
  const first = text.split(/[,(/]/)[0]?.trim();
  return first ? index.byKey.get(skeletonKey(first)) ?? null : null;
}

const splitList = (text: string) =>
  text
    .split(/[;|/\n]|,(?=\s*\S)/)
    .map((part) => part.trim())
    .filter(Boolean);

/** The stable key of a row: its entity and mapped cells, so the same row imported again is recognised. */
function rowKey(entity: ImportEntity, fields: string[], values: Map<string, string>): string {
  const hash = createHash("sha256").update(entity);
  for (const field of fields) hash.update(`\u0001${field}\u0002${normaliseHeader(values.get(field) ?? "")}`);
  return hash.digest("hex");
}

/** Where a schema issue's path points in the sheet: people and cases fields by their input paths. */
function fieldOfPath(entity: ImportEntity, path: string): string {
  if (entity === "events") return path.startsWith("placeText") || path.startsWith("placeId") ? "place" : path.split(".")[0] ?? "";
  if (entity === "protests") return path.startsWith("startsAt") ? "date" : path.startsWith("placeId") ? "location" : path.split(".")[0] ?? "";
  if (entity === "policeActions") {
    if (path.startsWith("hearingAt")) return "hearingDate";
    if (path.startsWith("personId")) return "personName";
    if (path.startsWith("outcomeFineAmount")) return "fineAmount";
    return path.split(".")[0] ?? "";
  }
  if (entity === "people") {
    if (path.startsWith("names")) return "name";
    if (path.startsWith("contact")) return "phone";
    if (path.startsWith("hometown")) return "hometown";
    return path.split(".")[0] ?? "";
  }
  const contact = /^contacts\.(\d+)\.(?:person\.)?(\w+)/.exec(path);
  if (contact) {
    const prefix = contact[1] === "0" ? "contact" : "contact2";
    const part = contact[2] === "relationship" || contact[2] === "relationshipOther" ? "Relationship" : contact[2] === "phone" ? "Phone" : "Name";
    return `${prefix}${part}`;
  }
  const subject = /^subject\.person\.(\w+)/.exec(path);
  if (subject) {
    const part = subject[1] === "names" ? "Name" : subject[1] === "birthDate" ? "BirthDate" : subject[1] === "gender" ? "Gender" : "Hometown";
    return `subject${part}`;
  }
  return path.split(".")[0] ?? "";
}

export interface PrepareOptions {
  ctx: Ctx;
  tx: Tx;
  sheet: Sheet;
  mapping: ImportMapping;
  /**
   * How many of the first issues and rows with likely duplicates, in sheet order, to keep: the preview's
   * pages up to the one shown; none for the job, which needs only the counts; all when not given.
   */
  keep?: { issues: number; duplicates: number };
  /**
   * Every issue, handed out as soon as its place is certain: a batch's in row and column order once the
   * batch is prepared; the timeline errors, found with the whole sheet seen, last (the issues download).
   */
  onIssues?: (issues: RowIssue[]) => Promise<void> | void;
}

/** Prepares a sheet batch by batch: what is kept between batches is small per row (keys), plus the issues and duplicate hints asked to be kept. */
export interface Preparer {
  /** the prepared rows of one batch, in order; the batch itself is not kept */
  add(rows: SheetRow[]): Promise<PreparedRow[]>;
  /** protests imported before or prepared so far, by their key: rows of them add participants to the same protest */
  existingProtests: Map<string, string>;
  /**
   * The whole sheet's counts and the kept issues, once every batch is in; `invalidated` are rows found invalid
   * only with the whole sheet seen (a timeline made impossible by a later row of the same case).
   */
  finish(): Promise<{ prepared: Prepared; invalidated: number[] }>;
}

export async function createPreparer({ ctx, tx, sheet, mapping, keep, onIssues }: PrepareOptions): Promise<Preparer> {
  const entity = mapping.entity;
  const specs = fieldsOf(entity);
  const columns = Object.keys(mapping.columns).length ? mapping.columns : suggestMapping(entity, sheet.headers);
  const fieldColumn = new Map<string, number>();
  for (const [index, field] of Object.entries(columns)) if (field && specs[field] && !fieldColumn.has(field)) fieldColumn.set(field, Number(index));
  const usedColumns = Object.fromEntries([...fieldColumn].map(([field, index]) => [String(index), field]));
  const header = (field: string) => sheet.headers[fieldColumn.get(field) ?? -1] ?? field;
  const mappedFields = [...fieldColumn.keys()].sort();

  // a problem of the whole row (no column) sorts before the row's cells
  const issueOrder = (a: RowIssue, b: RowIssue) => a.row - b.row || (fieldColumn.get(a.field) ?? -1) - (fieldColumn.get(b.field) ?? -1);
  const keepDuplicates = keep?.duplicates ?? Infinity;
  const issues = firstInOrder(keep?.issues ?? Infinity, issueOrder);
  let issueTotal = 0;
  const unknown = new Map<string, UnknownValue>();
  const unmatched = new Map<string, UnmatchedPlace>();
  const sheetIssues: RowIssue[] = [];
  const places = await loadPlaces(tx);
  // what this transaction wrote itself (the job's earlier batches) is the sheet's, not "imported before";
  // rows written now carry this moment or the next millisecond
  const began = (await tx.$queryRaw<{ began: Date }[]>`SELECT date_trunc('milliseconds', now()) AS began`)[0]?.began ?? new Date();

  for (const [field, spec] of Object.entries(specs)) {
    if ((spec as FieldSpec).required && !fieldColumn.has(field)) sheetIssues.push({ row: sheet.headerRow, column: "", field, key: "importRequiredColumn", severity: "error" });
  }
  // a merged range over the data reads as one filled cell and empty ones: each is named by row and column
  for (const range of sheet.merged ?? []) {
    if (range.bottom <= sheet.headerRow) continue;
    const column = sheet.headers[range.left - 1] ?? "";
    const field = [...fieldColumn].find(([, index]) => index === range.left - 1)?.[0] ?? "";
    sheetIssues.push({ row: Math.max(range.top, sheet.headerRow + 1), column, field, key: "importMergedCells", severity: "warning", value: range.ref });
  }
  // an event belongs to a recorded case: its reference or its relative's name must be given
  if (entity === "events" && !fieldColumn.has("caseReference") && !fieldColumn.has("subjectName")) {
    sheetIssues.push({ row: sheet.headerRow, column: "", field: "caseReference", key: "importRequiredColumn", severity: "error" });
  }
  const sheetBlocked = sheetIssues.some((issue) => issue.severity === "error");
  const sheetWarnings = sheetIssues.filter((issue) => issue.severity === "warning").length;
  for (const issue of sheetIssues) issues.add(issue);
  issueTotal += sheetIssues.length;
  // the sheet's own issues (merged ranges lie anywhere) wait for the batch that reaches their row
  let waiting = onIssues ? [...sheetIssues].sort(issueOrder) : [];

  interface Draft {
    row: number;
    key: string;
    input: Record<string, unknown>;
    cellErrors: boolean;
    names: string[];
    raw: Map<string, string>;
    caseReference: string;
    subjectName: string;
    role: string;
    facts: DuplicateFacts;
    document: NewPerson["document"];
  }

  // kept across batches, small per row
  const duplicates: DuplicateHint[] = [];
  let duplicateTotal = 0;
  const seenKeys = new Set<string>();
  const seenNames = new Map<string, number>();
  const existingProtests = new Map<string, string>();
  const duplicateState = newDuplicateState();
  const counts: Prepared["counts"] = { rows: 0, new: 0, imported: 0, skip: 0, invalid: 0, undecided: 0, warnings: sheetWarnings };
  /** events of the sheet by their case, with the state each row was given: the timelines are checked once all are in */
  const eventsByCase = new Map<string, { row: number; state: PreparedRow["state"]; type: EventData["type"]; date: string; dateText: string }[]>();

  async function add(rows: SheetRow[]): Promise<PreparedRow[]> {
    const drafts: Draft[] = [];
    // this batch's issues, so that a row's own issues are found without searching the whole sheet's
    const batchIssues: RowIssue[] = [];
    for (const { row, cells } of rows) {
      const raw = new Map<string, string>();
      const cell = (field: string): Cell => {
        const index = fieldColumn.get(field);
        return index === undefined ? null : (cells[index] ?? null);
      };
      for (const field of mappedFields) raw.set(field, cellText(cell(field)));
      let cellErrors = false;
      const problem = (field: string, key: string, severity: RowIssue["severity"] = "error") => {
        batchIssues.push({ row, column: header(field), field, key, severity, value: raw.get(field)?.slice(0, 200) });
        if (severity === "error") cellErrors = true;
      };
      const text = (field: string) => raw.get(field) ?? "";
      const enumValue = (field: string): string | undefined => {
        const value = text(field);
        if (!value) return undefined;
        const kind = (specs[field] as FieldSpec).kind;
        if (!isValueKind(kind)) return undefined;
        const mapped = mapValue(kind, value, mapping.values[field]);
        if (mapped) return mapped;
        const normalised = normaliseHeader(value);
        const entry = unknown.get(`${field}\u0000${normalised}`) ?? { field, column: header(field), value: normalised, text: value, rows: [], rowCount: 0, choices: valueChoices(kind) };
        if (entry.rows.length < NAMED_ROWS) entry.rows.push(row);
        entry.rowCount += 1;
        unknown.set(`${field}\u0000${normalised}`, entry);
        problem(field, "importUnknownValue");
        return undefined;
      };
      const date = (field: string): string => {
        const read = readDateCell(cell(field), mapping.locale);
        if (!read.ok) {
          problem(field, read.error);
          return "";
        }
        return read.text;
      };
      const place = (field: string): { hometownPlaceId: string | null; hometownText: string | null } => {
        const value = text(field);
        if (!value) return { hometownPlaceId: null, hometownText: null };
        const normalised = normaliseHeader(value);
        const decided = mapping.places[normalised];
        if (decided && decided !== "text") return { hometownPlaceId: decided, hometownText: null };
        const matched = decided === "text" ? null : matchPlace(places, value);
        if (matched) return { hometownPlaceId: matched, hometownText: null };
        if (!decided) {
          const entry = unmatched.get(normalised) ?? { value: normalised, text: value, rows: [], rowCount: 0 };
          if (entry.rows.length < NAMED_ROWS) entry.rows.push(row);
          entry.rowCount += 1;
          unmatched.set(normalised, entry);
          problem(field, "importPlaceUnmatched", "warning");
        }
        return { hometownPlaceId: null, hometownText: value.slice(0, 200) };
      };
      const names = (first: string, others: string) => [text(first), ...splitList(text(others))].filter(Boolean).map((value) => ({ value }));
      /** a day the field needs whole ("2018" is a date, but not a day) */
      const day = (field: string): string => {
        const value = date(field);
        if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
          problem(field, "dateNeedsDay");
          return "";
        }
        return value;
      };

      let input: Record<string, unknown>;
      let primaryNames: string[];
      let role = "PARTICIPANT";
      let facts: DuplicateFacts = { birthYear: null };
      let document: NewPerson["document"] = null;
      if (entity === "people") {
        const birthDate = date("birthDate");
        const birth = parseUncertainDate(birthDate);
        const phone = text("phone");
        input = {
          names: names("name", "otherNames"),
          gender: enumValue("gender") ?? "UNKNOWN",
          birthDate: birthDate || null,
          birthDatePrecision: birth?.precision ?? "UNKNOWN",
          ...place("hometown"),
          contact: phone ? { phone } : null,
          ethnicity: text("ethnicity") || null,
          notes: text("notes") || null,
        };
        primaryNames = (input.names as { value: string }[]).map((n) => n.value);
        facts = { birthYear: birth?.precision && birth.precision !== "UNKNOWN" && birth.date ? birth.date.getUTCFullYear() : null, gender: input.gender as Gender, hometownPlaceId: input.hometownPlaceId as string | null, hometownText: input.hometownText as string | null };
        document = readDocument(text("documentNumber"), text("documentType"), enumValue("documentType") as IdentityDocumentKind | undefined, problem);
      } else if (entity === "events") {
        const where = place("place");
        input = {
          type: enumValue("type") ?? "",
          date: date("date"),
          placeId: where.hometownPlaceId,
          placeText: where.hometownText,
          facility: text("facility") || null,
          authority: text("authority") || null,
          charges: text("charges") || null,
          sentenceMonths: text("sentenceMonths") || null,
          description: text("description") || null,
        };
        primaryNames = [];
      } else if (entity === "protests") {
        const startsOn = day("date");
        const time = /^(\d{1,2}):(\d{2})/.exec(text("time"));
        if (text("time") && !time) problem("time", "invalidDate");
        input = {
          startsAt: startsOn ? `${startsOn}T${time ? `${time[1]!.padStart(2, "0")}:${time[2]}` : "00:00"}` : "",
          city: text("city"),
          location: text("location") || null,
          kind: enumValue("kind") ?? "",
          organiser: text("organiser") || null,
          description: text("description") || null,
        };
        role = enumValue("participantRole") ?? "PARTICIPANT";
        primaryNames = text("participantName") ? [text("participantName")] : [];
      } else if (entity === "policeActions") {
        const hearing = day("hearingDate");
        const outcome = enumValue("outcome");
        input = {
          // the person is found or created after validation; the schema checks everything else
          personId: "00000000-0000-4000-8000-000000000000",
          type: enumValue("type") ?? "",
          date: day("date"),
          authority: text("authority") || null,
          legalBasis: text("legalBasis") || null,
          hearingAt: hearing ? `${hearing}T00:00` : null,
          durationHours: text("durationHours") || null,
          arrestDays: text("arrestDays") || null,
          fineAmount: text("fineAmount") || null,
          lawyer: text("lawyer") || null,
          outcome: outcome ?? null,
          outcomeDate: day("outcomeDate") || null,
          // a fine given as the outcome is the fine's amount
          outcomeFineAmount: outcome === "FINED" ? text("fineAmount") || null : null,
          status: outcome ? "RESOLVED" : "PENDING",
          description: text("description") || null,
        };
        primaryNames = text("personName") ? [text("personName")] : [];
      } else {
        const contact = (prefix: "contact" | "contact2") => {
          const name = text(`${prefix}Name`);
          const phone = text(`${prefix}Phone`);
          const relationship = enumValue(`${prefix}Relationship`);
          if (!name && !phone) return null;
          return { person: { names: name ? [{ value: name }] : [], phone: phone || null }, relationship: relationship ?? (text(`${prefix}Relationship`) ? "__unknown" : undefined) };
        };
        const subjectPlace = place("subjectHometown");
        input = {
          subject: {
            person: {
              names: names("subjectName", "subjectOtherNames"),
              gender: enumValue("subjectGender") ?? "UNKNOWN",
              birthDate: date("subjectBirthDate"),
              hometownText: subjectPlace.hometownText,
              hometownPlaceId: subjectPlace.hometownPlaceId,
            },
          },
          contacts: [contact("contact"), contact("contact2")].filter(Boolean),
          status: enumValue("status") ?? "UNKNOWN",
          tags: splitList(text("tags")).slice(0, 20),
          summary: text("summary") || null,
        };
        primaryNames = ((input.subject as { person: { names: { value: string }[] } }).person.names ?? []).map((n) => n.value);
        const subjectPerson = (input.subject as { person: { birthDate: string; gender: Gender } }).person;
        const subjectBirth = parseUncertainDate(subjectPerson.birthDate);
        facts = { birthYear: subjectBirth?.date && subjectBirth.precision !== "UNKNOWN" ? subjectBirth.date.getUTCFullYear() : null, gender: subjectPerson.gender, ...subjectPlace };
      }
      drafts.push({ row, key: rowKey(entity, mappedFields, raw), input, cellErrors, names: primaryNames, raw, caseReference: text("caseReference"), subjectName: text("subjectName"), role, facts, document });
    }

    // the same zod rules as the forms, every row; a problem already named for a cell is not named twice
    const schema = { people: personCreateSchema, cases: createCaseSchema, events: eventSchema, protests: protestCreateSchema, policeActions: policeActionCreateSchema }[entity];
    const fieldsWithIssues = new Map<number, Set<string>>();
    for (const issue of batchIssues) fieldsWithIssues.set(issue.row, (fieldsWithIssues.get(issue.row) ?? new Set()).add(issue.field));
    const parsed = drafts.map((draft): RowData | null => {
      const result = (schema as typeof personCreateSchema).safeParse(draft.input);
      if (result.success) return result.data;
      const seen = fieldsWithIssues.get(draft.row) ?? new Set<string>();
      for (const issue of flattenIssues(result.error.issues)) {
        const field = fieldOfPath(entity, issue.path.join("."));
        if (seen.has(field)) continue;
        seen.add(field);
        const message = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalidChoice";
        // a choice left empty is a missing value, not a wrong one
        const key = message === "invalidChoice" && !draft.raw.get(field) ? "required" : message;
        batchIssues.push({ row: draft.row, column: fieldColumn.has(field) ? header(field) : "", field, key, severity: "error", value: draft.raw.get(field)?.slice(0, 200) });
      }
      draft.cellErrors = true;
      return null;
    });

    // the recorded cases rows name, by reference or (events) by the relative's name, all in a few queries
    const caseOf = await resolveCases(tx, ctx, entity, drafts);
    drafts.forEach((draft) => {
      const found = caseOf.get(draft.row);
      if (!found || found.ok) return;
      const field = found.field;
      batchIssues.push({ row: draft.row, column: fieldColumn.has(field) ? header(field) : "", field, key: found.key, severity: "error", value: draft.raw.get(field)?.slice(0, 200) });
      draft.cellErrors = true;
    });
    if (entity === "protests") {
      const keys = [...new Set(parsed.map((data) => (data ? protestKey(data as ProtestCreate) : "")).filter((key) => key && !existingProtests.has(key)))];
      for (let start = 0; start < keys.length; start += 5000) {
        const found = await tx.importRecord.findMany({ where: { ...importRecordScope(ctx), role: "protest", rowKey: { in: keys.slice(start, start + 5000) } }, select: { rowKey: true, entityId: true } });
        for (const record of found) existingProtests.set(record.rowKey, record.entityId);
      }
    }

    // rows already imported, by their stable key
    const keys = [...new Set(drafts.map((draft) => draft.key))];
    const imported = new Set<string>();
    for (let start = 0; start < keys.length; start += 5000) {
      const found = await tx.importRecord.findMany({ where: { ...importRecordScope(ctx), role: "row", rowKey: { in: keys.slice(start, start + 5000) }, createdAt: { lt: began } }, select: { rowKey: true } });
      for (const record of found) imported.add(record.rowKey);
    }

    // likely duplicates of people already recorded, ranked as the duplicate hints rank them
    const hints = await findImportDuplicates(
      tx,
      ctx,
      drafts.filter((draft, index) => parsed[index] && !draft.cellErrors).map((draft) => ({ row: draft.row, names: draft.names, facts: draft.facts, document: draft.document ? { kind: draft.document.kind, hash: documentNumberHash(draft.document.number) } : null })),
      duplicateState,
    );

    const prepared: PreparedRow[] = [];
    drafts.forEach((draft, index) => {
      const data = parsed[index];
      const base = { row: draft.row, key: draft.key, linkTo: null, person: null, case: null };
      const push = (row: PreparedRow) => {
        prepared.push(row);
        counts.rows += 1;
        counts[row.state] += 1;
      };
      if (sheetBlocked || draft.cellErrors || !data) return push({ ...base, state: "invalid" });
      if (imported.has(draft.key)) return push({ ...base, state: "imported" });
      if (seenKeys.has(draft.key)) {
        batchIssues.push({ row: draft.row, column: "", field: "", key: "importSameRowTwice", severity: "warning" });
        return push({ ...base, state: "skip" });
      }
      seenKeys.add(draft.key);
      const primary = draft.names.map(skeletonKey).find((key) => key.length >= 2);
      // a protester named in many rows of actions or protests is one person; a second row of a person or a case is a slip
      if (primary && (entity === "people" || entity === "cases")) {
        const earlier = seenNames.get(primary);
        if (earlier !== undefined) batchIssues.push({ row: draft.row, column: header(entity === "people" ? "name" : "subjectName"), field: entity === "people" ? "name" : "subjectName", key: "importSameNameInFile", severity: "warning", value: String(earlier) });
        else seenNames.set(primary, draft.row);
      }
      const candidates = hints.get(draft.row) ?? [];
      let linkTo: string | null = null;
      let state: PreparedRow["state"] = "new";
      if (candidates.length) {
        const decision = mapping.decisions[String(draft.row)] ?? (mapping.duplicateDefault === "ask" ? null : { action: mapping.duplicateDefault });
        duplicateTotal += 1;
        if (duplicates.length < keepDuplicates) duplicates.push({ row: draft.row, name: draft.names[0] ?? "", candidates, decision });
        if (!decision) state = "undecided";
        else if (decision.action === "skip") state = "skip";
        else if (decision.action === "link") {
          if (candidates.some((candidate) => candidate.id === decision.personId)) linkTo = decision.personId;
          else {
            batchIssues.push({ row: draft.row, column: "", field: "", key: "importLinkNotCandidate", severity: "error" });
            state = "invalid";
          }
        }
      }
      const records = toRecords(entity, data, draft.names, draft.role as ParticipationRole);
      if (records.person && entity === "people") records.person.document = draft.document;
      const caseId = (caseOf.get(draft.row) as { caseId?: string } | undefined)?.caseId ?? null;
      if (entity === "events" && caseId) {
        const event = data as EventData;
        const list = eventsByCase.get(caseId) ?? [];
        list.push({ row: draft.row, state, type: event.type, date: event.date, dateText: draft.raw.get("date")?.slice(0, 200) ?? "" });
        eventsByCase.set(caseId, list);
      }
      push({ ...base, state, linkTo, ...records, caseId });
    });
    for (const issue of batchIssues) {
      if (issue.severity === "warning") counts.warnings += 1;
      issues.add(issue);
    }
    issueTotal += batchIssues.length;
    if (onIssues) {
      // batches come in row order: this one's rows are above every later one's
      const last = rows.reduce((most, { row }) => Math.max(most, row), -Infinity);
      const reached = waiting.filter((issue) => issue.row <= last);
      waiting = waiting.filter((issue) => issue.row > last);
      const ready = [...reached, ...batchIssues].sort(issueOrder);
      if (ready.length) await onIssues(ready);
    }
    return prepared;
  }

  async function finish(): Promise<{ prepared: Prepared; invalidated: number[] }> {
    const invalidated: number[] = [];
    const late: RowIssue[] = [];
    if (entity === "events" && eventsByCase.size) {
      for (const { row, state, dateText } of await impossibleTimelines(tx, eventsByCase, began)) {
        late.push({ row, column: fieldColumn.has("date") ? header("date") : "", field: "date", key: "importTimelineImpossible", severity: "error", value: dateText });
        counts[state] -= 1;
        counts.invalid += 1;
        invalidated.push(row);
      }
    }
    for (const issue of late) issues.add(issue);
    issueTotal += late.length;
    if (onIssues) {
      const ready = [...waiting, ...late].sort(issueOrder);
      waiting = [];
      if (ready.length) await onIssues(ready);
    }
    return {
      invalidated,
      prepared: {
        entity,
        sheet: { name: sheet.name, headers: sheet.headers, headerRow: sheet.headerRow, rows: sheet.rowCount, notes: sheet.notes },
        columns: usedColumns,
        issues: issues.list(),
        issueTotal,
        unknownValues: [...unknown.values()],
        unmatchedPlaces: [...unmatched.values()],
        duplicates,
        duplicateTotal,
        counts,
      },
    };
  }

  return { add, finish, existingProtests };
}

/**
 * The identity document a row of people gives: its kind from its own column (or, when that column is
 * empty or not mapped, the kind whose check the number passes: an IIN or a Chinese resident ID), its
 * number as the person form stores it. A number failing its kind's check is kept, with a warning.
 */
function readDocument(number: string, typeText: string, kind: IdentityDocumentKind | undefined, problem: (field: string, key: string, severity?: RowIssue["severity"]) => void): NewPerson["document"] {
  if (!number) return null;
  const normalized = normaliseDocumentNumber(number);
  if (!/^[\p{L}\p{N}]{4,30}$/u.test(normalized)) {
    problem("documentNumber", "importDocumentNumberInvalid");
    return null;
  }
  // an unknown type was already shown for a decision
  if (typeText && !kind) return null;
  const chosen = kind ?? (["KZ_IIN", "CN_RESIDENT_ID"] as const).find((candidate) => checkDocumentNumber(candidate, normalized).valid);
  if (!chosen) {
    problem("documentType", "importDocumentKindMissing");
    return null;
  }
  if (!checkDocumentNumber(chosen, normalized).valid) problem("documentNumber", "importDocumentCheckFailed", "warning");
  return { kind: chosen, number: normalized };
}

interface FlatIssue {
  path: string[];
  message: string;
}

/** Zod's issues with a union's (the case subject: an existing person or a new one) replaced by those of its last branch, the new person. */
function flattenIssues(list: readonly { path: PropertyKey[]; message: string; code: string; errors?: unknown }[], prefix: string[] = []): FlatIssue[] {
  return list.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === "invalid_union" && Array.isArray(issue.errors) && issue.errors.length) {
      return flattenIssues(issue.errors[issue.errors.length - 1] as Parameters<typeof flattenIssues>[0], path);
    }
    return [{ path, message: issue.message }];
  });
}

type PeopleData = ReturnType<typeof personCreateSchema.parse>;
type CaseData = ReturnType<typeof createCaseSchema.parse>;
type RowData = PeopleData | CaseData | EventData | ProtestCreate | PoliceActionCreate;

/** Just a name: the person a protest's participant or a police action's row creates when it links to no one. */
const namedPerson = (name: string): NewPerson => ({ names: [name], gender: "UNKNOWN", birth: { date: null, precision: "UNKNOWN" }, hometownPlaceId: null, hometownText: null, phone: null, ethnicity: null, notes: null });

/** The key of a protest: rows with the same day and time, city, place and kind are one protest. */
export function protestKey(data: Pick<ProtestCreate, "startsAt" | "city" | "location" | "kind">): string {
  return createHash("sha256").update(["protest", data.startsAt.toISOString(), normaliseHeader(data.city), normaliseHeader(data.location ?? ""), data.kind].join("\u0001")).digest("hex");
}

function toRecords(entity: ImportEntity, data: RowData, names: string[] = [], role: ParticipationRole = "PARTICIPANT"): Pick<PreparedRow, "person" | "case" | "event" | "protest" | "police"> {
  if (entity === "events") return { person: null, case: null, event: data as EventData };
  if (entity === "protests") {
    const { participants: _participants, sources: _sources, ...protest } = data as ProtestCreate;
    return { person: names[0] ? namedPerson(names[0]) : null, case: null, protest: { key: protestKey(protest), data: protest, role } };
  }
  if (entity === "policeActions") {
    const { personId: _personId, ...police } = data as PoliceActionCreate;
    return { person: namedPerson(names[0]!), case: null, police };
  }
  if (entity === "people") {
    const person = data as PeopleData;
    const birth = person.birthDate ? parseUncertainDate(person.birthDate) : null;
    return {
      person: {
        names: person.names.map((name) => name.value),
        gender: person.gender,
        birth: birth ?? { date: null, precision: "UNKNOWN" },
        hometownPlaceId: person.hometownPlaceId ?? null,
        hometownText: person.hometownText,
        phone: person.contact?.phone ?? null,
        ethnicity: person.ethnicity,
        notes: person.notes,
      },
      case: null,
    };
  }
  const record = data as CaseData;
  const newPerson = (input: { names: { value: string }[]; gender?: Gender; birthDate?: string; hometownText?: string | null; hometownPlaceId?: string | null; phone?: string | null }): NewPerson => ({
    names: input.names.map((name) => name.value),
    gender: input.gender ?? "UNKNOWN",
    birth: parseUncertainDate(input.birthDate ?? "") ?? { date: null, precision: "UNKNOWN" },
    hometownPlaceId: input.hometownPlaceId ?? null,
    hometownText: input.hometownText ?? null,
    phone: input.phone ?? null,
    ethnicity: null,
    notes: null,
  });
  const subject = "person" in record.subject ? newPerson(record.subject.person) : null;
  return {
    person: subject,
    case: {
      status: record.status,
      tags: record.tags,
      summary: record.summary,
      contacts: record.contacts.map((contact) => ({ person: newPerson(contact.person!), relationship: contact.relationship })),
    },
  };
}

type CaseMatch = { ok: true; caseId: string } | { ok: false; field: string; key: string };

/**
 * The recorded case of each row of events, protests and police actions: by its reference, or, for a
 * timeline event without one, by the relative's name (the same name keys as the duplicate hints; a name
 * that fits several cases is refused rather than guessed). One query per 5 000 references or names.
 */
async function resolveCases(tx: Tx, ctx: Ctx, entity: ImportEntity, drafts: { row: number; caseReference: string; subjectName: string }[]): Promise<Map<number, CaseMatch>> {
  const matches = new Map<number, CaseMatch>();
  if (entity !== "events" && entity !== "protests" && entity !== "policeActions") return matches;
  const upper = (text: string) => text.trim().toUpperCase();
  const references = [...new Set(drafts.map((draft) => upper(draft.caseReference)).filter(Boolean))];
  const byReference = new Map<string, string>();
  for (let start = 0; start < references.length; start += 5000) {
    const found = await tx.case.findMany({ where: { ...liveCaseScope(ctx), reference: { in: references.slice(start, start + 5000) } }, select: { id: true, reference: true } });
    for (const row of found) byReference.set(upper(row.reference), row.id);
  }
  const bySkeleton = new Map<string, Set<string>>();
  if (entity === "events") {
    const skeletons = [...new Set(drafts.filter((draft) => !draft.caseReference && draft.subjectName).map((draft) => skeletonKey(draft.subjectName)).filter((key) => key.length >= 2))];
    for (let start = 0; start < skeletons.length; start += 5000) {
      const names = await tx.personName.findMany({
        where: { ...personNameScope(ctx), skeleton: { in: skeletons.slice(start, start + 5000) }, person: { deletedAt: null, mergedIntoId: null, erasedAt: null } },
        select: { skeleton: true, person: { select: { subjectOf: { where: { deletedAt: null }, select: { id: true } } } } },
      });
      for (const name of names) {
        const set = bySkeleton.get(name.skeleton) ?? new Set<string>();
        for (const found of name.person.subjectOf) set.add(found.id);
        bySkeleton.set(name.skeleton, set);
      }
    }
  }
  for (const draft of drafts) {
    if (draft.caseReference) {
      const id = byReference.get(upper(draft.caseReference));
      matches.set(draft.row, id ? { ok: true, caseId: id } : { ok: false, field: "caseReference", key: "importCaseNotFound" });
    } else if (entity === "events") {
      if (!draft.subjectName) {
        matches.set(draft.row, { ok: false, field: "caseReference", key: "required" });
        continue;
      }
      const ids = [...(bySkeleton.get(skeletonKey(draft.subjectName)) ?? [])];
      matches.set(draft.row, ids.length === 1 ? { ok: true, caseId: ids[0]! } : { ok: false, field: "subjectName", key: ids.length ? "importCaseAmbiguous" : "importCaseNotFound" });
    }
  }
  return matches;
}

/**
 * Rows whose event makes its case's timeline impossible (a release before the detention it ends, a death
 * before the birth), checked as the timeline form checks one event, with the case's recorded events. The
 * events this transaction wrote itself (an import's earlier batches) are left out of the recorded ones:
 * they are the sheet's rows, already in the list.
 */
async function impossibleTimelines(tx: Tx, eventsByCase: Map<string, { row: number; state: PreparedRow["state"]; type: EventData["type"]; date: string; dateText: string }[]>, began: Date): Promise<{ row: number; state: PreparedRow["state"]; dateText: string }[]> {
  const caseIds = [...eventsByCase.keys()];
  const bad: { row: number; state: PreparedRow["state"]; dateText: string }[] = [];
  const now = new Date();
  for (let start = 0; start < caseIds.length; start += 2000) {
    const cases = await tx.case.findMany({
      where: { id: { in: caseIds.slice(start, start + 2000) } },
      select: { id: true, subject: { select: { birthDate: true, birthDatePrecision: true } }, events: { where: { deletedAt: null, createdAt: { lt: began } }, select: { id: true, type: true, date: true, datePrecision: true, createdAt: true } } },
    });
    for (const found of cases) {
      const added = eventsByCase.get(found.id) ?? [];
      const timeline = [
        ...found.events,
        ...added.map(({ row, type, date: text }) => {
          const date = parseUncertainDate(text) ?? { date: null, precision: "UNKNOWN" as const };
          return { id: `row:${row}`, type, date: date.date, datePrecision: date.precision, createdAt: now };
        }),
      ];
      const impossible = findImpossibleDate(timeline, { date: found.subject.birthDate, precision: found.subject.birthDatePrecision });
      if (!impossible) continue;
      const offender = impossible.eventId.startsWith("row:") ? Number(impossible.eventId.slice(4)) : null;
      bad.push(...added.filter((event) => offender === null || event.row === offender));
    }
  }
  return bad;
}
