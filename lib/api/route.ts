// The one wrapper for JSON API route handlers: authenticate (session cookie or personal access token),
// refuse cross-site writes, limit the body and refuse one that is not JSON, run the handler, map errors
// to JSON translated into the caller's language.
import "server-only";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { authorize, type Ctx, type Permission } from "../authz";
import { authenticateApiToken } from "../auth/api-tokens";
import { readSessionCookie, SESSION_COOKIE } from "../auth/cookies";
import { ipHashFrom } from "../auth/request-info";
import { loadSession, withLoadedSession } from "../auth/sessions";
import { getEnv } from "../env";
import { HSTS, servedOverHttps } from "../security/headers";
import { isSameOrigin } from "../security/origin";
import { AppError } from "../errors";
import { isLocale, LOCALE_COOKIE, type Locale } from "../i18n/config";
import { idempotent } from "./idempotency";
import { localizedErrorBody } from "./localize-error";
import { withRequestLog } from "./request-log";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_MAX_BODY_BYTES = 1_048_576;
// multipart framing around an uploaded file; the file itself is checked against MAX_UPLOAD_MB by its service
const MULTIPART_OVERHEAD = 64 * 1024;
const PAYLOAD_TOO_LARGE = () => new AppError("PAYLOAD_TOO_LARGE", "The request is too large.", { key: "payloadTooLarge" });

export interface ApiHandlerOptions {
  /** the permission the handler needs, checked before it runs; every handler declares this or `access` */
  permission?: Permission;
  /**
   * "member": any signed-in member of the organisation may call it, because it serves the caller's own
   * account or shared reference data (the gazetteer), or decides per caller what to answer (the dashboard)
   */
  access?: "member";
  /** status of a successful answer (201 for creations) */
  status?: number;
  /** largest accepted request body; 1 MiB unless a route (uploads) says otherwise */
  maxBodyBytes?: number;
  /** a file upload (multipart): the body may be as large as the configured upload size (MAX_UPLOAD_MB) */
  upload?: boolean;
  /** false for a create whose answer must not be kept (a new token is shown once) */
  idempotency?: boolean;
  /**
   * the body is a file sent as it is (not multipart), read by the handler as a stream from `request`,
   * up to this many bytes (read per request: it is configuration)
   */
  rawUpload?: () => number;
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

/**
 * Runs `work` for the caller. A read (GET) signed in by cookie runs inside the session check's own read
 * transaction, which the hot reads' services reuse (see withLoadedSession): BEGIN with the check, the
 * work, COMMIT. Writes and bearer tokens authenticate first, as authenticateRequest does.
 */
async function withCaller<T>(request: Request, work: (auth: { ctx: Ctx; via: "token" | "cookie" } | null) => Promise<T>): Promise<T> {
  if (request.method !== "GET" || request.headers.get("authorization")) return work(await authenticateRequest(request));
  const sessionId = await readSessionCookie(cookieValue(request, SESSION_COOKIE));
  if (!sessionId) return work(null);
  return withLoadedSession(sessionId, { ipHash: ipHashFrom(request.headers) }, (session) => work(session ? { ctx: session.ctx, via: "cookie" } : null));
}

/** What a handler gets: the request, who calls, the path's parameters, and the body and query read once. */
export interface ApiHandlerArgs<Params> {
  request: Request;
  ctx: Ctx;
  params: Params;
  /** the JSON body (`{}` when a write sent none); undefined for a file upload, which reads `request` itself */
  body: unknown;
  /** the query string's parameters, the first value of each */
  query: Record<string, string>;
}

/** The version a DELETE names: `?version=` or the body's `version`. */
export function versionOf({ body, query }: Pick<ApiHandlerArgs<unknown>, "body" | "query">): unknown {
  return query.version ? { version: query.version } : body;
}

/** What a handler declared it needs, kept on the handler so a test can read every route's declaration. */
export type DeclaredAccess = Permission | "member" | null;

export function apiHandler<Params extends Record<string, string> = Record<string, string>>(
  handler: (args: ApiHandlerArgs<Params>) => Promise<unknown>,
  options: ApiHandlerOptions = {},
): ((request: Request, context: { params: Promise<Params> }) => Promise<Response>) & { declared: DeclaredAccess } {
  const wrapped = withRequestLog(async (request: Request, context: { params: Promise<Params> }) => withApiHeaders(request, await answer(request, context)));
  return Object.assign(wrapped, { declared: options.permission ?? options.access ?? null });
  async function answer(request: Request, context: { params: Promise<Params> }): Promise<Response> {
    try {
      // read per request: the upload size is configuration, not known when the module loads
      const maxBody = options.rawUpload ? options.rawUpload() : options.upload ? getEnv().MAX_UPLOAD_MB * 1024 * 1024 + MULTIPART_OVERHEAD : (options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const length = Number(request.headers.get("content-length") ?? "0");
      if (Number.isFinite(length) && length > maxBody) {
        throw PAYLOAD_TOO_LARGE();
      }
      const result = await withCaller(request, async (auth) => {
        if (!auth) throw new AppError("UNAUTHENTICATED", "Please sign in, or send a valid API token.", { key: "unauthenticated" });
        // Cookies ride along on cross-site requests, so a write authenticated by cookie must come from our own pages.
        if (auth.via === "cookie" && STATE_CHANGING.has(request.method) && !isSameOrigin(request.headers, request.url)) {
          throw new AppError("FORBIDDEN", "This request did not come from this site.", { key: "crossSite" });
        }
        if (options.permission) authorize(auth.ctx, options.permission);
        const params = ((await context?.params) ?? {}) as Params;
        const { request: checked, body } = await checkedBody(request, maxBody, Boolean(options.rawUpload));
        const query = Object.fromEntries(new URL(request.url).searchParams);
        const run = () => handler({ request: checked, ctx: auth.ctx, params, body, query });
        // creates accept an Idempotency-Key: a retry gets the first answer instead of a second record
        return request.method === "POST" && options.status === 201 && options.idempotency !== false ? idempotent(checked, auth.ctx, 201, run) : run();
      });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: options.status === 200 || !options.status ? 204 : options.status });
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      const { status, body, headers } = await localizedErrorBody(error, requestLocale(request));
      return Response.json(body, { status, headers });
    }
  }
}

/** The file sent in an upload's multipart field "file" (with the rest of the form), or INVALID at that field. */
export async function uploadedFile(request: Request): Promise<{ file: File; form: FormData }> {
  const missing = () => new AppError("INVALID", 'Send the file as multipart/form-data in the field "file".', { fieldErrors: { file: ["required"] } });
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    // a body over the limit stays 413
    if (error instanceof AppError) throw error;
    throw missing();
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw missing();
  return { file, form };
}

/** HSTS on API answers too when they travel over HTTPS (next.config.js cannot tell the scheme). */
function withApiHeaders(request: Request, response: Response): Response {
  const env = getEnv();
  if (servedOverHttps(new URL(request.url), request.headers, env.PUBLIC_URL, env.TRUST_PROXY > 0)) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
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
 * body is read here, within the limit, and must be a JSON object or array when it is not empty, so that an
 * oversized or malformed body (`null`, a bare number) is refused (413 / 400) before the handler runs, never
 * half-handled. A write with no body reads as `{}`, so its schema names the missing fields.
 */
async function checkedBody(request: Request, maxBody: number, raw = false): Promise<{ request: Request; body: unknown }> {
  const type = request.headers.get("content-type") ?? "";
  const multipart = raw || /^multipart\/form-data/i.test(type);
  if (!request.body) {
    if (multipart) return { request, body: undefined };
    return STATE_CHANGING.has(request.method) ? { request: new Request(request, { body: "{}" }), body: {} } : { request, body: {} };
  }
  const stream = limitedStream(request.body, maxBody);
  if (multipart) return { request: new Request(request, { body: stream, duplex: "half" } as RequestInit), body: undefined };
  let text: string;
  try {
    text = await new Response(stream).text();
  } catch (error) {
    throw error instanceof AppError ? error : PAYLOAD_TOO_LARGE();
  }
  if (!text.trim()) return { request: new Request(request, { body: STATE_CHANGING.has(request.method) ? "{}" : null }), body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.", { key: "malformedJson" });
  }
  if (parsed === null || typeof parsed !== "object") {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object.", { key: "jsonObjectExpected" });
  }
  return { request: new Request(request, { body: text }), body: parsed };
}
