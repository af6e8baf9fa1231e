// The session cookie: the id of a UserSession row, signed with AUTH_SECRET so a guessed or edited id is
// rejected before it reaches the database. Everything else about the session lives in that row.
import { createHmac } from "node:crypto";
import { constantTimeEqual } from "../crypto";
import { getEnv } from "../env";

export const SESSION_COOKIE = "qamqor_session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(sessionId: string): string {
  return createHmac("sha256", getEnv().AUTH_SECRET).update(`session:${sessionId}`).digest("base64url");
}

export function signSessionId(sessionId: string): string {
  return `${sessionId}.${signature(sessionId)}`;
}

/** The session id inside a cookie value, or null when the value is missing, malformed or not signed by us. */
export function readSessionToken(value: string | null | undefined): string | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot < 0) return null;
  const sessionId = value.slice(0, dot);
  if (!UUID.test(sessionId)) return null;
  return constantTimeEqual(value.slice(dot + 1), signature(sessionId)) ? sessionId : null;
}

/**
 * Whether the browser reached us over HTTPS: the public address says so, or a trusted reverse proxy
 * (TRUST_PROXY) says so in X-Forwarded-Proto; a client's own X-Forwarded-Proto decides nothing.
 */
export function servedOverHttps(requestHeaders?: Pick<Headers, "get"> | null): boolean {
  const env = getEnv();
  if (env.PUBLIC_URL?.startsWith("https:")) return true;
  if (env.TRUST_PROXY === 0) return false;
  const forwarded = requestHeaders?.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}

/**
 * Cookie attributes: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure
 * whenever the app is served over HTTPS, path "/", and no longer than the session's absolute lifetime.
 */
export function sessionCookieOptions(maxAgeSeconds: number, requestHeaders?: Pick<Headers, "get"> | null) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: servedOverHttps(requestHeaders),
    path: "/",
    maxAge: maxAgeSeconds,
  };
}
