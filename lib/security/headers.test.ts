import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
// Next.js's own matcher for `source` patterns, so the test reads next.config.js as Next.js does
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { API_CONTENT_SECURITY_POLICY, ATTACHMENT_CONTENT_SECURITY_POLICY, contentSecurityPolicy, newNonce, securityHeaders, servedOverHttps } from "./headers";

describe("security headers", () => {
  it("allow scripts only from the app itself with this request's nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("default-src 'self'");
  });

  it("allow eval only in development, where React's debugging needs it, and still no inline scripts", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: true });
    expect(csp).toMatch(/script-src[^;]*'unsafe-eval'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("ask the browser to upgrade requests only when the page came over HTTPS, so a plain-HTTP address still loads its scripts", () => {
    expect(contentSecurityPolicy({ nonce: "abc", development: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "abc", development: false, https: false })).not.toContain("upgrade-insecure-requests");
  });

  it("send HSTS only over HTTPS, and no referrer ever", () => {
    expect(securityHeaders({ nonce: "n", https: true, development: false })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ nonce: "n", https: false, development: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", https: false, development: false })["Referrer-Policy"]).toBe("no-referrer");
  });

  it("count a request as HTTPS when it came so directly, through a trusted proxy that says so, or when the public address is https", () => {
    const plain = new URL("http://127.0.0.1:3000/cases");
    expect(servedOverHttps(new URL("https://cases.example.org/"), new Headers())).toBe(true);
    expect(servedOverHttps(plain, new Headers({ "x-forwarded-proto": "https" }), undefined, true)).toBe(true);
    // a direct client's own header decides nothing without TRUST_PROXY
    expect(servedOverHttps(plain, new Headers({ "x-forwarded-proto": "https" }))).toBe(false);
    expect(servedOverHttps(plain, new Headers(), "https://cases.example.org")).toBe(true);
    expect(servedOverHttps(plain, new Headers({ "x-forwarded-proto": "http" }), "http://localhost:3000")).toBe(false);
    expect(servedOverHttps(plain, new Headers())).toBe(false);
  });

  it("makes a fresh nonce for every request", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  /** The Content-Security-Policy values next.config.js sends for a path, matched the way Next.js matches them. */
  async function configuredPolicies(pathname: string): Promise<string[]> {
    const configUrl = pathToFileURL(path.resolve("next.config.js")).href;
    const { default: nextConfig } = (await import(configUrl)) as { default: NextConfig };
    const rules = (await nextConfig.headers?.()) ?? [];
    return rules
      .filter((rule) => getPathMatch(rule.source)(pathname) !== false)
      .flatMap((rule) => rule.headers.filter((h) => h.key === "Content-Security-Policy").map((h) => h.value));
  }

  it("gives JSON answers a policy that lets nothing run, the same one next.config.js sends", async () => {
    expect(await configuredPolicies("/api/v1/cases")).toEqual([API_CONTENT_SECURITY_POLICY]);
    expect(await configuredPolicies("/api/v1/attachments")).toEqual([API_CONTENT_SECURITY_POLICY]);
  });

  it("gives a file download its own sandboxed policy, not the generic API one (a header from next.config.js would win)", async () => {
    expect(await configuredPolicies("/api/v1/attachments/3f0c6f55-1b7e-4bd7-9d5a-0d3c1c1f2a10")).toEqual([ATTACHMENT_CONTENT_SECURITY_POLICY]);
    expect(ATTACHMENT_CONTENT_SECURITY_POLICY).toMatch(/(^|; )sandbox$/);
  });
});
