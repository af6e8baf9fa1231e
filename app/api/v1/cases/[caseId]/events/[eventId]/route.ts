import { apiHandler } from "@/lib/api/route";
import { deleteEvent, updateEvent } from "@/lib/cases/events";
import { readJson, versionFrom } from "../../../_json";

type Params = { caseId: string; eventId: string };

// PATCH /api/v1/cases/{caseId}/events/{eventId} — replace an event's fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ request, ctx, params }) =>
  updateEvent(ctx, params.caseId, params.eventId, await readJson(request)),
);

// DELETE /api/v1/cases/{caseId}/events/{eventId} — remove an event; `version` in the body or query
export const DELETE = apiHandler<Params>(async ({ request, ctx, params }) => {
  await deleteEvent(ctx, params.caseId, params.eventId, await versionFrom(request));
});
