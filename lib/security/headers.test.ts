import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
// Next.js's own matcher for `source` patterns, so the test reads next.config.js as Next.js does
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { API_CONTENT_SECURITY_POLICY, ATTACHMENT_CONTENT_SECURITY_POLICY, contentSecurityPolicy, HSTS, newNonce, servedOverHttps } from "./headers";

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

  it("a page answer carries this request's policy, and HSTS only over HTTPS (what proxy.ts sends)", () => {
    const plain = proxy(new NextRequest("http://127.0.0.1:3000/cases"));
    expect(plain.headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(plain.headers.get("Strict-Transport-Security")).toBeNull();
    const secure = proxy(new NextRequest("https://cases.example.org/cases"));
    expect(secure.headers.get("Strict-Transport-Security")).toBe(HSTS);
    expect(secure.headers.get("Content-Security-Policy")).toContain("upgrade-insecure-requests");
  });

  it("every answer, page, API or static file, sends no referrer and may not be framed or sniffed (what next.config.js sends)", async () => {
    for (const pathname of ["/cases", "/api/v1/cases", "/_next/static/chunks/app.js", "/fonts/noto-sans.woff2"]) {
      const sent = await configuredHeaders(pathname);
      expect(sent["Referrer-Policy"], pathname).toBe("no-referrer");
      expect(sent["X-Content-Type-Options"], pathname).toBe("nosniff");
      expect(sent["X-Frame-Options"], pathname).toBe("DENY");
      expect(sent["Cross-Origin-Opener-Policy"], pathname).toBe("same-origin");
      expect(sent["Permissions-Policy"], pathname).toContain("camera=()");
    }
    expect((await configuredHeaders("/cases"))["Cache-Control"]).toBe("no-store, max-age=0");
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

  /** The header rules next.config.js has for a path, matched the way Next.js matches them. */
  async function configuredRules(pathname: string): Promise<{ key: string; value: string }[]> {
    const configUrl = pathToFileURL(path.resolve("next.config.js")).href;
    const { default: nextConfig } = (await import(configUrl)) as { default: NextConfig };
    const rules = (await nextConfig.headers?.()) ?? [];
    return rules.filter((rule) => getPathMatch(rule.source)(pathname) !== false).flatMap((rule) => rule.headers);
  }

  /** The Content-Security-Policy values next.config.js sends for a path. */
  async function configuredPolicies(pathname: string): Promise<string[]> {
    return (await configuredRules(pathname)).filter((h) => h.key === "Content-Security-Policy").map((h) => h.value);
  }

  /** Every header next.config.js sends for a path (a later rule wins, as in Next.js). */
  async function configuredHeaders(pathname: string): Promise<Record<string, string>> {
    return Object.fromEntries((await configuredRules(pathname)).map((h) => [h.key, h.value]));
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
