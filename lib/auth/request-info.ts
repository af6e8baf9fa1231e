// Facts about the caller taken from request headers: the hashed client address (for throttling and the
// audit log; never stored in clear) and the user agent.
import { lookupHash } from "../crypto";

/**
 * The last X-Forwarded-For entry is the address our own reverse proxy saw: a client can put anything in
 * front of it (nginx's `$proxy_add_x_forwarded_for` appends), but not after it.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

export function ipHashFrom(headers: Headers): string {
  return lookupHash(clientAddress(headers), "ip");
}
