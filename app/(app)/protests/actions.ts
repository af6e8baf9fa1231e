"use server";
// Thin server actions for the protest pages: call the service, report a plain result.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { createProtest } from "@/lib/protests/create-protest";
import { deleteProtest } from "@/lib/protests/delete-protest";
import { findRelativeCases, type RelativeCaseOption } from "@/lib/protests/find-relative-cases";
import { addParticipants, removeParticipant } from "@/lib/protests/participants";
import { updateProtest } from "@/lib/protests/update-protest";
import type { ParticipantInput, ProtestCreateInput, ProtestUpdateInput } from "@/lib/validations/protest";

// record a protest with its participants
export async function createProtestAction(input: ProtestCreateInput, submitKey?: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((ctx) => createProtest(ctx, input), { permission: "protests.write", submission: { key: submitKey, action: "protest.create", input } });
  if (result.ok) revalidatePath("/protests");
  return result;
}

// save an edit made from a known version
export async function updateProtestAction(protestId: string, input: ProtestUpdateInput): Promise<ActionResult<{ id: string; version: number }>> {
  const result = await runAction((ctx) => updateProtest(ctx, protestId, input), { permission: "protests.write" });
  if (result.ok) revalidatePath(`/protests/${protestId}`);
  return result;
}

// add participants to a recorded protest
export async function addParticipantsAction(protestId: string, input: ParticipantInput[]): Promise<ActionResult<{ personIds: string[] }>> {
  const result = await runAction((ctx) => addParticipants(ctx, protestId, input), { permission: "protests.write" });
  if (result.ok) revalidatePath(`/protests/${protestId}`);
  return result;
}

// take a participant off a protest
export async function removeParticipantAction(protestId: string, personId: string): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => removeParticipant(ctx, protestId, personId), { permission: "protests.write" });
  if (result.ok) revalidatePath(`/protests/${protestId}`);
  return result;
}

// soft-delete a protest
export async function deleteProtestAction(protestId: string, version: number): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deleteProtest(ctx, protestId, version), { permission: "protests.write" });
  if (result.ok) revalidatePath("/protests");
  return result;
}

// the cases a participant speaks for, to say whose case they protested for
export async function relativeCasesAction(personId: string): Promise<ActionResult<RelativeCaseOption[]>> {
  return runAction((ctx) => findRelativeCases(ctx, personId), { permission: "cases.read" });
}
