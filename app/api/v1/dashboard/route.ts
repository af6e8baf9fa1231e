import { apiHandler } from "@/lib/api/route";
import { can } from "@/lib/authz";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { getMyWork } from "@/lib/dashboard/get-my-work";

// GET /api/v1/dashboard?period=…&from=…&to=…&status=…&tag=…&hometown=…&assignee=… — the dashboard's figures
// (analysts: through the small-cell rule); volunteers get their own work instead
export const GET = apiHandler(async ({ request, ctx }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (!can(ctx, "stats.read") && can(ctx, "cases.read")) return { kind: "myWork", ...(await getMyWork(ctx)) };
  return { kind: "dashboard", ...(await getDashboard(ctx, query)) };
}, { access: "member" });
