import { apiHandler } from "@/lib/api/route";
import { recordPoliceOutcome } from "@/lib/police-actions/record-outcome";
import type { PoliceOutcomeInput } from "@/lib/validations/police-action";

type Params = { actionId: string };

// POST /api/v1/police-actions/{actionId}/outcome — record the outcome (and any appeal and its result)
export const POST = apiHandler<Params>(async ({ ctx, params, body }) =>
  recordPoliceOutcome(ctx, params.actionId, body as PoliceOutcomeInput),
  { permission: "protests.write" },
);
