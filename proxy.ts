// Runs before every page request: a fresh nonce per request for the Content-Security-Policy, which
// Next.js reads from the request headers and puts on its own scripts; HSTS when served over HTTPS.
// It does no authorization: the services decide who may see what (lib/authz.ts).
import { NextResponse, type NextRequest } from "next/server";
import { trustedProxyHops } from "@/lib/env";
import { contentSecurityPolicy, HSTS, newNonce, servedOverHttps } from "@/lib/security/headers";

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const https = servedOverHttps(request.nextUrl, request.headers, process.env.PUBLIC_URL, trustedProxyHops() > 0);
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: the JSON API and static files get a fixed policy from next.config.js. The API is left
      // out also so that uploads are never buffered by the proxy.
      source: "/((?!api/|_next/static|_next/image|favicon.ico|fonts/|openapi.yaml).*)",
      // Prefetches and server-action posts answer with data, not HTML: no script to give a nonce to.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
