import { apiHandler } from "@/lib/api/route";
import { deleteAdvocacyAction, updateAdvocacyAction } from "@/lib/advocacy/update-advocacy-action";
import type { AdvocacyUpdateInput } from "@/lib/validations/advocacy-action";
import { readJson, versionFrom } from "../../protests/_json";

type Params = { actionId: string };

// PATCH /api/v1/advocacy-actions/{actionId} — replace its fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ request, ctx, params }) =>
  updateAdvocacyAction(ctx, params.actionId, (await readJson(request)) as AdvocacyUpdateInput),
);

// DELETE /api/v1/advocacy-actions/{actionId} — soft-delete; `version` in the query or body
export const DELETE = apiHandler<Params>(async ({ request, ctx, params }) => deleteAdvocacyAction(ctx, params.actionId, await versionFrom(request)));
