// Zod schemas for protests and their participants, shared by forms, server actions and the JSON API.
// Messages are keys in the "validation" message area; keys only this area uses live in "protests.validation".
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { ParticipationRole, ProtestKind } from "@/lib/generated/prisma/enums";
import { dateTimeSchema, daySchema as pastDaySchema, filterBound, optionalDaySchema } from "./dates";

const CHOICE = { message: "invalidChoice" } as const;

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));

export const uuid = z.string().uuid("invalidChoice");
export const optionalUuid = z
  .union([uuid, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value ? value : null));

/** Dates of the protest, police-action and advocacy forms; each kind's rule is in ./dates. */
export { parseDay } from "./dates";
/** A day something happened (an action, an outcome, a response). */
export const daySchema = pastDaySchema("pastEvent");
export const optionalDay = optionalDaySchema("pastEvent");
/** A list filter's day: a real calendar day, refused per field otherwise. */
export const filterDay = optionalDaySchema("filter");
/** A list's or a register's date range, each end typed at any precision ("наурыз 2018" from its first day to its last). */
export const filterFrom = filterBound("from", filterDay);
export const filterTo = filterBound("to", filterDay);

export const sourceRefSchema = z.object({
  title: z.string().trim().min(1, "required").max(300, "tooLong"),
  url: z
    .union([z.string().trim().url("invalidUrl").max(2000, "tooLong"), z.literal(""), z.null()])
    .optional()
    .transform((value) => (value ? value : null)),
});

/** A person inline-created from the participant picker: one name is enough to start a record. */
export const newParticipantPersonSchema = z.object({
  name: z.string().trim().min(1, "required").max(200, "tooLong"),
});

export const participantSchema = z
  .object({
    personId: optionalUuid,
    newPerson: newParticipantPersonSchema.optional().nullable(),
    role: z.enum(ParticipationRole, CHOICE).default("PARTICIPANT"),
    caseId: optionalUuid,
  })
  .refine((value) => Boolean(value.personId) !== Boolean(value.newPerson), { message: "required", path: ["personId"] });

export type ParticipantInput = z.input<typeof participantSchema>;
export type Participant = z.output<typeof participantSchema>;

const protestFields = {
  // a protest may be recorded when it is announced
  startsAt: dateTimeSchema("upcoming"),
  city: z.string({ message: "required" }).trim().min(1, "required").max(120, "tooLong"),
  location: optionalText(200),
  placeId: optionalUuid,
  kind: z.enum(ProtestKind, CHOICE),
  organiser: optionalText(200),
  description: optionalText(20_000),
};

export const protestCreateSchema = z
  .object({
    ...protestFields,
    sources: z.array(sourceRefSchema).max(20, "tooLong").default([]),
    participants: z.array(participantSchema).max(500, "tooLong").default([]),
  })
  .superRefine((value, issue) => {
    // the same known person twice is almost always a slip of the keyboard; refuse it where it happened
    const seen = new Set<string>();
    value.participants.forEach((participant, index) => {
      if (!participant.personId) return;
      if (seen.has(participant.personId)) {
        issue.addIssue({ code: "custom", message: "alreadyParticipant", path: ["participants", index, "personId"] });
      }
      seen.add(participant.personId);
    });
  });

export type ProtestCreateInput = z.input<typeof protestCreateSchema>;
export type ProtestCreate = z.output<typeof protestCreateSchema>;

export const protestUpdateSchema = z.object({
  version: z.coerce.number({ message: "invalidNumber" }).int("invalidNumber").min(1, "invalidNumber"),
  ...protestFields,
});
export type ProtestUpdateInput = z.input<typeof protestUpdateSchema>;
export type ProtestUpdate = z.output<typeof protestUpdateSchema>;

export const protestListQuerySchema = z.object({
  from: filterFrom,
  to: filterTo,
  city: optionalText(120),
  kind: z.union([z.enum(ProtestKind, CHOICE), z.literal("")]).optional().transform((v) => (v ? v : null)),
  personId: optionalUuid,
  q: optionalText(200),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type ProtestListQuery = z.output<typeof protestListQuerySchema>;
