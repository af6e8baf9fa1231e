"use server";
// Thin server actions for the case pages: call the service, report a translated result.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { createAdvocacyAction } from "@/lib/advocacy/create-advocacy-action";
import { recordAdvocacyResponse } from "@/lib/advocacy/update-advocacy-action";
import { addContact, removeContact } from "@/lib/cases/contacts";
import { createCase } from "@/lib/cases/create-case";
import { addEvent, deleteEvent, updateEvent, type CaseEventView } from "@/lib/cases/events";
import { assignCase, deleteCase, restoreCase, setStatusOverride } from "@/lib/cases/manage-case";
import { updateCase } from "@/lib/cases/update-case";
import { deleteAttachment } from "@/lib/files/attachments";
import { addNote, deleteNote } from "@/lib/notes/notes";
import { addCaseSource, removeCaseSourceLink } from "@/lib/sources/sources";
import { completeTask, createTask } from "@/lib/tasks/tasks";
import type { AdvocacyCreateInput, AdvocacyResponseInput } from "@/lib/validations/advocacy-action";

const refresh = (caseId: string) => revalidatePath(`/cases/${caseId}`);

// open a case (subject and contacts created in the same transaction)
export async function createCaseAction(input: unknown, submitKey?: string): Promise<ActionResult<{ id: string; reference: string }>> {
  const result = await runAction((ctx) => createCase(ctx, input), { permission: "cases.create", submission: { key: submitKey, action: "case.create", input } });
  if (result.ok) revalidatePath("/cases");
  return result;
}

// save the case's own fields from a known version
export async function updateCaseAction(caseId: string, input: unknown): Promise<ActionResult<{ id: string; version: number }>> {
  const result = await runAction((ctx) => updateCase(ctx, caseId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// hand the case to another volunteer (coordinators)
export async function assignCaseAction(caseId: string, input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runAction((ctx) => assignCase(ctx, caseId, input), { permission: "cases.updateAny" });
  if (result.ok) refresh(caseId);
  return result;
}

// set the status by hand or hand it back to the timeline (coordinators)
export async function setStatusOverrideAction(caseId: string, input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runAction((ctx) => setStatusOverride(ctx, caseId, input), { permission: "cases.updateAny" });
  if (result.ok) refresh(caseId);
  return result;
}

// soft-delete a case (coordinators)
export async function deleteCaseAction(caseId: string, input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runAction((ctx) => deleteCase(ctx, caseId, input), { permission: "cases.delete" });
  if (result.ok) revalidatePath("/cases");
  return result;
}

// bring a deleted case back (coordinators)
export async function restoreCaseAction(caseId: string): Promise<ActionResult<{ version: number }>> {
  const result = await runAction((ctx) => restoreCase(ctx, caseId), { permission: "cases.delete" });
  if (result.ok) refresh(caseId);
  return result;
}

// add an event to the timeline
export async function addEventAction(caseId: string, input: unknown): Promise<ActionResult<CaseEventView>> {
  const result = await runAction((ctx) => addEvent(ctx, caseId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// edit an event from a known version
export async function updateEventAction(caseId: string, eventId: string, input: unknown): Promise<ActionResult<CaseEventView>> {
  const result = await runAction((ctx) => updateEvent(ctx, caseId, eventId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove an event from the timeline
export async function deleteEventAction(caseId: string, eventId: string, input: unknown): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deleteEvent(ctx, caseId, eventId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// add a family contact
export async function addContactAction(caseId: string, input: unknown): Promise<ActionResult<{ id: string; personId: string }>> {
  const result = await runAction((ctx) => addContact(ctx, caseId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove a family contact
export async function removeContactAction(caseId: string, contactId: string): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => removeContact(ctx, caseId, contactId), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// write a note on the case
export async function addNoteAction(caseId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((ctx) => addNote(ctx, caseId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove a note (its author or a coordinator)
export async function deleteNoteAction(caseId: string, noteId: string, input: unknown): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deleteNote(ctx, caseId, noteId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// add a follow-up task
export async function createTaskAction(caseId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((ctx) => createTask(ctx, caseId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// mark a task done
export async function completeTaskAction(caseId: string, taskId: string, input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runAction((ctx) => completeTask(ctx, taskId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// cite a source on the case or one of its events
export async function addSourceAction(caseId: string, input: unknown): Promise<ActionResult<{ sourceId: string; linkId: string }>> {
  const result = await runAction((ctx) => addCaseSource(ctx, caseId, input), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove a citation
export async function removeSourceLinkAction(caseId: string, linkId: string): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => removeCaseSourceLink(ctx, caseId, linkId), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove an attached file
export async function deleteAttachmentAction(caseId: string, attachmentId: string): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deleteAttachment(ctx, attachmentId), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// record an appeal, letter or other advocacy action on the case (the case comes from the page, not the form)
export async function addAdvocacyActionAction(caseId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const fields = typeof input === "object" && input !== null ? input : {};
  const result = await runAction((ctx) => createAdvocacyAction(ctx, { ...fields, caseId } as AdvocacyCreateInput), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}

// record the response to an advocacy action
export async function recordAdvocacyResponseAction(caseId: string, actionId: string, input: unknown): Promise<ActionResult<{ id: string; version: number }>> {
  const result = await runAction((ctx) => recordAdvocacyResponse(ctx, actionId, input as AdvocacyResponseInput), { permission: "cases.update" });
  if (result.ok) refresh(caseId);
  return result;
}
