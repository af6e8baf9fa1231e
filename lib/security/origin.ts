// Cross-site request refusal for writes that a browser's cookie authenticates (cookie-authenticated API
// writes and every server action): the request must name its origin, and it must be ours.
import "server-only";
import { requestedHost } from "../auth/request-info";
import { getEnv } from "../env";

/** The origins our own pages have: PUBLIC_URL, the URL the request was made to, and the host it named. */
function ownOrigins(headers: Headers, requestUrl?: string): Set<string> {
  const allowed = new Set<string>();
  const publicUrl = getEnv().PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  if (requestUrl) allowed.add(new URL(requestUrl).origin);
  // X-Forwarded-Host/-Proto count only from trusted proxies (TRUST_PROXY); otherwise the Host header,
  // with either scheme, since TLS may end in front of the app.
  const { host, proto } = requestedHost(headers);
  if (host) for (const scheme of proto ? [proto] : ["http", "https"]) allowed.add(`${scheme}://${host}`);
  return allowed;
}

/**
 * Whether a state-changing request came from our own pages. A request without Origin is refused:
 * every browser in use sends it on POST, and a request that leaves it out cannot be told apart from a
 * forged one.
 */
export function isSameOrigin(headers: Headers, requestUrl?: string): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  return ownOrigins(headers, requestUrl).has(origin);
}
