import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, newNonce, securityHeaders, servedOverHttps } from "./headers";

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

  it("count a request as HTTPS when it came so directly, through a proxy that says so, or when the public address is https", () => {
    const plain = new URL("http://127.0.0.1:3000/cases");
    expect(servedOverHttps(new URL("https://cases.example.org/"), new Headers())).toBe(true);
    expect(servedOverHttps(plain, new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(servedOverHttps(plain, new Headers(), "https://cases.example.org")).toBe(true);
    expect(servedOverHttps(plain, new Headers({ "x-forwarded-proto": "http" }), "http://localhost:3000")).toBe(false);
    expect(servedOverHttps(plain, new Headers())).toBe(false);
  });

  it("makes a fresh nonce for every request", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("gives JSON answers a policy that lets nothing run, the same one next.config.js sends", async () => {
    const configUrl = pathToFileURL(path.resolve("next.config.js")).href;
    const { default: nextConfig } = (await import(configUrl)) as { default: NextConfig };
    const rules = (await nextConfig.headers?.()) ?? [];
    const api = rules.find((rule) => rule.source === "/api/:path*");
    expect(api?.headers).toContainEqual({ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY });
  });
});
