// Zod schemas for advocacy actions on a case (appeals, UN submissions, media work) and their responses.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { AdvocacyActionType } from "@/lib/generated/prisma/enums";
import { daySchema, optionalDay, optionalText, uuid } from "./protest";

const CHOICE = { message: "invalidChoice" } as const;

const actionFields = {
  type: z.enum(AdvocacyActionType, CHOICE),
  date: daySchema,
  recipient: z.string({ message: "required" }).trim().min(1, "required").max(300, "tooLong"),
  theirReference: optionalText(200),
  description: optionalText(20_000),
  response: optionalText(20_000),
  responseDate: optionalDay,
};

function refineDates(value: { date: Date; responseDate: Date | null }, context: z.RefinementCtx): void {
  if (value.responseDate && value.responseDate < value.date) {
    context.addIssue({ code: "custom", message: "responseBeforeAction", path: ["responseDate"] });
  }
}

export const advocacyCreateSchema = z.object({ caseId: uuid, ...actionFields }).superRefine(refineDates);
export type AdvocacyCreateInput = z.input<typeof advocacyCreateSchema>;
export type AdvocacyCreate = z.output<typeof advocacyCreateSchema>;

export const advocacyUpdateSchema = z
  .object({ version: z.coerce.number({ message: "invalidNumber" }).int().min(1), ...actionFields })
  .superRefine(refineDates);
export type AdvocacyUpdateInput = z.input<typeof advocacyUpdateSchema>;
export type AdvocacyUpdate = z.output<typeof advocacyUpdateSchema>;

export const advocacyResponseSchema = z.object({
  version: z.coerce.number({ message: "invalidNumber" }).int().min(1),
  response: z.string({ message: "required" }).trim().min(1, "required").max(20_000, "tooLong"),
  responseDate: daySchema,
});
export type AdvocacyResponseInput = z.input<typeof advocacyResponseSchema>;

export const advocacyListQuerySchema = z.object({
  caseId: z.union([uuid, z.literal("")]).optional().transform((v) => (v ? v : null)).catch(null),
  type: z
    .union([z.enum(AdvocacyActionType, CHOICE), z.literal("")])
    .optional()
    .transform((v) => (v ? v : null))
    .catch(null),
  awaiting: z
    .union([z.literal("true"), z.literal("false"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "true"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type AdvocacyListQuery = z.output<typeof advocacyListQuerySchema>;
