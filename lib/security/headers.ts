// Response headers for every page and API answer. The Content-Security-Policy carries a per-request
// nonce so that only the app's own scripts run; nothing may be loaded from another origin.

// What is sent where: next.config.js gives every answer the fixed headers (Referrer-Policy, nosniff…)
// and the API its policy; proxy.ts gives pages this module's nonce-based policy and, over HTTPS, HSTS.

export interface HeaderOptions {
  nonce: string;
  https: boolean;
  development: boolean;
}

/** Two years, subdomains included: once seen over HTTPS, the browser never tries plain HTTP again. */
export const HSTS = "max-age=63072000; includeSubDomains";

export function contentSecurityPolicy({ nonce, development, https = false }: Pick<HeaderOptions, "nonce" | "development"> & { https?: boolean }): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    // Styles: Next injects inline style tags for fonts and layout; they cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over HTTPS: on a plain-HTTP address (a demo on the local network) the browser would rewrite the
    // app's own scripts to https:// and load none of them.
    ...(https && !development ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Pages and API answers may carry personal data: never store them in a browser or proxy cache. */
export const NO_STORE = "no-store, max-age=0";

/**
 * Whether the browser reached us over HTTPS: directly, because PUBLIC_URL is https, or through a
 * trusted reverse proxy (TRUST_PROXY) that says so in X-Forwarded-Proto. The header of an untrusted
 * client counts for nothing.
 */
export function servedOverHttps(url: URL, headers: Headers, publicUrl?: string, trustForwarded = false): boolean {
  if (url.protocol === "https:") return true;
  if (trustForwarded && headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return publicUrl?.toLowerCase().startsWith("https:") ?? false;
}

/** CSP for JSON answers and files: nothing in them may run, load anything or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** CSP for downloaded files: as for JSON, and sandboxed, so a file opened in the browser has no origin to act in. */
export const ATTACHMENT_CONTENT_SECURITY_POLICY = `${API_CONTENT_SECURITY_POLICY}; sandbox`;

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
