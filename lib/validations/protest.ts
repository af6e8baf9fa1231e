// Zod schemas for protests and their participants, shared by forms, server actions and the JSON API.
// Messages are keys in the "validation" message area; keys only this area uses live in "protests.validation".
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { ParticipationRole, ProtestKind } from "@/lib/generated/prisma/enums";

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

/** A date and time as a form or API client sends it ("2026-03-12T14:00", full ISO also accepted). */
export const dateTimeSchema = z
  .string({ message: "required" })
  .trim()
  .min(1, "required")
  .refine((value) => value === "" || !Number.isNaN(Date.parse(value)), "invalidDate")
  .transform((value) => new Date(value));

export const optionalDateTime = z
  .union([z.string().trim(), z.null()])
  .optional()
  .refine((value) => !value || !Number.isNaN(Date.parse(value)), "invalidDate")
  .transform((value) => (value ? new Date(value) : null));

/** A calendar day, "YYYY-MM-DD", stored as midnight UTC. */
export const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
export function parseDay(value: string): Date | null {
  const match = dayPattern.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) return null;
  return date;
}

export const daySchema = z
  .string({ message: "required" })
  .trim()
  .min(1, "required")
  .refine((value) => value === "" || parseDay(value) !== null, "invalidDate")
  .transform((value) => parseDay(value) as Date);

export const optionalDay = z
  .union([z.string().trim(), z.null()])
  .optional()
  .refine((value) => !value || parseDay(value) !== null, "invalidDate")
  .transform((value) => (value ? parseDay(value) : null));

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
  startsAt: dateTimeSchema,
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
  from: optionalDay,
  to: optionalDay,
  city: optionalText(120),
  kind: z.union([z.enum(ProtestKind, CHOICE), z.literal("")]).optional().transform((v) => (v ? v : null)),
  personId: optionalUuid,
  q: optionalText(200),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type ProtestListQuery = z.output<typeof protestListQuerySchema>;
