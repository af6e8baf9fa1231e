import { apiHandler } from "@/lib/api/route";
import { getProtestStats } from "@/lib/protests/protest-stats";
import { protestListQuerySchema } from "@/lib/validations/protest";
import { parseInput } from "@/lib/protests/shared";
import { queryOf } from "../_json";

// GET /api/v1/protests/stats — counts only (protests by kind, police actions by type and outcome, fines, days served)
export const GET = apiHandler(async ({ request, ctx }) => {
  const { from, to } = parseInput(protestListQuerySchema.pick({ from: true, to: true }), queryOf(request));
  return getProtestStats(ctx, { from, to });
});
