// What the app's own HTTP server (scripts/serve.ts) does to each request's headers before Next.js sees
// them, so that no client can choose its own address, host or scheme.
import type { IncomingHttpHeaders } from "node:http";
import { PEER_ADDRESS_HEADER } from "../auth/request-info";

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"] as const;

/**
 * Records the socket's peer in PEER_ADDRESS_HEADER (replacing whatever a client sent there) and, unless
 * proxies are trusted (`hops` > 0), removes every forwarding header: Next.js then fills in
 * X-Forwarded-* from the socket itself, and its own server-action origin check sees the real Host.
 */
export function sanitizeForwardedHeaders(headers: IncomingHttpHeaders, peerAddress: string | undefined, hops: number): void {
  if (hops <= 0) for (const name of FORWARDED) delete headers[name];
  if (peerAddress) headers[PEER_ADDRESS_HEADER] = peerAddress;
  else delete headers[PEER_ADDRESS_HEADER];
}
