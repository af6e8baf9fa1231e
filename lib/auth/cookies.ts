// The session cookie, owned by next-auth: an encrypted JWT (next-auth/jwt, keyed by AUTH_SECRET) whose only
// claim is `sid`, the id of a UserSession row. Everything else about the session lives in that row, so an
// ended session is refused on the next request whatever the token says.
import "server-only";
import { decode, encode } from "next-auth/jwt";
import { getEnv } from "../env";

export const SESSION_COOKIE = "qamqor_session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

declare module "next-auth/jwt" {
  interface JWT {
    /** the UserSession row this token stands for */
    sid?: string;
    /** only on the short-lived cookie of the account-linking step */
    purpose?: "link";
  }
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

/** The token's lifetime: the session row's absolute lifetime, which the row enforces anyway. */
export const sessionMaxAgeSeconds = () => getEnv().SESSION_MAX_HOURS * 3600;

/**
 * Session cookies already opened, by their whole value: opening one is a key derivation (HKDF) and a
 * decryption, some 6 % of the server's CPU for an API answer. The key is the whole sealed value, so only
 * a value that opened once is found here, and it is kept no longer than its own expiry. Which session
 * is still live is the session row's business, asked on every request as before.
 */
const openedCookies = new Map<string, { sid: string; expiresAt: number }>();
const OPENED_COOKIES_KEPT = 2_000;

/** The session id inside a cookie value, or null when the value is missing, malformed, expired or not ours. */
export async function readSessionCookie(value: string | null | undefined): Promise<string | null> {
  if (!value) return null;
  const opened = openedCookies.get(value);
  if (opened && opened.expiresAt > Date.now()) return opened.sid;
  // past its expiry it is opened again, and refused as next-auth refuses it
  openedCookies.delete(value);
  try {
    const token = await decode({ token: value, secret: getEnv().AUTH_SECRET });
    const sid = typeof token?.sid === "string" && UUID.test(token.sid) ? token.sid : null;
    if (sid && typeof token?.exp === "number" && token.exp * 1000 > Date.now()) {
      // the oldest entry goes first when full (a Map keeps insertion order)
      if (openedCookies.size >= OPENED_COOKIES_KEPT) openedCookies.delete(openedCookies.keys().next().value as string);
      openedCookies.set(value, { sid, expiresAt: token.exp * 1000 });
    }
    return sid;
  } catch {
    return null;
  }
}

/**
 * The cookie value naming a session: what next-auth's own sign-in writes, for the steps that open a new
 * session row outside a sign-in (re-authentication, accepting an invite).
 */
export async function sessionCookieValue(sessionId: string): Promise<string> {
  return encode({ token: { sid: sessionId }, secret: getEnv().AUTH_SECRET, maxAge: sessionMaxAgeSeconds() });
}

/** Set for a few minutes while a signed-in member links their provider account from the account page. */
export const SSO_LINK_COOKIE = "qamqor_sso_link";
export const SSO_LINK_MINUTES = 10;

/** The link cookie's value: sealed like the session cookie, naming the session that asked to link. */
export async function linkCookieValue(sessionId: string): Promise<string> {
  return encode({ token: { sid: sessionId, purpose: "link" }, secret: getEnv().AUTH_SECRET, maxAge: SSO_LINK_MINUTES * 60 });
}

/** The session that asked to link, or null. */
export async function readLinkCookie(value: string | null | undefined): Promise<string | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: getEnv().AUTH_SECRET });
    return token?.purpose === "link" && typeof token.sid === "string" && UUID.test(token.sid) ? token.sid : null;
  } catch {
    return null;
  }
}
