// Zod schema for erasing a person on a family's request, shared by the form, the server action and the API.
import "@/lib/security/zod-no-eval";
import { z } from "zod";

/** Why a person was erased: a closed list, so the audit log never holds free text about them. */
export const ERASURE_REASONS = ["FAMILY_REQUEST", "PERSON_REQUEST", "CONSENT_WITHDRAWN", "SAFETY_RISK", "OTHER"] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export const personErasureSchema = z.object({
  reason: z.enum(ERASURE_REASONS, "invalidChoice"),
  /** the person's name as shown, typed again so nobody erases the wrong record by a slip */
  confirmation: z.string("required").trim().min(1, "required").max(300, "tooLong"),
  version: z.coerce.number("invalidNumber").int("invalidNumber").positive("mustBePositive"),
});
export type PersonErasureInput = z.input<typeof personErasureSchema>;
