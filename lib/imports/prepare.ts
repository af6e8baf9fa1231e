// From a sheet and its mapping to the records an import would write: every row read with the same zod
// schemas as the forms, every problem named by row and column, unknown values and unmatched places
// listed for a decision, likely duplicates of existing people found by the name keys of the duplicate
// hints, and rows already imported (by their stable key) recognised. Used by the preview and, again,
// by the job right before it writes, so what is written is exactly what was previewed.
import "server-only";
import { createHash } from "node:crypto";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import type { CaseStatus, Gender, Relationship } from "@/lib/generated/prisma/enums";
import { skeletonKey } from "@/lib/names/keys";
import { createCaseSchema } from "@/lib/validations/case";
import { parseUncertainDate, type UncertainDate } from "@/lib/validations/dates";
import type { DuplicateDecision, ImportMapping } from "@/lib/validations/import";
import { personCreateSchema } from "@/lib/validations/person";
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
  const sheetBlocked = issues.length > 0;

  interface Draft {
    row: number;
    key: string;
    input: Record<string, unknown>;
    cellErrors: boolean;
    names: string[];
    raw: Map<string, string>;
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

    let input: Record<string, unknown>;
    let primaryNames: string[];
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
    drafts.push({ row, key: rowKey(entity, mappedFields, raw), input, cellErrors, names: primaryNames, raw });
  }

  // the same zod rules as the forms, every row; a problem already named for a cell is not named twice
  const schema = entity === "people" ? personCreateSchema : createCaseSchema;
  const parsed = drafts.map((draft) => {
    const result = schema.safeParse(draft.input);
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
  const candidatesBySkeleton = await existingPeopleBySkeleton(tx, ctx, [...new Set([...skeletons.values()].flat())]);

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
    if (primary) {
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
    rows.push({ ...base, state, linkTo, ...toRecords(entity, data) });
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

function toRecords(entity: ImportEntity, data: PeopleData | CaseData): Pick<PreparedRow, "person" | "case"> {
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
