// The people a case needs (its subject and family contacts), found or created inside the case's
// transaction. New people are written by insertPersonInTx, the one way a person and their names (with
// their search keys) are recorded.
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { insertPersonInTx, type PersonAuditOptions } from "@/lib/people/create-person";
import type { NewPersonInput } from "@/lib/validations/case";
import { parseUncertainDate } from "@/lib/validations/case";
import { personScope } from "@/lib/authz";

/**
 * Records a person typed into the case form and returns the new id. `path` is where the person sits in
 * the case input ("subject.person", "contacts.1.person"), so a problem is shown at the right field.
 */
export async function insertPersonForCase(tx: Tx, ctx: Ctx, input: NewPersonInput, path = "person", options: PersonAuditOptions = {}): Promise<string> {
  const birth = parseUncertainDate(input.birthDate) ?? { date: null, precision: "UNKNOWN" as const };
  try {
    return await insertPersonInTx(tx, ctx, {
      names: input.names.map((name) => ({ value: name.value })),
      gender: input.gender,
      birthDate: birth.date ? input.birthDate : null,
      birthDatePrecision: birth.precision,
      hometownText: input.hometownText,
      hometownPlaceId: input.hometownPlaceId,
      contact: input.phone ? { phone: input.phone } : null,
      documents: input.documents,
    }, options);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID" && error.fieldErrors) {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [`${path}.${field}`, messages]));
      throw new AppError("INVALID", error.message, { fieldErrors, details: error.details });
    }
    throw error;
  }
}

/** An existing person of this organisation, or NOT_FOUND. */
export async function requirePerson(tx: Tx, ctx: Ctx, personId: string): Promise<string> {
  const person = await tx.person.findFirst({
    where: { ...personScope(ctx), id: personId },
    select: { id: true },
  });
  if (!person) throw notFound("person");
  return person.id;
}
