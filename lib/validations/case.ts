// Zod schemas for cases, their timeline, notes, tasks and sources, shared by forms, server actions and
// the JSON API. Messages are keys in the "validation" message area (translated where they are shown).
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import {
  CaseEventType,
  CaseStatus,
  DatePrecision,
  DisclosureLevel,
  Gender,
  Priority,
  Relationship,
  Reliability,
  SourceKind,
  VerificationLevel,
  WarrantShown,
} from "@/lib/generated/prisma/enums";
import { filterBound, filterDaySchema, optionalDaySchema, uncertainDateSchema } from "./dates";
import { personDocumentSchema } from "./person";
import { UN_READINESS_FILTERS } from "@/lib/un-submissions/readiness";
import { optionalText } from "./protest";

const CHOICE = { message: "invalidChoice" } as const;

const uuid = z.string().uuid("invalidChoice");
const optionalUuid = z
  .union([uuid, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value ? value : null));

export { parseUncertainDate, type UncertainDate } from "./dates";

/** The inverse of parseUncertainDate, for filling a form from a stored date. */
export function uncertainDateToInput(date: Date | null, precision: DatePrecision): string {
  if (!date || precision === "UNKNOWN") return "";
  const iso = date.toISOString().slice(0, 10);
  if (precision === "YEAR") return iso.slice(0, 4);
  if (precision === "MONTH") return iso.slice(0, 7);
  return iso;
}

const tags = z
  .array(z.string().trim().min(1, "required").max(40, "tooLong"))
  .max(20, "tooLong")
  .default([])
  .transform((list) => Array.from(new Set(list.map((tag) => tag.toLowerCase()))));

export const personNameInputSchema = z.object({
  value: z.string().trim().min(1, "required").max(200, "tooLong"),
});

/** A person created inline while opening a case (the subject or a family contact). */
export const newPersonSchema = z.object({
  names: z.array(personNameInputSchema).min(1, "required").max(10, "tooLong"),
  gender: z.enum(Gender, CHOICE).default("UNKNOWN"),
  birthDate: uncertainDateSchema("birth").optional().default(""),
  hometownText: optionalText(200),
  hometownPlaceId: optionalUuid,
  phone: optionalText(60),
  documents: z.array(personDocumentSchema).max(5, "tooLong").default([]),
});
export type NewPersonInput = z.infer<typeof newPersonSchema>;

/**
 * Someone already recorded (`personId`) or someone new (`person`). Both are fields of one object rather than
 * a union, so a new person's own problem (a bad birth date) is reported under its field instead of as
 * "no option fits" at `subject`; and the API description shows both shapes.
 */
export const subjectSchema = z
  .object({ personId: uuid.optional(), person: newPersonSchema.optional() }, { message: "required" })
  .superRefine((value, context) => {
    if (!value.personId && !value.person) context.addIssue({ code: "custom", message: "required", path: ["personId"] });
  })
  .transform((value): { personId: string } | { person: NewPersonInput } => (value.personId ? { personId: value.personId } : { person: value.person! }));

export const contactInputSchema = z
  .object({
    personId: uuid.optional(),
    person: newPersonSchema.optional(),
    relationship: z.enum(Relationship, CHOICE),
    relationshipOther: optionalText(100),
    isPrimary: z.boolean().default(false),
  })
  .superRefine((value, context) => {
    if (!value.personId && !value.person) context.addIssue({ code: "custom", path: ["person", "names"], message: "required" });
    if (value.relationship === "OTHER" && !value.relationshipOther)
      context.addIssue({ code: "custom", path: ["relationshipOther"], message: "required" });
  });
export type ContactInput = z.infer<typeof contactInputSchema>;

const consentFields = {
  disclosureLevel: z.enum(DisclosureLevel, CHOICE).default("PRIVATE"),
  consentGivenBy: optionalText(200),
  consentGivenAt: optionalDaySchema("pastEvent"),
  consentScope: optionalText(500),
  consentNotes: optionalText(5000),
};

function refineConsent(
  value: { disclosureLevel?: DisclosureLevel; consentGivenBy?: string | null; consentGivenAt?: Date | null },
  context: z.RefinementCtx,
) {
  // Publishing anything beyond the group needs a recorded consent: who gave it and when.
  if (value.disclosureLevel && value.disclosureLevel !== "PRIVATE") {
    if (!value.consentGivenBy) context.addIssue({ code: "custom", path: ["consentGivenBy"], message: "required" });
    if (!value.consentGivenAt) context.addIssue({ code: "custom", path: ["consentGivenAt"], message: "required" });
  }
}

export const createCaseSchema = z
  .object({
    subject: subjectSchema,
    contacts: z.array(contactInputSchema).max(20, "tooLong").default([]),
    status: z.enum(CaseStatus, CHOICE).default("UNKNOWN"),
    ...consentFields,
    assignedToId: optionalUuid,
    priority: z.enum(Priority, CHOICE).default("NORMAL"),
    verificationLevel: z.enum(VerificationLevel, CHOICE).default("REPORTED"),
    tags,
    summary: optionalText(20000),
  })
  .superRefine((value, context) => {
    refineConsent(value, context);
    if (value.contacts.filter((contact) => contact.isPrimary).length > 1)
      context.addIssue({ code: "custom", path: ["contacts"], message: "duplicate" });
  });
export type CreateCaseInput = z.input<typeof createCaseSchema>;
export type CreateCaseData = z.output<typeof createCaseSchema>;

export const updateCaseSchema = z
  .object({
    version: z.coerce.number().int().min(1),
    disclosureLevel: consentFields.disclosureLevel.optional(),
    consentGivenBy: consentFields.consentGivenBy,
    consentGivenAt: consentFields.consentGivenAt,
    consentScope: consentFields.consentScope,
    consentNotes: consentFields.consentNotes,
    priority: z.enum(Priority, CHOICE).optional(),
    verificationLevel: z.enum(VerificationLevel, CHOICE).optional(),
    tags: tags.optional(),
    summary: optionalText(20000),
  })
  .partial({ consentGivenBy: true, consentGivenAt: true, consentScope: true, consentNotes: true, summary: true })
  .superRefine(refineConsent);
export type UpdateCaseInput = z.input<typeof updateCaseSchema>;

export const assignCaseSchema = z.object({ version: z.coerce.number().int().min(1), assignedToId: optionalUuid });
export const statusOverrideSchema = z.object({
  version: z.coerce.number().int().min(1),
  // null hands the status back to the timeline
  status: z.enum(CaseStatus, CHOICE).nullable(),
});
export const versionOnlySchema = z.object({ version: z.coerce.number().int().min(1) });

export const eventSchema = z.object({
    type: z.enum(CaseEventType, CHOICE),
    date: uncertainDateSchema("pastEvent").default(""),
    placeId: optionalUuid,
    placeText: optionalText(200),
    facility: optionalText(200),
    authority: optionalText(200),
    charges: optionalText(500),
    // at an arrest, the Working Group on Arbitrary Detention's question; empty means not recorded
    warrantShown: z
      .union([z.enum(WarrantShown, CHOICE), z.literal(""), z.null()])
      .optional()
      .transform((value) => (value ? value : null)),
    warrantDetails: optionalText(500),
    sentenceMonths: z
      .union([z.coerce.number().int("invalidNumber").min(1, "mustBePositive").max(600, "tooLong"), z.literal(""), z.null()])
      .optional()
      .transform((value) => (typeof value === "number" ? value : null)),
    description: optionalText(20000),
  });
export type EventInput = z.input<typeof eventSchema>;
export type EventData = z.output<typeof eventSchema>;
export const updateEventSchema = eventSchema.and(z.object({ version: z.coerce.number().int().min(1) }));

export const noteSchema = z.object({ body: z.string().trim().min(1, "required").max(20000, "tooLong") });

export const taskSchema = z.object({
  title: z.string().trim().min(1, "required").max(200, "tooLong"),
  description: optionalText(5000),
  dueDate: optionalDaySchema("upcoming"),
  assigneeId: optionalUuid,
});

export const sourceSchema = z.object({
  kind: z.enum(SourceKind, CHOICE),
  title: z.string().trim().min(1, "required").max(300, "tooLong"),
  url: z
    .union([z.string().trim().url("invalidUrl").max(2000, "tooLong"), z.literal(""), z.null()])
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => !value || /^https?:\/\//i.test(value), "invalidUrl"),
  reliability: z.enum(Reliability, CHOICE).default("UNKNOWN"),
  publishedAt: optionalDaySchema("pastEvent"),
  description: optionalText(5000),
  /** cite on the case itself or on one event of it */
  caseEventId: optionalUuid,
});

export const CASE_SORTS = ["updated", "opened", "reference", "lastEvent", "priority"] as const;

/** The list's filters, read from the URL's search parameters so a link reproduces the view. */
export const caseListQuerySchema = z.object({
  q: z.string().trim().max(200, "tooLong").optional().default(""),
  status: z.enum(CaseStatus, CHOICE).optional().catch(undefined),
  disclosure: z.enum(DisclosureLevel, CHOICE).optional().catch(undefined),
  verification: z.enum(VerificationLevel, CHOICE).optional().catch(undefined),
  assignee: z.union([uuid, z.literal("me"), z.literal("none")]).optional().catch(undefined),
  tag: z.string().trim().max(40).optional().catch(undefined),
  hometown: z.string().trim().max(200).optional().catch(undefined),
  // an impossible day in a link is ignored like any other unknown filter value
  from: filterBound("from", filterDaySchema).catch(undefined),
  to: filterBound("to", filterDaySchema).catch(undefined),
  deleted: z.enum(["1"]).optional().catch(undefined),
  // what the dashboard's figures link to: opened in a period, not changed since a day, an event in a period
  openedFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  openedTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  updatedBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  event: z.enum(CaseEventType, CHOICE).optional().catch(undefined),
  eventFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  eventTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  // ready for a UN submission, or missing elements (lib/un-submissions/readiness-sql.ts)
  un: z.enum(UN_READINESS_FILTERS).optional().catch(undefined),
  sort: z.enum(CASE_SORTS).default("updated").catch("updated"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  page: z.coerce.number().int().min(1).max(10000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25).catch(25),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;
export type CaseListParams = z.output<typeof caseListQuerySchema>;
