import { apiHandler } from "@/lib/api/route";
import { exportAuditEventsCsv } from "@/lib/audit-log/find-audit-events";

// GET /api/v1/audit-events/export — the filtered audit log as CSV (admins; the export is itself audited)
export const GET = apiHandler(
  async ({ ctx, query }) => {
    const csv = await exportAuditEventsCsv(ctx, query);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "audit.read" },
);
