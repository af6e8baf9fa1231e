// Creating the people a new case needs (its subject and family contacts) inside the case's transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Ctx } from "@/lib/authz";
import { encryptJson } from "@/lib/crypto";
import { personContactContext } from "@/lib/crypto-contexts";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { nameKeys } from "@/lib/names/keys";
import type { NewPersonInput } from "@/lib/validations/case";
import { parseUncertainDate } from "@/lib/validations/case";

/** Inserts a person with their names (search keys computed here) and returns the new id. */
export async function insertPersonForCase(tx: Tx, ctx: Ctx, input: NewPersonInput): Promise<string> {
  const id = randomUUID();
  const birth = parseUncertainDate(input.birthDate) ?? { date: null, precision: "UNKNOWN" as const };
  const displayName = input.names[0]?.value ?? "";
  await tx.person.create({
    data: {
      id,
      organizationId: ctx.organizationId,
      displayName,
      gender: input.gender,
      birthDate: birth.date,
      birthDatePrecision: birth.precision,
      hometownText: input.hometownText,
      contactEnc: input.phone ? encryptJson({ phone: input.phone }, personContactContext(id)) : null,
      createdById: ctx.userId,
    },
  });
  await tx.personName.createMany({
    data: input.names.map((name, position) => {
      const keys = nameKeys(name.value);
      return {
        organizationId: ctx.organizationId,
        personId: id,
        value: name.value,
        script: keys.script,
        normalized: keys.normalized,
        skeleton: keys.skeleton,
        isPrimary: position === 0,
        position,
      };
    }),
  });
  return id;
}

/** An existing person of this organisation, or NOT_FOUND. */
export async function requirePerson(tx: Tx, ctx: Ctx, personId: string): Promise<string> {
  const person = await tx.person.findFirst({
    where: { id: personId, organizationId: ctx.organizationId, deletedAt: null, mergedIntoId: null },
    select: { id: true },
  });
  if (!person) throw notFound("person");
  return person.id;
}
