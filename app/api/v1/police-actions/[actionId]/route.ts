import { apiHandler, versionOf } from "@/lib/api/route";
import { deletePoliceAction } from "@/lib/police-actions/delete-police-action";
import { getPoliceAction } from "@/lib/police-actions/get-police-action";
import { updatePoliceAction } from "@/lib/police-actions/update-police-action";
import type { PoliceActionUpdateInput } from "@/lib/validations/police-action";

type Params = { actionId: string };

// GET /api/v1/police-actions/{actionId} — one police action with its description and outcome
export const GET = apiHandler<Params>(async ({ ctx, params }) => getPoliceAction(ctx, params.actionId), { permission: "protests.read" });

// PATCH /api/v1/police-actions/{actionId} — replace its fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ ctx, params, body }) =>
  updatePoliceAction(ctx, params.actionId, body as PoliceActionUpdateInput),
  { permission: "protests.write" },
);

// DELETE /api/v1/police-actions/{actionId} — soft-delete; `version` in the query or body
export const DELETE = apiHandler<Params>(async ({ ctx, params, body, query }) => deletePoliceAction(ctx, params.actionId, versionOf({ body, query })), { permission: "protests.write" });
