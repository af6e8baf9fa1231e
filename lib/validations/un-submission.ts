// Zod schemas for UN submissions (WGEID, WGAD), their follow-up log and draft requests, shared by the
// case page's forms, the server actions and the JSON API.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { ARBITRARY_CATEGORIES, ELEMENTS_BY_TYPE, UN_SUBMISSION_TYPES } from "@/lib/un-submissions/readiness";
import { daySchema, optionalDay, optionalText } from "./protest";

const CHOICE = { message: "invalidChoice" } as const;
const version = z.coerce.number({ message: "invalidNumber" }).int().min(1);
const ALL_ELEMENTS = Array.from(new Set(Object.values(ELEMENTS_BY_TYPE).flat()));

const notInFuture = (value: Date | null) => !value || value.getTime() <= Date.now();

const submissionFields = {
  submitterName: optionalText(300),
  confidentialElements: z
    .array(z.enum(ALL_ELEMENTS as [string, ...string[]], CHOICE))
    .max(ALL_ELEMENTS.length)
    .default([])
    .transform((list) => Array.from(new Set(list))),
  arbitraryCategories: z
    .array(z.enum(ARBITRARY_CATEGORIES, CHOICE))
    .max(3)
    .default([])
    .transform((list) => Array.from(new Set(list)).sort()),
  arbitraryReasons: optionalText(20_000),
  sentAt: optionalDay.refine(notInFuture, "dateInFuture"),
  unReference: optionalText(200),
  comments: optionalText(20_000),
};

export const unSubmissionCreateSchema = z.object({ type: z.enum(UN_SUBMISSION_TYPES, CHOICE), ...submissionFields });
export type UnSubmissionCreateInput = z.input<typeof unSubmissionCreateSchema>;

export const unSubmissionUpdateSchema = z.object({ version, ...submissionFields }).partial({
  submitterName: true,
  confidentialElements: true,
  arbitraryCategories: true,
  arbitraryReasons: true,
  sentAt: true,
  unReference: true,
  comments: true,
});
export type UnSubmissionUpdateInput = z.input<typeof unSubmissionUpdateSchema>;

export const unReplyCreateSchema = z.object({
  receivedAt: daySchema.refine((value) => notInFuture(value), "dateInFuture"),
  summary: optionalText(20_000),
});
export type UnReplyCreateInput = z.input<typeof unReplyCreateSchema>;

export const unReplyAnswerSchema = z.object({
  version,
  answeredAt: daySchema.refine((value) => notInFuture(value), "dateInFuture"),
});
export type UnReplyAnswerInput = z.input<typeof unReplyAnswerSchema>;

export const UN_DRAFT_FORMATS = ["docx", "pdf"] as const;
export const UN_DRAFT_LANGUAGES = ["en", "fr", "es"] as const;
export type UnDraftFormat = (typeof UN_DRAFT_FORMATS)[number];
export type UnDraftLanguage = (typeof UN_DRAFT_LANGUAGES)[number];

export const unDraftRequestSchema = z.object({
  type: z.enum(UN_SUBMISSION_TYPES, CHOICE),
  format: z.enum(UN_DRAFT_FORMATS, CHOICE).default("docx"),
  /** the language of the labels; the content stays as recorded, the Working Groups work in English */
  lang: z.enum(UN_DRAFT_LANGUAGES, CHOICE).default("en"),
});
export type UnDraftRequest = z.input<typeof unDraftRequestSchema>;
