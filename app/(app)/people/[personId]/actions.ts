"use server";
// Thin server action for erasing a person: parse, call the service, report.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { erasePerson, type ErasureResult } from "@/lib/people/erase-person";
import type { PersonErasureInput } from "@/lib/validations/erasure";

// erase a person on a family's request (coordinators and admins; cannot be undone)
export async function erasePersonAction(personId: string, input: PersonErasureInput): Promise<ActionResult<ErasureResult>> {
  const result = await runAction((ctx) => erasePerson(ctx, personId, input), { permission: "people.erase" });
  if (result.ok) {
    revalidatePath("/people");
    revalidatePath(`/people/${personId}`);
  }
  return result;
}
