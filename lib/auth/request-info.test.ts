import { describe, expect, it } from "vitest";
import { clientAddress } from "./request-info";

describe("the client address used for throttling and the audit log", () => {
  it("is the address our proxy appended, not one the client put in front of it", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.7, 203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("is the only entry when the proxy overwrites the header", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("falls back to X-Real-IP, then to one shared bucket", () => {
    expect(clientAddress(new Headers({ "x-real-ip": "203.0.113.10" }))).toBe("203.0.113.10");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
