import { apiHandler } from "@/lib/api/route";
import { getUnReadiness } from "@/lib/un-submissions/get-un-readiness";

type Params = { caseId: string };

// GET /api/v1/cases/{caseId}/un-readiness — ready for WGEID / WGAD, or the missing elements with their fields
export const GET = apiHandler<Params>(async ({ ctx, params }) => getUnReadiness(ctx, params.caseId), { permission: "cases.read" });
