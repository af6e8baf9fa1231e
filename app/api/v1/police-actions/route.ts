import { apiHandler } from "@/lib/api/route";
import { createPoliceAction } from "@/lib/police-actions/create-police-action";
import { findPoliceActions } from "@/lib/police-actions/find-police-actions";
import type { PoliceActionCreateInput } from "@/lib/validations/police-action";

// GET /api/v1/police-actions — list (from, to, city, type, outcome, status, personId, protestId, q, page, pageSize)
export const GET = apiHandler(async ({ ctx, query }) => findPoliceActions(ctx, query), { permission: "protests.read" });

// POST /api/v1/police-actions — record a police action against a person, with its outcome when known
export const POST = apiHandler(async ({ ctx, body }) => createPoliceAction(ctx, body as PoliceActionCreateInput), {
  permission: "protests.write",
  status: 201,
});
