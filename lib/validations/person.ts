// One schema per person form, shared by the form (react-hook-form), the server actions and the JSON API.
// Messages are keys in the "validation" message area, translated where the error is shown.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { DatePrecision, Gender, IdentityDocumentKind, NameKind } from "@/lib/generated/prisma/enums";
import { checkDocumentNumber } from "@/lib/identity-documents/numbers";
import { dateRuleProblem, parseTypedDay } from "./dates";
import { parseTypedDate } from "./typed-date";
import { optionalText } from "./protest";

export const PERSON_SORTS = ["name", "created", "updated", "birth"] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export const personNameSchema = z.object({
  value: z.string().trim().min(1, "required").max(200, "tooLong"),
  kind: z.enum(NameKind, "invalidChoice").default("LEGAL"),
});
export type PersonNameInput = z.input<typeof personNameSchema>;

export const personContactSchema = z.object({
  phone: optionalText(50),
  messenger: optionalText(200),
  address: optionalText(500),
});
export type PersonContact = z.output<typeof personContactSchema>;

/**
 * Parses an uncertain date as people type it ("2017", "наурыз 2018", "12.03.2018", "2018-03"; ./typed-date; a
 * full date is also read at a coarser precision) into the first day of the period its precision names.
 * Returns null for an empty value, undefined when it is not a real date at that precision.
 */
export function parseUncertainDate(value: string | null | undefined, precision: DatePrecision): Date | null | undefined {
  if (!value || precision === "UNKNOWN") return null;
  const typed = parseTypedDate(value);
  const parsed = typed.ok ? typed.value : null;
  if (!parsed?.date) return undefined;
  const given = PRECISION_RANK[parsed.precision];
  if (given < PRECISION_RANK[precision]) return undefined;
  // the first day of the period, without Date.UTC (which would read the year 0001 as 1901)
  const date = new Date(parsed.date);
  if (precision === "YEAR") date.setUTCMonth(0, 1);
  if (precision === "MONTH") date.setUTCDate(1);
  return date;
}

const PRECISION_RANK: Record<DatePrecision, number> = { UNKNOWN: 0, YEAR: 1, MONTH: 2, DAY: 3 };

/** The reader's own message for a typed date that is none ("12.03.18" asks for the year in full). */
function typedProblem(value: string | null | undefined): string {
  const typed = parseTypedDate(value);
  return typed.ok ? "invalidDate" : typed.error;
}

/** The problems of a birth/death pair, keyed by field, as validation message keys (the "birth" rule of ./dates for both). */
export function lifeDateProblems(input: {
  birthDate?: string | null;
  birthDatePrecision?: DatePrecision;
  deathDate?: string | null;
  deathDatePrecision?: DatePrecision;
}): Record<"birthDate" | "deathDate", string | undefined> {
  const problems: Record<"birthDate" | "deathDate", string | undefined> = { birthDate: undefined, deathDate: undefined };
  const birth = parseUncertainDate(input.birthDate, input.birthDatePrecision ?? "UNKNOWN");
  const death = parseUncertainDate(input.deathDate, input.deathDatePrecision ?? "UNKNOWN");
  if (birth === undefined) problems.birthDate = typedProblem(input.birthDate);
  else if (birth) problems.birthDate = dateRuleProblem("birth", birth) ?? undefined;
  if (death === undefined) problems.deathDate = typedProblem(input.deathDate);
  else if (death) problems.deathDate = dateRuleProblem("birth", death) ?? undefined;
  if (!problems.deathDate && birth && death && death.getTime() < birth.getTime()) problems.deathDate = "dateOrder";
  return problems;
}

/** A document's day as typed ("12.03.2018", "2018-03-12"), given on as "YYYY-MM-DD". */
const documentDate = z
  .string()
  .trim()
  .max(40, "tooLong")
  .optional()
  .nullable()
  .transform((value, context) => {
    if (!value) return null;
    const day = parseTypedDay(value);
    if (!day) context.addIssue({ code: "custom", message: "invalidDate" });
    return day ? day.toISOString().slice(0, 10) : null;
  });

/**
 * One identity document. A number that fails its kind's check is refused at the field unless the user
 * ticked "keep as written" (families copy numbers from photographs), and is then stored marked so.
 */
export const personDocumentSchema = z
  .object({
    /** an existing document being edited; absent for a new one */
    id: z.uuid("invalidChoice").optional().nullable(),
    kind: z.enum(IdentityDocumentKind, "invalidChoice"),
    number: z.string().trim().min(1, "required").max(60, "tooLong"),
    issuingCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, "invalidChoice")
      .optional()
      .nullable()
      .transform((value) => (value ? value : null)),
    issuedOn: documentDate,
    expiresOn: documentDate,
    note: optionalText(2000),
    keepAsWritten: z.boolean().default(false),
  })
  .superRefine((value, context) => {
    const check = checkDocumentNumber(value.kind, value.number);
    if (!check.valid && !value.keepAsWritten) context.addIssue({ code: "custom", path: ["number"], message: check.problem });
    if (value.issuedOn && value.expiresOn && value.expiresOn < value.issuedOn)
      context.addIssue({ code: "custom", path: ["expiresOn"], message: "dateOrder" });
  });
export type PersonDocumentInput = z.input<typeof personDocumentSchema>;
export type PersonDocumentData = z.output<typeof personDocumentSchema>;

export const personDocumentsSchema = z.array(personDocumentSchema).max(10, "tooLong");

const personFields = {
  names: z
    .array(personNameSchema)
    .min(1, "required")
    .max(20, "tooLong")
    .refine((names) => new Set(names.map((n) => n.value.trim().toLowerCase())).size === names.length, "duplicate"),
  gender: z.enum(Gender, "invalidChoice"),
  birthDate: optionalText(40),
  birthDatePrecision: z.enum(DatePrecision, "invalidChoice"),
  deathDate: optionalText(40),
  deathDatePrecision: z.enum(DatePrecision, "invalidChoice"),
  ethnicity: optionalText(100),
  citizenships: z
    .array(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "invalidChoice"))
    .max(5, "tooLong")
    .transform((codes) => [...new Set(codes)]),
  hometownPlaceId: z.uuid("invalidChoice").optional().nullable().or(z.literal("").transform(() => null)),
  hometownText: optionalText(200),
  contact: personContactSchema.optional().nullable(),
  notes: optionalText(20_000),
  documents: personDocumentsSchema,
};

const precisions: readonly string[] = Object.values(DatePrecision);
const asText = (value: unknown) => (typeof value === "string" ? value : null);
const asPrecision = (value: unknown) => (typeof value === "string" && precisions.includes(value) ? (value as DatePrecision) : "UNKNOWN");

function refineDates(value: Record<string, unknown>, context: z.RefinementCtx) {
  // runs even when other fields failed (see `always`), so the raw values are read defensively; a body
  // that is no object at all has already been refused as such
  if (typeof value !== "object" || value === null) return;
  const problems = lifeDateProblems({
    birthDate: asText(value.birthDate),
    birthDatePrecision: asPrecision(value.birthDatePrecision),
    deathDate: asText(value.deathDate),
    deathDatePrecision: asPrecision(value.deathDatePrecision),
  });
  for (const field of ["birthDate", "deathDate"] as const) {
    const message = problems[field];
    if (message) context.addIssue({ code: "custom", path: [field], message });
  }
}

/** Date problems are reported together with every other field's, not only once the rest is valid. */
const always = { when: () => true };

export const personCreateSchema = z
  .object({
    ...personFields,
    gender: personFields.gender.default("UNKNOWN"),
    birthDatePrecision: personFields.birthDatePrecision.default("UNKNOWN"),
    deathDatePrecision: personFields.deathDatePrecision.default("UNKNOWN"),
    citizenships: personFields.citizenships.default([]),
    documents: personFields.documents.default([]),
  })
  .superRefine(refineDates, always);
export type PersonCreateInput = z.input<typeof personCreateSchema>;
export type PersonCreateData = z.output<typeof personCreateSchema>;

/** A PATCH: any subset of the fields, with the version the editor started from. */
export const personUpdateSchema = z
  .object(personFields)
  .partial()
  .extend({ version: z.coerce.number("invalidNumber").int("invalidNumber").positive("mustBePositive") })
  .superRefine(refineDates, always);
export type PersonUpdateInput = z.input<typeof personUpdateSchema>;
export type PersonUpdateData = z.output<typeof personUpdateSchema>;

export const personQuerySchema = z.object({
  q: z.string().trim().max(200, "tooLong").optional().transform((v) => v || undefined),
  hometown: z.uuid("invalidChoice").optional().or(z.literal("").transform(() => undefined)),
  gender: z.enum(Gender, "invalidChoice").optional().or(z.literal("").transform(() => undefined)),
  bornFrom: z.coerce.number().int().min(1850).max(2100).optional().or(z.literal("").transform(() => undefined)),
  bornTo: z.coerce.number().int().min(1850).max(2100).optional().or(z.literal("").transform(() => undefined)),
  hasCase: z
    .enum(["yes", "no", ""])
    .optional()
    .transform((v) => (v === "yes" ? true : v === "no" ? false : undefined)),
  deleted: z
    .enum(["only", ""])
    .optional()
    .transform((v) => v === "only"),
  sort: z.enum(PERSON_SORTS).optional().or(z.literal("").transform(() => undefined)),
  dir: z.enum(["asc", "desc"]).optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PersonQueryInput = z.input<typeof personQuerySchema>;
export type PersonQuery = z.output<typeof personQuerySchema>;

export const duplicateQuerySchema = z.object({
  names: z.array(z.string().trim().max(200, "tooLong")).max(20).default([]),
  birthDate: z.string().trim().max(40).optional().nullable(),
  birthDatePrecision: z.enum(DatePrecision).default("UNKNOWN"),
  gender: z.enum(Gender).optional().nullable(),
  hometownPlaceId: z.uuid().optional().nullable().or(z.literal("").transform(() => null)),
  relativeNames: z.array(z.string().trim().max(200)).max(20).default([]),
  /** numbers typed for the person: the same number on someone else is the strongest signal */
  documentNumbers: z.array(z.string().trim().max(60)).max(10).default([]),
  excludePersonId: z.uuid().optional().nullable(),
});
export type DuplicateQueryInput = z.input<typeof duplicateQuerySchema>;
export type DuplicateQuery = z.output<typeof duplicateQuerySchema>;

export const mergeSchema = z.object({
  survivorId: z.uuid("invalidChoice"),
  mergedId: z.uuid("invalidChoice"),
  reason: z.string().trim().min(1, "required").max(1000, "tooLong"),
});
export type MergeInput = z.input<typeof mergeSchema>;

/** Digits only, Kazakh trunk prefix 8 turned into the country code, so one number has one hash. */
export function normalisePhone(phone: string): string | null {
  let digits = phone.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("8")) digits = `7${digits.slice(1)}`;
  return digits.length >= 6 ? digits : null;
}

/** A coordinator's review of a likely duplicate pair (merging is the other answer, on the merge page). */
export const duplicateReviewSchema = z.object({
  pairId: z.uuid("invalidChoice"),
  decision: z.literal("NOT_SAME", "invalidChoice"),
});
export type DuplicateReviewInput = Omit<z.input<typeof duplicateReviewSchema>, "pairId">;
