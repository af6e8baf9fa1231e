// The one wrapper for JSON API route handlers: authenticate (session cookie or personal access token),
// refuse cross-site writes, limit the body and refuse one that is not JSON, run the handler, map errors
// to JSON translated into the caller's language.
import "server-only";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { authorize, type Ctx, type Permission } from "../authz";
import { authenticateApiToken } from "../auth/api-tokens";
import { readSessionCookie, SESSION_COOKIE } from "../auth/cookies";
import { ipHashFrom } from "../auth/request-info";
import { loadSession } from "../auth/sessions";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { isLocale, LOCALE_COOKIE, type Locale } from "../i18n/config";
import { localizedErrorBody } from "./localize-error";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_MAX_BODY_BYTES = 1_048_576;
const PAYLOAD_TOO_LARGE = () => new AppError("PAYLOAD_TOO_LARGE", "The request is too large.", { key: "payloadTooLarge" });

export interface ApiHandlerOptions {
  permission?: Permission;
  /** status of a successful answer (201 for creations) */
  status?: number;
  /** largest accepted request body; 1 MiB unless a route (uploads) says otherwise */
  maxBodyBytes?: number;
}

function cookieValue(request: Request, name: string): string | null {
  return new RequestCookies(request.headers).get(name)?.value ?? null;
}

/**
 * The language an API caller asked for: the language chosen in the app (cookie), then Accept-Language;
 * otherwise the usual resolution (the member's saved choice, then Kazakh).
 */
function requestLocale(request: Request): Locale | undefined {
  const chosen = cookieValue(request, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  for (const part of (request.headers.get("accept-language") ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return undefined;
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

/** Who is calling: bearer token first (API clients), then next-auth's session cookie (the app's own pages). */
export async function authenticateRequest(request: Request): Promise<{ ctx: Ctx; via: "token" | "cookie" } | null> {
  const ipHash = ipHashFrom(request.headers);
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const ctx = match?.[1] ? await authenticateApiToken(match[1], { ipHash }) : null;
    return ctx ? { ctx, via: "token" } : null;
  }
  const sessionId = await readSessionCookie(cookieValue(request, SESSION_COOKIE));
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
        throw PAYLOAD_TOO_LARGE();
      }
      const auth = await authenticateRequest(request);
      if (!auth) throw new AppError("UNAUTHENTICATED", "Please sign in, or send a valid API token.", { key: "unauthenticated" });
      if (auth.via === "cookie" && STATE_CHANGING.has(request.method) && !sameOrigin(request)) {
        throw new AppError("FORBIDDEN", "This request did not come from this site.", { key: "crossSite" });
      }
      if (options.permission) authorize(auth.ctx, options.permission);
      const params = ((await context?.params) ?? {}) as Params;
      const result = await handler({ request: await checkedBody(request, maxBody), ctx: auth.ctx, params });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: options.status === 200 || !options.status ? 204 : options.status });
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      const { status, body } = await localizedErrorBody(error, requestLocale(request));
      return Response.json(body, { status });
    }
  };
}

/** The body as a stream that fails once more than `maxBody` bytes went through, whatever Content-Length said. */
function limitedStream(body: ReadableStream<Uint8Array>, maxBody: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBody) controller.error(PAYLOAD_TOO_LARGE());
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * The request as the handler gets it. File uploads (multipart) stream through the size limit. Any other
 * body is read here, within the limit, and must be JSON when it is not empty, so that an oversized or
 * malformed body is refused (413 / 400) before the handler runs, never half-handled.
 */
async function checkedBody(request: Request, maxBody: number): Promise<Request> {
  if (!request.body) return request;
  const stream = limitedStream(request.body, maxBody);
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) return new Request(request, { body: stream, duplex: "half" } as RequestInit);
  let text: string;
  try {
    text = await new Response(stream).text();
  } catch (error) {
    throw error instanceof AppError ? error : PAYLOAD_TOO_LARGE();
  }
  if (text.trim()) {
    try {
      JSON.parse(text);
    } catch {
      throw new AppError("BAD_REQUEST", "The request body is not valid JSON.", { key: "malformedJson" });
    }
  }
  return new Request(request, { body: text });
}
