import { apiHandler } from "@/lib/api/route";
import { findAwaitingResponse } from "@/lib/advocacy/find-advocacy-actions";

// GET /api/v1/advocacy-actions/awaiting?days=30 — actions still without a response after N days
export const GET = apiHandler(async ({ request, ctx }) => findAwaitingResponse(ctx, { days: new URL(request.url).searchParams.get("days") ?? undefined }));
