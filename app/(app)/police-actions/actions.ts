"use server";
// Thin server actions for the police-action pages.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { createPoliceAction } from "@/lib/police-actions/create-police-action";
import { deletePoliceAction } from "@/lib/police-actions/delete-police-action";
import { recordPoliceOutcome } from "@/lib/police-actions/record-outcome";
import { updatePoliceAction } from "@/lib/police-actions/update-police-action";
import type { PoliceActionCreateInput, PoliceActionUpdateInput, PoliceOutcomeInput } from "@/lib/validations/police-action";

// record a police action
export async function createPoliceActionAction(input: PoliceActionCreateInput, submitKey?: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((ctx) => createPoliceAction(ctx, input), { permission: "protests.write", submission: { key: submitKey, action: "policeAction.create", input } });
  if (result.ok) revalidatePath("/police-actions");
  return result;
}

// save an edit made from a known version
export async function updatePoliceActionAction(actionId: string, input: PoliceActionUpdateInput): Promise<ActionResult<{ id: string; version: number }>> {
  const result = await runAction((ctx) => updatePoliceAction(ctx, actionId, input), { permission: "protests.write" });
  if (result.ok) revalidatePath(`/police-actions/${actionId}`);
  return result;
}

// record what came of it
export async function recordOutcomeAction(actionId: string, input: PoliceOutcomeInput): Promise<ActionResult<{ id: string; version: number }>> {
  const result = await runAction((ctx) => recordPoliceOutcome(ctx, actionId, input), { permission: "protests.write" });
  if (result.ok) revalidatePath(`/police-actions/${actionId}`);
  return result;
}

// soft-delete an action recorded in error
export async function deletePoliceActionAction(actionId: string, version: number): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deletePoliceAction(ctx, actionId, version), { permission: "protests.write" });
  if (result.ok) revalidatePath("/police-actions");
  return result;
}
