import { apiHandler, versionOf } from "@/lib/api/route";
import { deleteEvent, updateEvent } from "@/lib/cases/events";

type Params = { caseId: string; eventId: string };

// PATCH /api/v1/cases/{caseId}/events/{eventId} — replace an event's fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ ctx, params, body }) =>
  updateEvent(ctx, params.caseId, params.eventId, body),
  { permission: "cases.update" },
);

// DELETE /api/v1/cases/{caseId}/events/{eventId} — remove an event; `version` in the body or query
export const DELETE = apiHandler<Params>(async ({ ctx, params, body, query }) => {
  await deleteEvent(ctx, params.caseId, params.eventId, versionOf({ body, query }));
}, { permission: "cases.update" });
