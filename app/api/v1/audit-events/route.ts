import { apiHandler } from "@/lib/api/route";
import { findAuditEvents } from "@/lib/audit-log/find-audit-events";

// GET /api/v1/audit-events — a page of the organisation's audit log, filtered (admins)
export const GET = apiHandler(async ({ request, ctx }) => findAuditEvents(ctx, Object.fromEntries(new URL(request.url).searchParams)), {
  permission: "audit.read",
});
