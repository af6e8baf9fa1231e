// One log line per page request and server action served by the production server (scripts/serve.ts),
// like the one each API request writes (lib/api/request-log.ts): request id, method, route, whether it was
// a page or an action, status and milliseconds. The route is the path with anything that is not an id
// replaced (an invitation's token, free text); the query string, which may hold searched names, stays out.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logFor, withRequestId } from "./log";

const CLIENT_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** API routes write their own line; static files are not worth one. */
const NOT_LOGGED = /^\/(?:api\/|_next\/static\/|_next\/image|favicon\.ico|fonts\/|openapi\.yaml)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD = /^[a-z][a-z0-9-]{0,40}$/;
/** Path segments after these are secrets, whatever they look like. */
const SECRET_AFTER = new Set(["invite"]);

/** The path as a log may hold it: route words and ids kept, everything else replaced. */
export function loggableRoute(url: string): string {
  const path = url.split(/[?#]/, 1)[0] || "/";
  const segments = path.split("/");
  return segments
    .map((segment, index) => {
      if (index > 0 && SECRET_AFTER.has(segments[index - 1] ?? "")) return ":token";
      if (segment === "" || UUID.test(segment) || WORD.test(segment)) return segment;
      return ":value";
    })
    .join("/");
}

type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

/** Wraps the server's request handler: one id per request, shared with the app's lines, and the line. */
export function withPageRequestLog(handle: Handler): Handler {
  return (request, response) => {
    const given = request.headers["x-request-id"];
    const requestId = typeof given === "string" && CLIENT_ID.test(given) ? given : randomUUID();
    // the API's own request line then carries the same id
    request.headers["x-request-id"] = requestId;
    const path = request.url ?? "/";
    if (NOT_LOGGED.test(path)) return handle(request, response);
    response.setHeader("X-Request-Id", requestId);
    const started = performance.now();
    const kind = request.headers["next-action"] ? "action" : "page";
    const route = loggableRoute(path);
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      logFor(requestId).info({ method: request.method, route, kind, status: response.statusCode, ms: Math.round(performance.now() - started), ...(response.writableFinished ? {} : { aborted: true }) }, "request");
    };
    response.once("finish", write);
    response.once("close", write);
    return withRequestId(requestId, async () => handle(request, response));
  };
}
