import { apiHandler } from "@/lib/api/route";
import { recordAdvocacyResponse } from "@/lib/advocacy/update-advocacy-action";
import type { AdvocacyResponseInput } from "@/lib/validations/advocacy-action";

type Params = { actionId: string };

// POST /api/v1/advocacy-actions/{actionId}/response — record the response that came back and its date
export const POST = apiHandler<Params>(async ({ ctx, params, body }) =>
  recordAdvocacyResponse(ctx, params.actionId, body as AdvocacyResponseInput),
  { permission: "cases.update" },
);
