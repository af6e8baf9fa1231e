// From a sheet and its mapping to the records an import would write: every row read with the same zod
// schemas as the forms, every problem named by row and column, unknown values and unmatched places
// listed for a decision, likely duplicates of existing people found by the name keys of the duplicate
// hints, and rows already imported (by their stable key) recognised. Used by the preview and, again,
// by the job right before it writes, so what is written is exactly what was previewed.
import "server-only";
import { createHash } from "node:crypto";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { findImpossibleDate } from "@/lib/cases/internal";
import type { CaseStatus, Gender, ParticipationRole, Relationship } from "@/lib/generated/prisma/enums";
import { skeletonKey } from "@/lib/names/keys";
import { setNameMatchThresholds } from "@/lib/names/sql";
import { createCaseSchema, eventSchema, type EventData } from "@/lib/validations/case";
import { parseUncertainDate, type UncertainDate } from "@/lib/validations/dates";
import type { DuplicateDecision, ImportMapping } from "@/lib/validations/import";
import { personCreateSchema } from "@/lib/validations/person";
import { policeActionCreateSchema, type PoliceActionCreate } from "@/lib/validations/police-action";
import { protestCreateSchema, type ProtestCreate } from "@/lib/validations/protest";
import { readDateCell } from "./dates";
import { fieldsOf, isValueKind, mapValue, normaliseHeader, suggestMapping, valueChoices, type FieldSpec, type ImportEntity } from "./fields";
import { cellText, type Cell, type Sheet } from "./read-sheet";

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
  candidates: { id: string; displayName: string; birthYear: number | null }[];
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

export interface UnknownValue {
  field: string;
  column: string;
  /** the normalised text the decision is keyed by */
  value: string;
  text: string;
  rows: number[];
  choices: readonly string[];
}

export interface Prepared {
  entity: ImportEntity;
  sheet: { name: string; headers: string[]; headerRow: number; rows: number; notes: Sheet["notes"] };
  /** column index → field, as used */
  columns: Record<string, string>;
  rows: PreparedRow[];
  issues: RowIssue[];
  unknownValues: UnknownValue[];
  unmatchedPlaces: { value: string; text: string; rows: number[] }[];
  duplicates: DuplicateHint[];
  counts: { rows: number; new: number; imported: number; skip: number; invalid: number; undecided: number; warnings: number };
  /** protests imported before, by their key: rows of them add participants to the same protest */
  existingProtests?: Record<string, string>;
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
}

export async function prepareImport({ ctx, tx, sheet, mapping }: PrepareOptions): Promise<Prepared> {
  const entity = mapping.entity;
  const specs = fieldsOf(entity);
  const columns = Object.keys(mapping.columns).length ? mapping.columns : suggestMapping(entity, sheet.headers);
  const fieldColumn = new Map<string, number>();
  for (const [index, field] of Object.entries(columns)) if (field && specs[field] && !fieldColumn.has(field)) fieldColumn.set(field, Number(index));
  const usedColumns = Object.fromEntries([...fieldColumn].map(([field, index]) => [String(index), field]));
  const header = (field: string) => sheet.headers[fieldColumn.get(field) ?? -1] ?? field;
  const mappedFields = [...fieldColumn.keys()].sort();

  const issues: RowIssue[] = [];
  const unknown = new Map<string, UnknownValue>();
  const unmatched = new Map<string, { value: string; text: string; rows: number[] }>();
  const places = await loadPlaces(tx);

  for (const [field, spec] of Object.entries(specs)) {
    if ((spec as FieldSpec).required && !fieldColumn.has(field)) issues.push({ row: sheet.headerRow, column: "", field, key: "importRequiredColumn", severity: "error" });
  }
  // a merged range over the data reads as one filled cell and empty ones: each is named by row and column
  for (const range of sheet.merged ?? []) {
    if (range.bottom <= sheet.headerRow) continue;
    const column = sheet.headers[range.left - 1] ?? "";
    const field = [...fieldColumn].find(([, index]) => index === range.left - 1)?.[0] ?? "";
    issues.push({ row: Math.max(range.top, sheet.headerRow + 1), column, field, key: "importMergedCells", severity: "warning", value: range.ref });
  }
  // an event belongs to a recorded case: its reference or its relative's name must be given
  if (entity === "events" && !fieldColumn.has("caseReference") && !fieldColumn.has("subjectName")) {
    issues.push({ row: sheet.headerRow, column: "", field: "caseReference", key: "importRequiredColumn", severity: "error" });
  }
  const sheetBlocked = issues.some((issue) => issue.severity === "error");

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
  }
  const drafts: Draft[] = [];

  for (const { row, cells } of sheet.rows) {
    const raw = new Map<string, string>();
    const cell = (field: string): Cell => {
      const index = fieldColumn.get(field);
      return index === undefined ? null : (cells[index] ?? null);
    };
    for (const field of mappedFields) raw.set(field, cellText(cell(field)));
    let cellErrors = false;
    const problem = (field: string, key: string, severity: RowIssue["severity"] = "error") => {
      issues.push({ row, column: header(field), field, key, severity, value: raw.get(field)?.slice(0, 200) });
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
      const entry = unknown.get(`${field}\u0000${normalised}`) ?? { field, column: header(field), value: normalised, text: value, rows: [], choices: valueChoices(kind) };
      entry.rows.push(row);
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
        const entry = unmatched.get(normalised) ?? { value: normalised, text: value, rows: [] };
        entry.rows.push(row);
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
    }
    drafts.push({ row, key: rowKey(entity, mappedFields, raw), input, cellErrors, names: primaryNames, raw, caseReference: text("caseReference"), subjectName: text("subjectName"), role });
  }

  // the same zod rules as the forms, every row; a problem already named for a cell is not named twice
  const schema = { people: personCreateSchema, cases: createCaseSchema, events: eventSchema, protests: protestCreateSchema, policeActions: policeActionCreateSchema }[entity];
  const parsed = drafts.map((draft): RowData | null => {
    const result = (schema as typeof personCreateSchema).safeParse(draft.input);
    if (result.success) return result.data;
    const seen = new Set(issues.filter((issue) => issue.row === draft.row).map((issue) => issue.field));
    for (const issue of flattenIssues(result.error.issues)) {
      const field = fieldOfPath(entity, issue.path.join("."));
      if (seen.has(field)) continue;
      seen.add(field);
      const message = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalidChoice";
      // a choice left empty is a missing value, not a wrong one
      const key = message === "invalidChoice" && !draft.raw.get(field) ? "required" : message;
      issues.push({ row: draft.row, column: fieldColumn.has(field) ? header(field) : "", field, key, severity: "error", value: draft.raw.get(field)?.slice(0, 200) });
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
    issues.push({ row: draft.row, column: fieldColumn.has(field) ? header(field) : "", field, key: found.key, severity: "error", value: draft.raw.get(field)?.slice(0, 200) });
    draft.cellErrors = true;
  });
  if (entity === "events") {
    for (const row of await impossibleTimelines(tx, drafts, parsed as (EventData | null)[], caseOf)) {
      const draft = drafts.find((candidate) => candidate.row === row)!;
      if (draft.cellErrors) continue;
      issues.push({ row, column: fieldColumn.has("date") ? header("date") : "", field: "date", key: "importTimelineImpossible", severity: "error", value: draft.raw.get("date")?.slice(0, 200) });
      draft.cellErrors = true;
    }
  }
  const existingProtests: Record<string, string> = {};
  if (entity === "protests") {
    const keys = [...new Set(parsed.map((data) => (data ? protestKey(data as ProtestCreate) : "")).filter(Boolean))];
    for (let start = 0; start < keys.length; start += 5000) {
      const found = await tx.importRecord.findMany({ where: { organizationId: ctx.organizationId, role: "protest", rowKey: { in: keys.slice(start, start + 5000) } }, select: { rowKey: true, entityId: true } });
      for (const record of found) existingProtests[record.rowKey] = record.entityId;
    }
  }

  // rows already imported, by their stable key
  const keys = [...new Set(drafts.map((draft) => draft.key))];
  const imported = new Set<string>();
  for (let start = 0; start < keys.length; start += 5000) {
    const found = await tx.importRecord.findMany({ where: { organizationId: ctx.organizationId, role: "row", rowKey: { in: keys.slice(start, start + 5000) } }, select: { rowKey: true } });
    for (const record of found) imported.add(record.rowKey);
  }

  // likely duplicates of people already recorded: the same transliteration-independent name key
  const skeletons = new Map<string, string[]>();
  for (const draft of drafts) skeletons.set(String(draft.row), [...new Set(draft.names.map(skeletonKey).filter((key) => key.length >= 2))]);
  const allSkeletons = [...new Set([...skeletons.values()].flat())];
  const candidatesBySkeleton = await existingPeopleBySkeleton(tx, ctx, allSkeletons);
  // names with no one of the same key: the spelling-tolerant match of the duplicate hints
  // (Dauletbek / Dauletbekuly, a letter off), for many names in one query
  await addSimilarPeople(tx, ctx, allSkeletons.filter((key) => !candidatesBySkeleton.has(key)), candidatesBySkeleton);

  const rows: PreparedRow[] = [];
  const duplicates: DuplicateHint[] = [];
  const seenKeys = new Set<string>();
  const seenNames = new Map<string, number>();
  drafts.forEach((draft, index) => {
    const data = parsed[index];
    const base = { row: draft.row, key: draft.key, linkTo: null, person: null, case: null };
    if (sheetBlocked || draft.cellErrors || !data) return rows.push({ ...base, state: "invalid" });
    if (imported.has(draft.key)) return rows.push({ ...base, state: "imported" });
    if (seenKeys.has(draft.key)) {
      issues.push({ row: draft.row, column: "", field: "", key: "importSameRowTwice", severity: "warning" });
      return rows.push({ ...base, state: "skip" });
    }
    seenKeys.add(draft.key);
    const rowSkeletons = skeletons.get(String(draft.row)) ?? [];
    const primary = rowSkeletons[0];
    // a protester named in many rows of actions or protests is one person; a second row of a person or a case is a slip
    if (primary && (entity === "people" || entity === "cases")) {
      const earlier = seenNames.get(primary);
      if (earlier !== undefined) issues.push({ row: draft.row, column: header(entity === "people" ? "name" : "subjectName"), field: entity === "people" ? "name" : "subjectName", key: "importSameNameInFile", severity: "warning", value: String(earlier) });
      else seenNames.set(primary, draft.row);
    }
    const candidates = new Map<string, { id: string; displayName: string; birthYear: number | null }>();
    for (const skeleton of rowSkeletons) for (const candidate of candidatesBySkeleton.get(skeleton) ?? []) candidates.set(candidate.id, candidate);
    let linkTo: string | null = null;
    let state: PreparedRow["state"] = "new";
    if (candidates.size) {
      const decision = mapping.decisions[String(draft.row)] ?? (mapping.duplicateDefault === "ask" ? null : { action: mapping.duplicateDefault });
      duplicates.push({ row: draft.row, name: draft.names[0] ?? "", candidates: [...candidates.values()].slice(0, MAX_CANDIDATES), decision });
      if (!decision) state = "undecided";
      else if (decision.action === "skip") state = "skip";
      else if (decision.action === "link") {
        if (candidates.has(decision.personId)) linkTo = decision.personId;
        else {
          issues.push({ row: draft.row, column: "", field: "", key: "importLinkNotCandidate", severity: "error" });
          state = "invalid";
        }
      }
    }
    rows.push({ ...base, state, linkTo, ...toRecords(entity, data, draft.names, draft.role as ParticipationRole), caseId: (caseOf.get(draft.row) as { caseId?: string } | undefined)?.caseId ?? null });
  });

  const count = (state: PreparedRow["state"]) => rows.filter((row) => row.state === state).length;
  return {
    entity,
    sheet: { name: sheet.name, headers: sheet.headers, headerRow: sheet.headerRow, rows: sheet.rows.length, notes: sheet.notes },
    columns: usedColumns,
    rows,
    issues: issues.sort((a, b) => a.row - b.row || (fieldColumn.get(a.field) ?? -1) - (fieldColumn.get(b.field) ?? -1)),
    unknownValues: [...unknown.values()],
    unmatchedPlaces: [...unmatched.values()],
    duplicates,
    existingProtests,
    counts: {
      rows: rows.length,
      new: count("new"),
      imported: count("imported"),
      skip: count("skip"),
      invalid: count("invalid"),
      undecided: count("undecided"),
      warnings: issues.filter((issue) => issue.severity === "warning").length,
    },
  };
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

/** How many existing people a row's likely duplicates list at most (a common name matches thousands). */
const MAX_CANDIDATES = 5;

/** People of this organisation (not deleted, merged or erased) with a name of one of these keys, a few per key. */
async function existingPeopleBySkeleton(tx: Tx, ctx: Ctx, skeletons: string[]): Promise<Map<string, { id: string; displayName: string; birthYear: number | null }[]>> {
  const found = new Map<string, Map<string, { id: string; displayName: string; birthYear: number | null }>>();
  for (let start = 0; start < skeletons.length; start += 5000) {
    const names = await tx.personName.findMany({
      where: { organizationId: ctx.organizationId, skeleton: { in: skeletons.slice(start, start + 5000) }, person: { deletedAt: null, mergedIntoId: null, erasedAt: null } },
      select: { skeleton: true, person: { select: { id: true, displayName: true, birthDate: true, birthDatePrecision: true } } },
    });
    for (const name of names) {
      const list = found.get(name.skeleton) ?? new Map();
      if (list.size < MAX_CANDIDATES && !list.has(name.person.id)) {
        const birthYear = name.person.birthDate && name.person.birthDatePrecision !== "UNKNOWN" ? name.person.birthDate.getUTCFullYear() : null;
        list.set(name.person.id, { id: name.person.id, displayName: name.person.displayName, birthYear });
      }
      found.set(name.skeleton, list);
    }
  }
  return new Map([...found].map(([skeleton, list]) => [skeleton, [...list.values()]]));
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
    const found = await tx.case.findMany({ where: { organizationId: ctx.organizationId, deletedAt: null, reference: { in: references.slice(start, start + 5000) } }, select: { id: true, reference: true } });
    for (const row of found) byReference.set(upper(row.reference), row.id);
  }
  const bySkeleton = new Map<string, Set<string>>();
  if (entity === "events") {
    const skeletons = [...new Set(drafts.filter((draft) => !draft.caseReference && draft.subjectName).map((draft) => skeletonKey(draft.subjectName)).filter((key) => key.length >= 2))];
    for (let start = 0; start < skeletons.length; start += 5000) {
      const names = await tx.personName.findMany({
        where: { organizationId: ctx.organizationId, skeleton: { in: skeletons.slice(start, start + 5000) }, person: { deletedAt: null, mergedIntoId: null, erasedAt: null } },
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
 * before the birth), checked as the timeline form checks one event, with the case's recorded events.
 */
async function impossibleTimelines(tx: Tx, drafts: { row: number }[], parsed: (EventData | null)[], caseOf: Map<number, CaseMatch>): Promise<number[]> {
  const newByCase = new Map<string, { row: number; data: EventData }[]>();
  drafts.forEach((draft, index) => {
    const match = caseOf.get(draft.row);
    const data = parsed[index];
    if (!match?.ok || !data) return;
    const list = newByCase.get(match.caseId) ?? [];
    list.push({ row: draft.row, data });
    newByCase.set(match.caseId, list);
  });
  const caseIds = [...newByCase.keys()];
  const bad: number[] = [];
  const now = new Date();
  for (let start = 0; start < caseIds.length; start += 2000) {
    const cases = await tx.case.findMany({
      where: { id: { in: caseIds.slice(start, start + 2000) } },
      select: { id: true, subject: { select: { birthDate: true, birthDatePrecision: true } }, events: { where: { deletedAt: null }, select: { id: true, type: true, date: true, datePrecision: true, createdAt: true } } },
    });
    for (const found of cases) {
      const added = newByCase.get(found.id) ?? [];
      const timeline = [
        ...found.events,
        ...added.map(({ row, data }) => {
          const date = parseUncertainDate(data.date) ?? { date: null, precision: "UNKNOWN" as const };
          return { id: `row:${row}`, type: data.type, date: date.date, datePrecision: date.precision, createdAt: now };
        }),
      ];
      const impossible = findImpossibleDate(timeline, { date: found.subject.birthDate, precision: found.subject.birthDatePrecision });
      if (!impossible) continue;
      const offender = impossible.eventId.startsWith("row:") ? Number(impossible.eventId.slice(4)) : null;
      bad.push(...(offender !== null ? [offender] : added.map((event) => event.row)));
    }
  }
  return bad;
}

/** The spelling-tolerant look-up costs milliseconds per name on a large organisation: at most this many names a sheet. */
export const MAX_SIMILAR_LOOKUPS = 2_000;
/** From this name similarity (0..1) on, a person is offered as a likely duplicate (the hints' "similar name" starts at 0.45). */
const SIMILAR_NAME_SCORE = 0.6;

/** Adds to `found` the people whose names are close to each key without being the same key. */
async function addSimilarPeople(tx: Tx, ctx: Ctx, keys: string[], found: Map<string, { id: string; displayName: string; birthYear: number | null }[]>): Promise<void> {
  const wanted = keys.filter((key) => key.length >= 4).slice(0, MAX_SIMILAR_LOOKUPS);
  if (wanted.length === 0) return;
  await setNameMatchThresholds(tx);
  const matches = await tx.$queryRaw<{ skeleton: string; personId: string; score: number }[]>`
    SELECT skeleton, "personId", score FROM app_duplicate_people_by_key(${wanted}::text[], ${MAX_CANDIDATES}::int) WHERE score >= ${SIMILAR_NAME_SCORE}`;
  if (matches.length === 0) return;
  const people = await tx.person.findMany({
    where: { organizationId: ctx.organizationId, id: { in: [...new Set(matches.map((match) => match.personId))] }, deletedAt: null, mergedIntoId: null, erasedAt: null },
    select: { id: true, displayName: true, birthDate: true, birthDatePrecision: true },
  });
  const byId = new Map(people.map((person) => [person.id, { id: person.id, displayName: person.displayName, birthYear: person.birthDate && person.birthDatePrecision !== "UNKNOWN" ? person.birthDate.getUTCFullYear() : null }]));
  for (const match of matches) {
    const person = byId.get(match.personId);
    if (!person) continue;
    const list = found.get(match.skeleton) ?? [];
    if (!list.some((candidate) => candidate.id === person.id)) list.push(person);
    found.set(match.skeleton, list);
  }
}
