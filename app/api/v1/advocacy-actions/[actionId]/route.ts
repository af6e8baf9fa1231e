import { apiHandler, versionOf } from "@/lib/api/route";
import { deleteAdvocacyAction, updateAdvocacyAction } from "@/lib/advocacy/update-advocacy-action";
import type { AdvocacyUpdateInput } from "@/lib/validations/advocacy-action";

type Params = { actionId: string };

// PATCH /api/v1/advocacy-actions/{actionId} — replace its fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ ctx, params, body }) =>
  updateAdvocacyAction(ctx, params.actionId, body as AdvocacyUpdateInput),
  { permission: "cases.update" },
);

// DELETE /api/v1/advocacy-actions/{actionId} — soft-delete; `version` in the query or body
export const DELETE = apiHandler<Params>(async ({ ctx, params, body, query }) => deleteAdvocacyAction(ctx, params.actionId, versionOf({ body, query })), { permission: "cases.update" });
