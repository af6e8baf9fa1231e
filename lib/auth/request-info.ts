// Facts about the caller taken from request headers: the hashed client address (for throttling and the
// audit log; never stored in clear) and the user agent.
import { lookupHash } from "../crypto";

export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

export function ipHashFrom(headers: Headers): string {
  return lookupHash(clientAddress(headers), "ip");
}
