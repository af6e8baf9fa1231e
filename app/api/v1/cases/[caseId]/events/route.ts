import { apiHandler } from "@/lib/api/route";
import { addEvent, listEvents } from "@/lib/cases/events";

type Params = { caseId: string };

// GET /api/v1/cases/{caseId}/events — the timeline in order
export const GET = apiHandler<Params>(async ({ ctx, params }) => ({ items: await listEvents(ctx, params.caseId) }), { permission: "cases.read" });

// POST /api/v1/cases/{caseId}/events — add an event
export const POST = apiHandler<Params>(async ({ ctx, params, body }) => addEvent(ctx, params.caseId, body), { permission: "cases.update", status: 201 });
