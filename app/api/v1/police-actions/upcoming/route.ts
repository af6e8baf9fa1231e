import { apiHandler } from "@/lib/api/route";
import { findUpcomingHearings } from "@/lib/police-actions/find-police-actions";

// GET /api/v1/police-actions/upcoming?days=14 — pending actions with a hearing in the next N days, and overdue ones
export const GET = apiHandler(async ({ ctx, query }) => findUpcomingHearings(ctx, { days: query.days }), { permission: "protests.read" });
