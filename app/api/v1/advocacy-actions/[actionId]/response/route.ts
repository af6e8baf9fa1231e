import { apiHandler } from "@/lib/api/route";
import { recordAdvocacyResponse } from "@/lib/advocacy/update-advocacy-action";
import type { AdvocacyResponseInput } from "@/lib/validations/advocacy-action";
import { readJson } from "../../../protests/_json";

type Params = { actionId: string };

// POST /api/v1/advocacy-actions/{actionId}/response — record the response that came back and its date
export const POST = apiHandler<Params>(async ({ request, ctx, params }) =>
  recordAdvocacyResponse(ctx, params.actionId, (await readJson(request)) as AdvocacyResponseInput),
);
