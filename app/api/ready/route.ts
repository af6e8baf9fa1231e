// GET /api/ready — this instance can serve: the database answers and its migrations are current
// (a load balancer's readiness probe). 503 otherwise. No authentication and no personal data.
import { withRequestLog } from "@/lib/api/request-log";
import { RETRY_AFTER_SECONDS } from "@/lib/errors";
import { checkReadiness } from "@/lib/health/check-readiness";

export const dynamic = "force-dynamic";

export const GET = withRequestLog(async () => {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", database: readiness.database, migrations: readiness.migrations },
    {
      status: readiness.ready ? 200 : 503,
      headers: { "Cache-Control": "no-store", ...(readiness.ready ? {} : { "Retry-After": String(RETRY_AFTER_SECONDS) }) },
    },
  );
});
