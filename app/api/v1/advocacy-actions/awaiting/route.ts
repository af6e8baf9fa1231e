import { apiHandler } from "@/lib/api/route";
import { findAwaitingResponse } from "@/lib/advocacy/find-advocacy-actions";

// GET /api/v1/advocacy-actions/awaiting?days=30 — actions still without a response after N days
export const GET = apiHandler(async ({ ctx, query }) => findAwaitingResponse(ctx, { days: query.days }), { permission: "cases.read" });
