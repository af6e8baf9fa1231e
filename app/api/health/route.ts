// GET /api/health — the process is alive (for a supervisor's liveness probe). No authentication, no data,
// no database: a database outage must not get a healthy process restarted.
import { withRequestLog } from "@/lib/api/request-log";

export const dynamic = "force-dynamic";

export const GET = withRequestLog(async () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }));
