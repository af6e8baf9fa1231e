// Zod schemas for police actions against activists and their outcomes, shared by forms, server actions
// and the JSON API. Cross-field rules live in one pure function so the services apply the very same
// rules when an outcome is recorded later against the stored action.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { AppealResult, PoliceActionStatus, PoliceActionType, PoliceOutcome } from "@/lib/generated/prisma/enums";
import type { FieldErrors } from "@/lib/errors";
import { optionalDateTimeSchema } from "./dates";
import { daySchema, filterFrom, filterTo, optionalDay, optionalText, optionalUuid, uuid } from "./protest";

const CHOICE = { message: "invalidChoice" } as const;

/**
 * Upper bounds we enforce. Kazakhstan's Code of Administrative Offences (art. 50) sets administrative
 * arrest at up to 30 days — the assembly offences protesters are charged with carry up to 15, some
 * repeat offences up to 30 — and allows 45 only for breaking the rules of a state of emergency, which
 * is not what this app records; so an arrest or days served over 30 is refused as a typing slip.
 * Detention before a decision may not exceed 72 hours.
 */
export const MAX_ARREST_DAYS = 30;
export const MAX_DETENTION_HOURS = 72;
export const MAX_FINE = 1_000_000_000;

/** An optional whole number from a form ("" = none) or JSON. */
const optionalInt = (max: number, maxKey: string) =>
  z
    .union([z.number(), z.string().trim(), z.null()])
    .optional()
    .transform((value, context) => {
      if (value === null || value === undefined || value === "") return null;
      const number = typeof value === "number" ? value : Number(value);
      if (!Number.isInteger(number)) {
        context.addIssue({ code: "custom", message: "invalidNumber" });
        return z.NEVER;
      }
      if (number < 0) {
        context.addIssue({ code: "custom", message: "mustBePositive" });
        return z.NEVER;
      }
      if (number > max) {
        context.addIssue({ code: "custom", message: maxKey });
        return z.NEVER;
      }
      return number;
    });

/** An optional amount of money, at most two decimals; negative or zero amounts are refused. */
export const optionalMoney = z
  .union([z.number(), z.string().trim(), z.null()])
  .optional()
  .transform((value, context) => {
    if (value === null || value === undefined || value === "") return null;
    // people type "69 000": spaces (also non-breaking) are grouping only
    const number = typeof value === "number" ? value : Number(value.replace(/[\s\u00a0\u202f]/g, ""));
    if (!Number.isFinite(number)) {
      context.addIssue({ code: "custom", message: "invalidNumber" });
      return z.NEVER;
    }
    if (number <= 0) {
      context.addIssue({ code: "custom", message: "mustBePositive" });
      return z.NEVER;
    }
    if (number > MAX_FINE || Math.round(number * 100) / 100 !== number) {
      context.addIssue({ code: "custom", message: "invalidNumber" });
      return z.NEVER;
    }
    return number;
  });

const currency = z
  .union([z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "invalidChoice"), z.literal(""), z.null()])
  .optional()
  .transform((value) => (value ? value : "KZT"));

const optionalEnum = <T extends Record<string, string>>(values: T) =>
  z
    .union([z.enum(values, CHOICE), z.literal(""), z.null()])
    .optional()
    .transform((value) => (value ? value : null));

export const outcomeFields = {
  outcome: optionalEnum(PoliceOutcome),
  outcomeDate: optionalDay,
  outcomeFineAmount: optionalMoney,
  outcomeDaysServed: optionalInt(MAX_ARREST_DAYS, "arrestDaysOverMax"),
  appealResult: optionalEnum(AppealResult),
  appealResultDate: optionalDay,
};

const actionFields = {
  personId: uuid,
  protestId: optionalUuid,
  caseId: optionalUuid,
  type: z.enum(PoliceActionType, CHOICE),
  date: daySchema,
  authority: optionalText(300),
  legalBasis: optionalText(300),
  hearingAt: optionalDateTimeSchema("upcoming"),
  durationHours: optionalInt(MAX_DETENTION_HOURS, "detentionHoursOverMax"),
  arrestDays: optionalInt(MAX_ARREST_DAYS, "arrestDaysOverMax"),
  fineAmount: optionalMoney,
  currency,
  lawyer: optionalText(200),
  status: z
    .union([z.enum(PoliceActionStatus, CHOICE), z.literal("")])
    .optional()
    .transform((value) => (value ? value : "PENDING" as const)),
  description: optionalText(20_000),
  ...outcomeFields,
};

/** The facts the cross-field rules look at, whether they come from a form or from the stored row. */
export interface PoliceActionFacts {
  date: Date;
  hearingAt: Date | null;
  status: "PENDING" | "RESOLVED";
  outcome: string | null;
  outcomeDate: Date | null;
  outcomeFineAmount: number | null;
  appealResult: string | null;
  appealResultDate: Date | null;
}

/**
 * The rules between fields, as per-field message keys:
 * an outcome cannot be dated before its action, nor an appeal's result before the outcome;
 * an action with a hearing date is only resolved once its outcome is known;
 * an outcome "fined" needs the amount; an appeal's result needs an appeal.
 */
export function policeActionRuleErrors(facts: PoliceActionFacts): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, key: string) => (errors[field] ??= []).push(key);
  if (facts.outcomeDate && facts.outcomeDate < facts.date) add("outcomeDate", "outcomeBeforeAction");
  if (facts.outcomeDate && !facts.outcome) add("outcome", "required");
  if (facts.hearingAt && facts.hearingAt.getTime() < facts.date.getTime()) add("hearingAt", "dateOrder");
  if (facts.status === "RESOLVED" && facts.hearingAt && !facts.outcome) add("outcome", "resolvedWithoutOutcome");
  if (facts.outcome === "FINED" && facts.outcomeFineAmount === null) add("outcomeFineAmount", "required");
  if (facts.appealResult && !facts.outcome) add("outcome", "required");
  if (facts.appealResultDate && !facts.appealResult) add("appealResult", "required");
  if (facts.appealResultDate && facts.outcomeDate && facts.appealResultDate < facts.outcomeDate) add("appealResultDate", "dateOrder");
  if (facts.appealResultDate && facts.appealResultDate < facts.date) add("appealResultDate", "dateOrder");
  return errors;
}

const isDayOrNone = (value: unknown) => value === null || value === undefined || value instanceof Date;

function refineRules(value: PoliceActionFacts, context: z.RefinementCtx): void {
  // zod runs this even when a field was refused (its value is then the text as sent): the rules between
  // fields wait until every date is one, and the field's own message says what is wrong
  if (!(value.date instanceof Date) || ![value.hearingAt, value.outcomeDate, value.appealResultDate].every(isDayOrNone)) return;
  for (const [field, keys] of Object.entries(policeActionRuleErrors(value))) {
    for (const key of keys) context.addIssue({ code: "custom", message: key, path: [field] });
  }
}

export const policeActionCreateSchema = z.object(actionFields).superRefine(refineRules);
export type PoliceActionCreateInput = z.input<typeof policeActionCreateSchema>;
export type PoliceActionCreate = z.output<typeof policeActionCreateSchema>;

export const policeActionUpdateSchema = z
  .object({ version: z.coerce.number({ message: "invalidNumber" }).int().min(1), ...actionFields })
  .superRefine(refineRules);
export type PoliceActionUpdateInput = z.input<typeof policeActionUpdateSchema>;
export type PoliceActionUpdate = z.output<typeof policeActionUpdateSchema>;

/** Recording what came of an action: the outcome is required; status follows unless given. */
export const policeOutcomeSchema = z.object({
  version: z.coerce.number({ message: "invalidNumber" }).int().min(1),
  ...outcomeFields,
  outcome: z.enum(PoliceOutcome, CHOICE),
  outcomeDate: daySchema,
  status: z
    .union([z.enum(PoliceActionStatus, CHOICE), z.literal("")])
    .optional()
    .transform((value) => (value ? value : null)),
});
export type PoliceOutcomeInput = z.input<typeof policeOutcomeSchema>;
export type PoliceOutcomeRecord = z.output<typeof policeOutcomeSchema>;

export const policeActionListQuerySchema = z.object({
  from: filterFrom,
  to: filterTo,
  city: optionalText(120),
  type: optionalEnum(PoliceActionType).catch(null),
  outcome: optionalEnum(PoliceOutcome).catch(null),
  status: optionalEnum(PoliceActionStatus).catch(null),
  personId: optionalUuid.catch(null),
  protestId: optionalUuid.catch(null),
  q: optionalText(200),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type PoliceActionListQuery = z.output<typeof policeActionListQuerySchema>;

/** "Next N days" and "after N days" windows: a week by default, at most a year. */
export const windowDaysSchema = z.coerce.number().int().min(1).max(366).catch(14).default(14);
