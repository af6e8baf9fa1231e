import { apiHandler } from "@/lib/api/route";
import { findAuditEvents } from "@/lib/audit-log/find-audit-events";

// GET /api/v1/audit-events — a page of the organisation's audit log, filtered (admins)
export const GET = apiHandler(async ({ ctx, query }) => findAuditEvents(ctx, query), {
  permission: "audit.read",
});
