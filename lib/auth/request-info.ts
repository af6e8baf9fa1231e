// Facts about the caller taken from the request: the client address (hashed for throttling and the
// audit log; never stored in clear) and where the request was addressed to.
import { lookupHash } from "../crypto";
import { getEnv } from "../env";

/**
 * Set by the app's own HTTP server (scripts/serve.ts) to the address of the TCP peer, replacing any
 * value a client sent. Next.js does not pass the socket address to route handlers or server actions.
 */
export const PEER_ADDRESS_HEADER = "x-qamqor-peer-address";

const forwardedList = (headers: Headers, name: string): string[] =>
  (headers.get(name) ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The client's address. Without trusted proxies (TRUST_PROXY=0) it is the socket's peer and no
 * X-Forwarded-For entry counts. Behind N trusted proxies each appends the address it saw, so the N-th
 * entry from the right is the client: whatever a client wrote in front of it is ignored.
 */
export function clientAddress(headers: Headers, hops: number = getEnv().TRUST_PROXY): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim();
  if (hops > 0) {
    const chain = forwardedList(headers, "x-forwarded-for");
    return chain.at(-hops) ?? chain[0] ?? peer ?? "unknown";
  }
  // Under a bare `next start` or `next dev` (no app server) Next.js itself fills X-Forwarded-For with
  // the socket address unless the client sent one: the best there is without the app's server.
  return peer || forwardedList(headers, "x-forwarded-for").at(-1) || "unknown";
}

export function ipHashFrom(headers: Headers): string {
  return lookupHash(clientAddress(headers), "ip");
}

/**
 * The host and scheme the client addressed: X-Forwarded-Host/-Proto only from trusted proxies, else the
 * Host header (the scheme is then unknown: the app's own server speaks plain HTTP behind whatever
 * terminates TLS).
 */
export function requestedHost(headers: Headers, hops: number = getEnv().TRUST_PROXY): { host: string | null; proto: "http" | "https" | null } {
  if (hops > 0) {
    const host = forwardedList(headers, "x-forwarded-host")[0] ?? headers.get("host");
    const proto = forwardedList(headers, "x-forwarded-proto")[0]?.toLowerCase();
    return { host: host ?? null, proto: proto === "https" || proto === "http" ? proto : null };
  }
  return { host: headers.get("host"), proto: null };
}
