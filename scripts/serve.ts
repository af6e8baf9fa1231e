// The production HTTP server: Next.js's request handler behind a plain Node server that first records
// the socket's peer address and, unless TRUST_PROXY says proxies stand in front, drops every
// X-Forwarded-* header a client sent (Next.js passes neither the socket address nor the difference on).
// Each page request and server action gets one log line (lib/http-request-log.ts). On SIGTERM or SIGINT it
// stops accepting connections, lets in-flight requests and running background jobs finish (bounded; jobs
// still running then go back to the queue), then exits 0.
// Started by scripts/start.ts; arguments: --port N --hostname H.
import { createServer } from "node:http";
import next from "next";
import { trustedProxyHops } from "../lib/env";
import { withPageRequestLog } from "../lib/http-request-log";
import { sanitizeForwardedHeaders } from "../lib/security/forwarded-headers";
import { runShutdownSteps } from "../lib/shutdown";

/** In-flight requests get this long after SIGTERM; the job runner has its own bound (lib/jobs/worker.ts). */
const REQUEST_STOP_MS = 20_000;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  // tsx (which runs this file) turns on Node's source maps for every module loaded afterwards: each of
  // Next.js's server chunks then had its map read from disk and kept parsed, with the original sources
  // inside, for the life of the process (tens of MiB of the live heap, and CPU at every first load).
  // Production stack traces name the built chunks instead, as `next start` does.
  process.setSourceMapsEnabled(false);
  const port = Number(argument("port", "3000"));
  const hostname = argument("hostname", "127.0.0.1");
  const hops = trustedProxyHops();
  const app = next({ dev: false, hostname, port });
  await app.prepare();
  const handle = withPageRequestLog(app.getRequestHandler());
  const server = createServer((request, response) => {
    sanitizeForwardedHeaders(request.headers, request.socket.remoteAddress, hops);
    void handle(request, response);
  });
  server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port}`));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}: finishing requests and jobs, then stopping.`);
    const requestsDone = new Promise<void>((resolve) => {
      server.close(() => resolve());
      // idle keep-alive connections would hold the server open until they time out
      server.closeIdleConnections();
      setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, REQUEST_STOP_MS).unref();
    });
    void Promise.all([requestsDone, runShutdownSteps()]).finally(() => {
      console.log("Stopped.");
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
