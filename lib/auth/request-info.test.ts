import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, requestedHost } from "./request-info";

describe("the client address used for throttling and the audit log", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For a client sends", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.20", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(headers, 0)).toBe("198.51.100.20");
  });

  it("gives two direct clients two addresses, never one shared bucket", () => {
    const first = clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.20" }), 0);
    const second = clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.21" }), 0);
    expect(first).not.toBe(second);
  });

  it("behind one trusted proxy is the address that proxy appended, not one the client put in front of it", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "198.51.100.7, 203.0.113.9" });
    expect(clientAddress(headers, 1)).toBe("203.0.113.9");
  });

  it("behind two trusted proxies is the second entry from the right", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "198.51.100.7, 203.0.113.9, 10.0.0.1" });
    expect(clientAddress(headers, 2)).toBe("203.0.113.9");
  });

  it("without the app's own server falls back to the address Next.js recorded, then to one bucket", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), 0)).toBe("127.0.0.1");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
});

describe("the host a request was addressed to", () => {
  it("ignores X-Forwarded-Host and -Proto unless a proxy is trusted", () => {
    const headers = new Headers({ host: "cases.example.org", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https" });
    expect(requestedHost(headers, 0)).toEqual({ host: "cases.example.org", proto: null });
    expect(requestedHost(headers, 1)).toEqual({ host: "attacker.example", proto: "https" });
  });
});
