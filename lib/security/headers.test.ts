import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

describe("security headers", () => {
  it("allow scripts only from the app itself with this request's nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("send HSTS only over HTTPS, and no referrer ever", () => {
    expect(securityHeaders({ nonce: "n", https: true, development: false })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ nonce: "n", https: false, development: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", https: false, development: false })["Referrer-Policy"]).toBe("no-referrer");
  });

  it("makes a fresh nonce for every request", () => {
    expect(newNonce()).not.toBe(newNonce());
  });
});
