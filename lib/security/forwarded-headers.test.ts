import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, requestedHost } from "../auth/request-info";
import { sanitizeForwardedHeaders } from "./forwarded-headers";

/** The headers as a route handler would see them after the app's server handled the request. */
function seenByApp(incoming: IncomingHttpHeaders, peer: string, hops: number): Headers {
  const headers = { ...incoming };
  sanitizeForwardedHeaders(headers, peer, hops);
  return new Headers(Object.entries(headers).map(([name, value]) => [name, String(value)] as [string, string]));
}

describe("the app's server in front of Next.js", () => {
  it("lets no direct client choose its throttle bucket, host or scheme when no proxy is trusted", () => {
    const forged = { host: "cases.example.org", "x-forwarded-for": "203.0.113.50", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https", [PEER_ADDRESS_HEADER]: "10.9.9.9" };
    const headers = seenByApp(forged, "198.51.100.20", 0);
    expect(clientAddress(headers, 0)).toBe("198.51.100.20");
    expect(headers.get("x-forwarded-host")).toBeNull();
    expect(headers.get("x-forwarded-proto")).toBeNull();
    expect(requestedHost(headers, 0)).toEqual({ host: "cases.example.org", proto: null });
  });

  it("keeps the forwarding headers of a trusted proxy, and still records the real peer", () => {
    const headers = seenByApp({ host: "127.0.0.1:3000", "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" }, "127.0.0.1", 1);
    expect(clientAddress(headers, 1)).toBe("203.0.113.9");
    expect(headers.get(PEER_ADDRESS_HEADER)).toBe("127.0.0.1");
  });
});
