"use server";
// Thin server actions for the people pages and the shared person picker: parse, call the service, report.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { createPerson } from "@/lib/people/create-person";
import { deletePerson, restorePerson } from "@/lib/people/delete-person";
import { findDuplicateCandidates, type DuplicateCandidate } from "@/lib/people/find-duplicate-candidates";
import { findPeople, type PersonListItem } from "@/lib/people/find-people";
import { mergePeople, type MergeResult } from "@/lib/people/merge-people";
import { reviewDuplicatePair } from "@/lib/people/review-duplicate-pair";
import type { PersonView } from "@/lib/people/shared";
import { updatePerson } from "@/lib/people/update-person";
import { findPlaceByDivisionCode } from "@/lib/places/find-place-by-division-code";
import { findPlaces, type PlaceOption } from "@/lib/places/find-places";
import type { DuplicateQueryInput, MergeInput, PersonCreateInput, PersonUpdateInput } from "@/lib/validations/person";

// create a person from the full form
export async function createPersonAction(input: PersonCreateInput, submitKey?: string): Promise<ActionResult<PersonView>> {
  const result = await runAction((ctx) => createPerson(ctx, input), { permission: "people.write", submission: { key: submitKey, action: "person.create", input } });
  if (result.ok) revalidatePath("/people");
  return result;
}

// save an edit made from a known version
export async function updatePersonAction(personId: string, input: PersonUpdateInput): Promise<ActionResult<PersonView>> {
  const result = await runAction((ctx) => updatePerson(ctx, personId, input), { permission: "people.write" });
  if (result.ok) revalidatePath(`/people/${personId}`);
  return result;
}

// soft-delete a person (coordinators)
export async function deletePersonAction(personId: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((ctx) => deletePerson(ctx, personId), { permission: "people.delete" });
  if (result.ok) revalidatePath("/people");
  return result;
}

// bring a deleted person back (coordinators)
export async function restorePersonAction(personId: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((ctx) => restorePerson(ctx, personId), { permission: "people.delete" });
  if (result.ok) revalidatePath("/people");
  return result;
}

// merge two records of the same person (coordinators)
export async function mergePeopleAction(input: MergeInput): Promise<ActionResult<MergeResult>> {
  const result = await runAction((ctx) => mergePeople(ctx, input), { permission: "people.merge" });
  if (result.ok) revalidatePath("/people");
  return result;
}

// a likely duplicate pair reviewed as not the same person, from "what needs doing today" (coordinators)
export async function reviewDuplicatePairAction(pairId: string): Promise<ActionResult<{ id: string; status: "NOT_SAME" }>> {
  const result = await runAction((ctx) => reviewDuplicatePair(ctx, pairId, { decision: "NOT_SAME" }), { permission: "people.merge" });
  if (result.ok) revalidatePath("/dashboard");
  return result;
}

// likely existing records while a person is being typed in
export async function findDuplicatesAction(input: DuplicateQueryInput): Promise<ActionResult<DuplicateCandidate[]>> {
  return runAction((ctx) => findDuplicateCandidates(ctx, input), { permission: "people.read" });
}

// the person picker's search-as-you-type
export async function searchPeopleAction(q: string): Promise<ActionResult<PersonListItem[]>> {
  return runAction(async (ctx) => (await findPeople(ctx, { q, pageSize: 10 })).items, { permission: "people.read" });
}

// the person picker's inline "create new person" with just a name
export async function quickCreatePersonAction(name: string): Promise<ActionResult<{ id: string; displayName: string }>> {
  return runAction(async (ctx) => {
    const person = await createPerson(ctx, { names: [{ value: name }] });
    return { id: person.id, displayName: person.displayName };
  }, { permission: "people.write" });
}

// hometown picker: places by a name in any language (the shared gazetteer, like GET /places)
export async function searchPlacesAction(q: string): Promise<ActionResult<PlaceOption[]>> {
  return runAction((ctx) => findPlaces(ctx, { q }), { access: "member" });
}

// the place a Chinese resident ID was issued in, offered as the person's hometown
export async function placeForDivisionCodeAction(divisionCode: string): Promise<ActionResult<PlaceOption | null>> {
  return runAction((ctx) => findPlaceByDivisionCode(ctx, divisionCode), { permission: "people.read" });
}
