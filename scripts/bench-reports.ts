// npm run bench runs this after scripts/bench.ts; alone:
//   tsx --import ./scripts/lib/server-only-hook.mjs scripts/bench-reports.ts [--org-slug bench] [--report-runs 10] [--only pdf|register]
// Times the reports on the large organisation (npm run seed:large -- --police-actions 50000) without the
// react-server condition, under which the PDF renderer does not load:
//   1. a case dossier PDF (generateReport), on a different case each run;
//   2. the period summary PDF for the organisation's busiest calendar year;
//   3. the police-action register as CSV streamed over HTTP, the whole organisation and the latest
//      50 000 actions: a second process serves the real route handler (GET /api/v1/reports, an API token
//      of the organisation's admin) and samples its own memory and CPU time; this process downloads,
//      counts the rows and drops the bytes; then, when a production build is at hand (npm run build), the
//      same downloads from the production server itself (scripts/serve.ts), with its RSS;
//   4. the register as XLSX (the background job's work) in a process of its own, with its memory.
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createApiToken, revokeApiToken } from "../lib/auth/api-tokens";
import type { Ctx } from "../lib/authz";
import { disconnectDb } from "../lib/db";
import { ConfigError, getEnv } from "../lib/env";
import { generateReport } from "../lib/reports/generate-report";
import { rssMiB, startAppServer, stop } from "./bench/http";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const mib = (bytes: number) => (bytes / 1_048_576).toFixed(0);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function measure(label: string, runs: number, warmUp: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < warmUp; i++) await work(runs + i); // fonts, plans, connections
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    const usage = process.cpuUsage();
    await work(i);
    times.push(performance.now() - began);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // this process's CPU time beside the wall time: on a busy machine the wall time is mostly waiting
  console.log(`| ${label} | ${runs} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${(times.at(-1) ?? Number.NaN).toFixed(0)} | ${percentile(cpu, 50).toFixed(0)} |`);
}

/** The most memory (RSS) held while `work` runs, sampled every 20 ms. */
function peakDuring<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return work().then(
    (result) => {
      clearInterval(sampler);
      return { result, peak: Math.max(peak, process.memoryUsage().rss) };
    },
    (error: unknown) => {
      clearInterval(sampler);
      throw error;
    },
  );
}

// ───────────────────────────── the serving process ─────────────────────────────

type ToServer = { type: "reset" } | { type: "peak" };
type FromServer = { type: "ready"; port: number; rss: number } | { type: "peak"; peak: number; rss: number; cpuMs: number };
// every message to the serving process is answered with its memory (after a reset: the new baseline)

/** Serves the real route handler over HTTP, and tells the parent the most memory it held. */
async function serve(): Promise<void> {
  const { GET } = await import("../app/api/v1/reports/route");
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20).unref();
  const server = createServer(async (req, res) => {
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers: req.headers as Record<string, string> });
    const response = await GET(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    // the web stream into the socket with backpressure, as Next.js's server sends a route's body
    Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>).pipe(res);
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.send?.({ type: "ready", port, rss: process.memoryUsage().rss } satisfies FromServer);
  });
  let cpu = process.cpuUsage();
  process.on("message", (message: ToServer) => {
    if (message.type === "reset") {
      peak = process.memoryUsage().rss;
      cpu = process.cpuUsage();
    }
    const spent = process.cpuUsage(cpu);
    process.send?.({ type: "peak", peak, rss: process.memoryUsage().rss, cpuMs: (spent.user + spent.system) / 1000 } satisfies FromServer);
  });
  process.on("disconnect", () => process.exit(0));
}

function ask(child: ChildProcess, message: ToServer): Promise<FromServer> {
  return new Promise((resolve) => {
    child.once("message", (answer: FromServer) => resolve(answer));
    child.send(message);
  });
}

/**
 * The V8 heap limit of the processes that stream the register and write the XLSX: V8 collects lazily, so
 * without a limit a process grows far past what it holds; with one, a leak would stop it.
 */
const HEAP_LIMIT_MB = 160;

async function startServer(): Promise<{ child: ChildProcess; port: number; rss: number }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: [...process.execArgv, `--max-old-space-size=${HEAP_LIMIT_MB}`], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await new Promise<FromServer>((resolve, reject) => {
    child.once("message", (message: FromServer) => resolve(message));
    child.once("exit", (code) => reject(new Error(`the serving process stopped (${code})`)));
  });
  if (ready.type !== "ready") throw new Error("the serving process did not start");
  return { child, port: ready.port, rss: ready.rss };
}

// ───────────────────────────── the measuring process ─────────────────────────────

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database filled by npm run seed:large.");
  const slug = option("--org-slug", "bench");
  const runs = Math.max(3, Math.min(50, Number(option("--report-runs", "10")) || 10));
  // --only pdf | register: one half of the benchmark
  const only = option("--only", "all");

  const owner = new pg.Client({ connectionString: env.DATABASE_URL });
  await owner.connect();
  let coordinator: Ctx;
  let admin: Ctx;
  let caseIds: string[];
  let year: number;
  let policeActions: number;
  let latest50k: string | null;
  try {
    const org = (await owner.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug])).rows[0];
    if (!org) throw new ConfigError(`No organisation "${slug}"; run npm run seed:large -- --cases 100000 --police-actions 50000 --org-slug ${slug} first.`);
    const member = async (role: string) => {
      const row = (await owner.query<{ userId: string }>(`SELECT "userId" FROM memberships WHERE "organizationId" = $1 AND role = $2 LIMIT 1`, [org.id, role])).rows[0];
      if (!row) throw new ConfigError(`The organisation "${slug}" has no ${role.toLowerCase()} to measure as.`);
      return { userId: row.userId, organizationId: org.id, role } as Ctx;
    };
    coordinator = await member("COORDINATOR");
    admin = await member("ADMIN");
    caseIds = (await owner.query<{ id: string }>(`SELECT id FROM cases WHERE "organizationId" = $1 ORDER BY md5(id::text) LIMIT $2`, [org.id, runs + 2])).rows.map((row) => row.id);
    const busiest = await owner.query<{ year: number }>(
      `SELECT extract(year FROM date)::int AS year FROM case_events WHERE "organizationId" = $1 AND date IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [org.id],
    );
    year = busiest.rows[0]?.year ?? new Date().getUTCFullYear();
    policeActions = Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL`, [org.id])).rows[0]?.n ?? 0);
    // the first day of a range holding the latest 50 000 actions (a few more when that day has several)
    const from = await owner.query<{ day: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS day FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY date DESC OFFSET 49999 LIMIT 1`,
      [org.id],
    );
    latest50k = from.rows[0]?.day ?? null;
  } finally {
    await owner.end();
  }

  console.log(`\nReports on "${slug}" (${policeActions} police actions). Times in milliseconds.\n`);
  console.log(`load average ${os.loadavg().map((n) => n.toFixed(1)).join(" / ")}\n`);
  console.log("| report | runs | p50 | p95 | max | CPU p50 |");
  console.log("|---|--:|--:|--:|--:|--:|");
  if (only !== "register") await measurePdfs();
  async function measurePdfs() {
    await measure("case dossier PDF", runs, 2, (i) => generateReport(coordinator, { kind: "dossier", caseId: caseIds[i % caseIds.length], locale: "en" }));
    let summaryRecords = 0;
    await measure(`period summary PDF, ${year}`, Math.max(3, Math.round(runs / 3)), 1, async () => {
      summaryRecords = (await generateReport(coordinator, { kind: "summary", format: "pdf", from: `${year}-01-01`, to: `${year}-12-31`, locale: "en" })).records;
    });
    console.log(`\nperiod summary ${year}: ${summaryRecords} records`);
  }
  if (only === "pdf") return void (await disconnectDb());

  // the register over HTTP, as a client downloads it
  const { token, id: tokenId } = await createApiToken(admin, { name: "benchmark: register download" });
  const server = await startServer();
  try {
    const ranges = [{ label: "whole organisation", query: "" }, ...(latest50k ? [{ label: `from ${latest50k}`, query: `&from=${latest50k}` }] : [])];
    for (const range of ranges)
      for (const pass of [1, 2]) {
        const baseline = await ask(server.child, { type: "reset" });
        const began = performance.now();
        const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/reports?kind=register&format=csv&locale=en${range.query}`, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok || !response.body) throw new Error(`the register download answered ${response.status}: ${await response.text()}`);
        const firstByte = performance.now() - began;
        let bytes = 0;
        let lines = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.byteLength;
          for (const byte of chunk) if (byte === 10) lines += 1;
        }
        const ms = performance.now() - began;
        const answer = await ask(server.child, { type: "peak" });
        const peak = answer.type === "peak" ? answer.peak : Number.NaN;
        const cpuMs = answer.type === "peak" ? answer.cpuMs : Number.NaN;
        console.log(
          `police-action register, CSV over HTTP, ${range.label} (pass ${pass}): ${ms.toFixed(0)} ms (first byte ${firstByte.toFixed(0)} ms), ${lines} lines, ${(bytes / 1_048_576).toFixed(1)} MiB, ` +
            `${Math.round(lines / (ms / 1000))} lines/s; serving process CPU ${cpuMs.toFixed(0)} ms, memory ${mib(baseline.rss)} MiB before, peak ${mib(peak)} MiB (heap limit ${HEAP_LIMIT_MB} MB); ` +
            `load average ${os.loadavg().map((n) => n.toFixed(1)).join(" / ")}`,
        );
      }
  } finally {
    server.child.disconnect();
    await revokeApiToken(admin, tokenId);
  }

  if (existsSync(path.resolve(".next", "BUILD_ID"))) await measureProductionServer(admin, latest50k);
  else console.log("\nNo production build (.next): run npm run build to measure the register in the production server too.");

  if (only !== "pdf") await measureXlsx(coordinator);
  await disconnectDb();
}

/**
 * The register streamed by the production server itself (scripts/serve.ts on the build in .next, with the
 * heap bound and environment production starts it with), its memory read from /proc every 20 ms: what
 * "server memory" means to someone running the app. The first download, of one week, loads the route's
 * code; the baseline is taken after it.
 */
async function measureProductionServer(admin: Ctx, latest50k: string | null): Promise<void> {
  const port = Number(option("--port", "4280"));
  const server = await startAppServer(port);
  const { token, id: tokenId } = await createApiToken(admin, { name: "benchmark: register download, production server" });
  try {
    const download = async (query: string) => {
      let peak = rssMiB(server.pid) ?? 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.pid) ?? 0)), 20);
      const began = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/reports?kind=register&format=csv&locale=en${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok || !response.body) throw new Error(`the register download answered ${response.status}: ${await response.text()}`);
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) for (const byte of chunk) if (byte === 10) lines += 1;
      clearInterval(sampler);
      return { ms: performance.now() - began, lines, peak: Math.max(peak, rssMiB(server.pid) ?? 0) };
    };
    const started = rssMiB(server.pid) ?? Number.NaN;
    const week = latest50k ? `&from=${latest50k}&to=${latest50k}` : "&from=2020-01-01&to=2020-01-07";
    await download(week);
    const baseline = rssMiB(server.pid) ?? Number.NaN;
    const ranges = [...(latest50k ? [{ label: `from ${latest50k}`, query: `&from=${latest50k}` }] : []), { label: "whole organisation", query: "" }];
    for (const range of ranges)
      for (const pass of [1, 2]) {
        const { ms, lines, peak } = await download(range.query);
        console.log(
          `police-action register, CSV from the production server, ${range.label} (pass ${pass}): ${ms.toFixed(0)} ms, ${lines} lines; ` +
            `server RSS ${started.toFixed(0)} MiB started, ${baseline.toFixed(0)} MiB after a first small download, peak ${peak.toFixed(0)} MiB (${((peak * 1_048_576) / 1e6).toFixed(0)} MB); ` +
            `load average ${os.loadavg().map((n) => n.toFixed(1)).join(" / ")}`,
        );
      }
  } finally {
    await revokeApiToken(admin, tokenId);
    await stop(server);
  }
}

/** The register as XLSX in a process of its own with the heap limit, reporting its memory. */
async function measureXlsx(ctx: Ctx): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ["--xlsx", JSON.stringify(ctx)], { execArgv: [...process.execArgv, `--max-old-space-size=${HEAP_LIMIT_MB}`], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the XLSX process stopped (${code})`))));
  });
}

async function writeXlsx(ctx: Ctx): Promise<void> {
  const before = process.memoryUsage().rss;
  const began = performance.now();
  const { result, peak } = await peakDuring(() => generateReport(ctx, { kind: "register", format: "xlsx", locale: "en" }));
  console.log(
    `police-action register, XLSX (job work): ${(performance.now() - began).toFixed(0)} ms, ${result.records} records, ${(result.bytes.length / 1_048_576).toFixed(1)} MiB; ` +
      `process memory ${mib(before)} MiB before, peak ${mib(peak)} MiB (heap limit ${HEAP_LIMIT_MB} MB)`,
  );
  await disconnectDb();
}

if (process.argv.includes("--xlsx")) {
  writeXlsx(JSON.parse(option("--xlsx", "{}")) as Ctx).catch((error: unknown) => {
    console.error(`The XLSX process failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else if (process.argv.includes("--serve")) {
  serve().catch((error: unknown) => {
    console.error(`The serving process failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  main().catch(async (error: unknown) => {
    await disconnectDb().catch(() => {});
    console.error(error instanceof ConfigError ? error.message : `The reports benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
