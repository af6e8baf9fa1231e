// The one wrapper for JSON API route handlers: authenticate (session cookie or personal access token),
// refuse cross-site writes, limit the body, run the handler, map errors to translated JSON.
import "server-only";
import { authorize, type Ctx, type Permission } from "../authz";
import { authenticateApiToken } from "../auth/api-tokens";
import { ipHashFrom } from "../auth/request-info";
import { SESSION_COOKIE, readSessionToken } from "../auth/session-token";
import { loadSession } from "../auth/sessions";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { localizedErrorBody } from "./localize-error";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export interface ApiHandlerOptions {
  permission?: Permission;
  /** status of a successful answer (201 for creations) */
  status?: number;
  /** largest accepted request body; 1 MiB unless a route (uploads) says otherwise */
  maxBodyBytes?: number;
}

function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Cookies ride along on cross-site requests, so a write authenticated by cookie must come from our own pages. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const allowed = new Set([new URL(request.url).origin]);
  const publicUrl = getEnv().PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed.has(origin);
}

/** Who is calling: bearer token first (API clients), then the session cookie (the app's own pages). */
export async function authenticateRequest(request: Request): Promise<{ ctx: Ctx; via: "token" | "cookie" } | null> {
  const ipHash = ipHashFrom(request.headers);
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const ctx = match?.[1] ? await authenticateApiToken(match[1], { ipHash }) : null;
    return ctx ? { ctx, via: "token" } : null;
  }
  const sessionId = readSessionToken(cookieValue(request, SESSION_COOKIE));
  if (!sessionId) return null;
  const session = await loadSession(sessionId, { ipHash });
  return session ? { ctx: session.ctx, via: "cookie" } : null;
}

export function apiHandler<Params extends Record<string, string> = Record<string, string>>(
  handler: (args: { request: Request; ctx: Ctx; params: Params }) => Promise<unknown>,
  options: ApiHandlerOptions = {},
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const length = Number(request.headers.get("content-length") ?? "0");
      if (Number.isFinite(length) && length > maxBody) {
        throw new AppError("PAYLOAD_TOO_LARGE", "The request is too large.", { key: "payloadTooLarge" });
      }
      const auth = await authenticateRequest(request);
      if (!auth) throw new AppError("UNAUTHENTICATED", "Please sign in, or send a valid API token.", { key: "unauthenticated" });
      if (auth.via === "cookie" && STATE_CHANGING.has(request.method) && !sameOrigin(request)) {
        throw new AppError("FORBIDDEN", "This request did not come from this site.", { key: "crossSite" });
      }
      if (options.permission) authorize(auth.ctx, options.permission);
      const params = ((await context?.params) ?? {}) as Params;
      const result = await handler({ request: limitBody(request, maxBody), ctx: auth.ctx, params });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: options.status === 200 || !options.status ? 204 : options.status });
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      const { status, body } = await localizedErrorBody(error);
      return Response.json(body, { status });
    }
  };
}

/**
 * A request whose json()/text() refuse bodies over the limit even when no Content-Length was sent
 * (chunked uploads).
 */
function limitBody(request: Request, maxBody: number): Request {
  if (!request.body) return request;
  let seen = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBody) controller.error(new AppError("PAYLOAD_TOO_LARGE", "The request is too large.", { key: "payloadTooLarge" }));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request, { body: limited, duplex: "half" } as RequestInit);
}
