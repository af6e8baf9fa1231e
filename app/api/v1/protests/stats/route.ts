import { apiHandler } from "@/lib/api/route";
import { getProtestStats } from "@/lib/protests/protest-stats";
import { protestListQuerySchema } from "@/lib/validations/protest";
import { parseInput } from "@/lib/service-kit";

// GET /api/v1/protests/stats — counts only (protests by kind, police actions by type and outcome, fines, days served)
export const GET = apiHandler(async ({ ctx, query }) => {
  const { from, to } = parseInput(protestListQuerySchema.pick({ from: true, to: true }), query);
  return getProtestStats(ctx, { from, to });
}, { permission: "stats.read" });
