// One log line per API request (id, method, route, status, milliseconds) and the id on every line
// written while it runs; the id comes back in X-Request-Id so a person reporting a problem can quote it.
import "server-only";
import { randomUUID } from "node:crypto";
import { log, withRequestId } from "../log";

const CLIENT_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function withRequestLog<C>(handler: (request: Request, context: C) => Promise<Response>): (request: Request, context: C) => Promise<Response> {
  return (request, context) => {
    // a proxy's id when it sent a well-formed one, so the two logs join up
    const given = request.headers.get("x-request-id");
    const requestId = given && CLIENT_ID.test(given) ? given : randomUUID();
    const started = performance.now();
    return withRequestId(requestId, async () => {
      const response = await handler(request, context);
      // the path names ids only; the query string may hold searched names, so it stays out
      log().info(
        { method: request.method, route: new URL(request.url).pathname, status: response.status, ms: Math.round(performance.now() - started) },
        "request",
      );
      try {
        response.headers.set("X-Request-Id", requestId);
      } catch {
        // a response with immutable headers keeps its own
      }
      return response;
    });
  };
}
