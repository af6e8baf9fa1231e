// The production HTTP server: Next.js's request handler behind a plain Node server that first records
// the socket's peer address and, unless TRUST_PROXY says proxies stand in front, drops every
// X-Forwarded-* header a client sent (Next.js passes neither the socket address nor the difference on).
// Started by scripts/start.ts; arguments: --port N --hostname H.
import { createServer } from "node:http";
import next from "next";
import { trustedProxyHops } from "../lib/env";
import { sanitizeForwardedHeaders } from "../lib/security/forwarded-headers";

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const port = Number(argument("port", "3000"));
  const hostname = argument("hostname", "127.0.0.1");
  const hops = trustedProxyHops();
  const app = next({ dev: false, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    sanitizeForwardedHeaders(request.headers, request.socket.remoteAddress, hops);
    void handle(request, response);
  });
  server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
