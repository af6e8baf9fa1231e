// What a report request may ask for: the kind, its format, the language, and the filter of that kind.
// One schema for the reports page, the case and police-action pages, the API and the background job.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { PoliceActionStatus, PoliceActionType, PoliceOutcome } from "@/lib/generated/prisma/enums";
import { LOCALES } from "@/lib/i18n/config";
import { filterFrom, filterTo, optionalText } from "./protest";

export const REPORT_KINDS = ["dossier", "summary", "register", "statistics"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ["pdf", "csv", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Which formats each report comes in; the first is the default. */
export const FORMATS_OF: Record<ReportKind, readonly ReportFormat[]> = {
  dossier: ["pdf"],
  summary: ["pdf"],
  register: ["csv", "xlsx", "pdf"],
  statistics: ["csv", "xlsx"],
};

const optionalChoice = <T extends Record<string, string>>(values: T) =>
  z
    .union([z.enum(values, { message: "invalidChoice" }), z.literal(""), z.null()])
    .optional()
    .catch(null)
    .transform((value) => (value ? value : null));

const zipPassword = z
  .union([z.string().min(8, "tooShort").max(200, "tooLong"), z.literal(""), z.null()])
  .optional()
  .transform((value) => (value ? value : null));

/** Downloading a finished job's file, optionally inside a password ZIP. */
export const zipPasswordSchema = z.object({ zipPassword });

export const reportRequestSchema = z
  .object({
    kind: z.enum(REPORT_KINDS, { message: "invalidChoice" }),
    format: z.enum(REPORT_FORMATS, { message: "invalidChoice" }).optional(),
    locale: z.enum(LOCALES, { message: "invalidLocale" }).optional(),
    caseId: z.string().uuid("invalidChoice").optional(),
    from: filterFrom,
    to: filterTo,
    type: optionalChoice(PoliceActionType),
    outcome: optionalChoice(PoliceOutcome),
    status: optionalChoice(PoliceActionStatus),
    city: optionalText(120),
    q: optionalText(200),
    /** when set, the file comes inside an AES-256 encrypted ZIP with this password */
    zipPassword,
  })
  .superRefine((value, context) => {
    if (value.format && !FORMATS_OF[value.kind].includes(value.format)) context.addIssue({ code: "custom", path: ["format"], message: "invalidChoice" });
    if (value.kind === "dossier" && !value.caseId) context.addIssue({ code: "custom", path: ["caseId"], message: "required" });
    if (value.from && value.to && value.from > value.to) context.addIssue({ code: "custom", path: ["to"], message: "dateOrder" });
  })
  .transform((value) => ({ ...value, format: value.format ?? (FORMATS_OF[value.kind][0] as ReportFormat) }));

export type ReportRequest = z.output<typeof reportRequestSchema>;
/** The request as stored on a job and in the audit: dates as days, no password. */
export type StoredReportRequest = Omit<ReportRequest, "from" | "to" | "zipPassword"> & { from: string | null; to: string | null };
