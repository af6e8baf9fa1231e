// The HTTP group: what a user waits for. Starts the production server (scripts/serve.ts on the build in
// .next; run `npm run build` first), signs in as the organisation's coordinator and drives each scenario
// with autocannon at each concurrency (default 1 and 16), timing every answer. Next to each read
// scenario, the floor (floor.ts): the same data by hand-written SQL, in-process and behind a bare
// node:http server, so the table shows app / floor. Also: the server's memory (RSS) during and after
// the runs, and with --instances 2 two servers on one database, each driven by half the connections.
// Options: --duration S (seconds per run, default 10) or --requests N (per run, for a quick check),
// --concurrency 1,16, --port P (first server's port), --instances N, --no-floor, --only a,b (scenario
// names containing a or b), --base-url URL (a server already running; memory is then not sampled),
// --heap-mb N (the server's heap bound; 0 for Node's default).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import pg from "pg";
import { appDatabaseUrl, ConfigError, getEnv } from "../../lib/env";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { createRandom, type Random } from "../../prisma/seed/names";
import { BENCH_PASSWORD, benchMemberEmail } from "../lib/bench-accounts";
import { serverNodeFlags, serverMemoryEnv } from "../lib/server-memory";
import { floorAnswer, type FloorScope } from "./floor";
import { MARKDOWN_HEADER, markdownRow, option, summarize, type BenchGroup, type BenchOptions, type BenchRow } from "./types";
import { TSX_NODE_FLAGS } from "../lib/node-flags";

interface Request {
  method?: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

interface Scenario {
  name: string;
  /** what a correct answer's status is */
  expect: number;
  next: (rand: Random) => Request;
  /** the floor answers the same path without /api/v1 */
  floor?: boolean;
}

interface Sample {
  organizationId: string;
  userId: string;
  caseIds: string[];
  personIds: string[];
  /** single first names as typed in three scripts: Latin, Cyrillic, Han */
  names: { latin: string[]; cyrillic: string[]; han: string[] };
}

const DAY_MS = 86_400_000;
const STATUSES = ["MISSING", "DETAINED", "SENTENCED", "IN_CAMP", "RETURNED_TO_KAZAKHSTAN"];

export function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time a process has used so far (user + system), ms; /proc/<pid>/stat counts it in clock ticks. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux the app runs on (getconf CLK_TCK); resolution 10 ms, so runs need many requests. */
const CLOCK_TICKS_PER_SECOND = 100;

export async function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConfigError(`${what} did not start within 120 s.`)), 120_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (pattern.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new ConfigError(`${what} stopped (exit code ${code}) before it was ready.`));
    });
  });
}

export function startNode(script: string, args: string[], env: NodeJS.ProcessEnv, flags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...flags, ...TSX_NODE_FLAGS, path.resolve(script), ...args], { env, stdio: ["ignore", "pipe", "inherit"] });
}

export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The production server as the benchmarks measure it (scripts/serve.ts on the build in .next), ready:
 * the environment and heap bound `npm start` gives it (`heapMb` "0" leaves Node's default), background
 * jobs off unless QAMQOR_JOBS says otherwise (a duplicate scan of 300 000 people queued in the benchmark
 * database takes minutes and would take the server's CPU), its output dropped once it has started.
 */
export async function startAppServer(port: number, options: { heapMb?: string } = {}): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverMemoryEnv(), NODE_ENV: "production", QAMQOR_JOBS: process.env.QAMQOR_JOBS ?? "off" };
  delete env.NODE_OPTIONS;
  const flags = options.heapMb === "0" ? [] : serverNodeFlags(options.heapMb ? { ...env, QAMQOR_HEAP_MB: options.heapMb } : env);
  const server = startNode("scripts/serve.ts", ["--port", String(port), "--hostname", "127.0.0.1"], env, flags);
  try {
    await waitForOutput(server, /Ready on/, `The app server on port ${port}`);
  } catch (error) {
    await stop(server);
    throw error;
  }
  server.stdout?.resume();
  return server;
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] as string);
}

/** next-auth's credentials sign-in: the CSRF cookie and token, then the form post; returns the cookie header. */
export async function signIn(base: string, email: string): Promise<{ cookie: string; csrfCookie: string; csrfToken: string }> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = setCookies(csrf).join("; ");
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, json: "true" }),
  });
  const session = setCookies(answer).find((cookie) => cookie.startsWith("qamqor_session="));
  if (!session) throw new ConfigError(`Signing in as ${email} failed (HTTP ${answer.status}); was the organisation made by npm run seed:large?`);
  return { cookie: `${session}; ${LOCALE_COOKIE}=en`, csrfCookie, csrfToken };
}

export async function loadSample(slug: string, count: number): Promise<Sample> {
  const owner = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await owner.connect();
  try {
    const org = (await owner.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug])).rows[0];
    if (!org) throw new ConfigError(`No organisation "${slug}"; run npm run seed:large -- --org-slug ${slug} first.`);
    const user = (await owner.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [benchMemberEmail(slug, "COORDINATOR")])).rows[0];
    if (!user) throw new ConfigError(`The organisation "${slug}" has no benchmark coordinator; rebuild it with npm run seed:large -- --replace.`);
    const ids = async (sql: string) => (await owner.query<{ id: string }>(sql, [org.id, count])).rows.map((row) => row.id);
    const words = async (script: string) =>
      (
        await owner.query<{ value: string }>(
          `SELECT DISTINCT split_part(value, ' ', 1) AS value FROM (SELECT value FROM person_names WHERE "organizationId" = $1 AND script = $2::"NameScript" LIMIT 2000) n LIMIT 40`,
          [org.id, script],
        )
      ).rows.map((row) => row.value);
    const han = (await words("HAN")).map((value) => [...value].slice(0, 2).join(""));
    return {
      organizationId: org.id,
      userId: user.id,
      caseIds: await ids(`SELECT id FROM cases WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY md5(id::text) LIMIT $2`),
      // family members who were at protests: their timelines have cases, protests and police actions
      personIds: await ids(`SELECT DISTINCT "personId" AS id FROM police_actions WHERE "organizationId" = $1 ORDER BY 1 LIMIT $2`),
      names: { latin: await words("LATIN"), cyrillic: await words("CYRILLIC"), han },
    };
  } finally {
    await owner.end();
  }
}

function scenarios(sample: Sample, slug: string, csrf: { cookie: string; token: string }): Scenario[] {
  const anyName = (rand: Random) => rand.pick([...sample.names.latin, ...sample.names.cyrillic, ...sample.names.han].filter(Boolean));
  const listQuery = (rand: Random) =>
    new URLSearchParams({ status: rand.pick(STATUSES), q: rand.pick(sample.names.latin), sort: "updated", page: String(rand.int(1, 3)) }).toString();
  const json = { "content-type": "application/json" };
  return [
    { name: "case list page: status + name, page 1–3", expect: 200, next: (rand) => ({ path: `/cases?${listQuery(rand)}` }) },
    { name: "case list API: status + name, page 1–3", expect: 200, floor: true, next: (rand) => ({ path: `/api/v1/cases?${listQuery(rand)}` }) },
    { name: "case list API: first page", expect: 200, floor: true, next: () => ({ path: "/api/v1/cases" }) },
    { name: "people search API: a name in Latin, Cyrillic or Han", expect: 200, floor: true, next: (rand) => ({ path: `/api/v1/people?q=${encodeURIComponent(anyName(rand))}` }) },
    { name: "open a case page", expect: 200, next: (rand) => ({ path: `/cases/${rand.pick(sample.caseIds)}` }) },
    { name: "open a case API", expect: 200, floor: true, next: (rand) => ({ path: `/api/v1/cases/${rand.pick(sample.caseIds)}` }) },
    { name: "a person's timeline API", expect: 200, floor: true, next: (rand) => ({ path: `/api/v1/people/${rand.pick(sample.personIds)}/timeline` }) },
    { name: "dashboard page, one year", expect: 200, next: () => ({ path: "/dashboard?period=year" }) },
    { name: "dashboard API, one year", expect: 200, next: () => ({ path: "/api/v1/dashboard?period=year" }) },
    {
      // a week of police actions (a few hundred): the whole organisation's register is a background job
      // over HTTP; the services group streams all of it in-process
      name: "police-action register CSV, one week",
      expect: 200,
      next: (rand) => {
        const from = Date.now() - rand.int(60, 1_500) * DAY_MS;
        const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        return { path: `/api/v1/reports?kind=register&format=csv&from=${day(from)}&to=${day(from + 6 * DAY_MS)}` };
      },
    },
    {
      name: "create a case API",
      expect: 201,
      next: (rand) => ({ method: "POST", path: "/api/v1/cases", headers: json, body: JSON.stringify({ subject: { person: { names: [{ value: `Bench ${rand.pick(sample.names.latin)} ${rand.int(1, 1e9)}` }] } } }) }),
    },
    {
      name: "add an event API",
      expect: 201,
      next: (rand) => ({ method: "POST", path: `/api/v1/cases/${rand.pick(sample.caseIds)}/events`, headers: json, body: JSON.stringify({ type: "OTHER", date: "2025-06" }) }),
    },
    {
      name: "sign in (password)",
      expect: 200,
      next: () => ({
        method: "POST",
        path: "/api/auth/callback/credentials",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
        body: new URLSearchParams({ csrfToken: csrf.token, email: benchMemberEmail(slug, "COORDINATOR"), password: BENCH_PASSWORD, json: "true" }).toString(),
      }),
    },
  ];
}

interface Drive {
  times: number[];
  wallMs: number;
  errors: number;
  bytes: number;
  /** answers by HTTP status, when any was unexpected */
  statuses: Record<number, number>;
}

/** One autocannon run against each base URL at once (connections split between them), every answer timed. */
async function drive(bases: string[], connections: number, limit: { duration?: number; requests?: number }, scenario: Scenario, headers: Record<string, string>, seed: number): Promise<Drive> {
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  const statuses: Record<number, number> = {};
  const began = performance.now();
  await Promise.all(
    bases.map((base, index) => {
      const share = Math.max(1, Math.round(connections / bases.length));
      const rand = createRandom(seed + index);
      return new Promise<void>((resolve, reject) => {
      const instance = autocannon({
        url: base,
        connections: share,
        ...(limit.requests ? { amount: Math.max(share, Math.round(limit.requests / bases.length)) } : { duration: limit.duration ?? 10 }),
        timeout: 60,
        headers,
        requests: [
          {
            setupRequest: (request) => {
              const next = scenario.next(rand);
              const extra = { ...(next.headers ?? {}) };
              // a cookie-authenticated write must name its origin (lib/security/origin.ts)
              if (next.method === "POST") extra.origin = base;
              return { ...request, method: next.method ?? "GET", path: next.path, body: next.body, headers: { ...request.headers, ...headers, ...extra } };
            },
          },
        ],
      }, (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()));
      instance.on("response", (_client: unknown, statusCode: number, resBytes: number, responseTime: number) => {
        times.push(responseTime);
        bytes += resBytes;
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
        if (statusCode !== scenario.expect) errors++;
      });
      });
    }),
  );
  return { times, wallMs: performance.now() - began, errors, bytes, statuses };
}

async function floorInProcess(pool: pg.Pool, scope: FloorScope, scenario: Scenario, concurrency: number, requests: number, seed: number): Promise<{ times: number[]; wallMs: number }> {
  const rand = createRandom(seed);
  const times: number[] = [];
  let left = requests;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const at = performance.now();
        await floorAnswer(pool, scope, scenario.next(rand).path.replace("/api/v1", ""));
        times.push(performance.now() - at);
      }
    }),
  );
  return { times, wallMs: performance.now() - began };
}

const unexpected = (result: Drive) =>
  result.errors ? ` ${result.errors} unexpected answers (${Object.entries(result.statuses).map(([status, n]) => `HTTP ${status} ×${n}`).join(", ")})` : "";

const row = (scenario: string, concurrency: number, result: { times: number[]; wallMs: number; errors?: number; bytes?: number }, extra: Partial<BenchRow> = {}): BenchRow => ({
  scenario,
  concurrency,
  requests: result.times.length,
  ...summarize(result.times),
  rps: (result.times.length / result.wallMs) * 1000,
  ...(result.errors !== undefined ? { errors: result.errors } : {}),
  ...(result.bytes !== undefined && result.times.length > 0 ? { bytesPerAnswer: Math.round(result.bytes / result.times.length) } : {}),
  ...extra,
});

async function run({ slug, argv }: BenchOptions): Promise<{ rows: BenchRow[]; extra: Record<string, unknown> }> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database filled by npm run seed:large.");
  const duration = Number(option(argv, "--duration", "10"));
  const requests = Number(option(argv, "--requests", "0")) || undefined;
  const concurrencies = option(argv, "--concurrency", "1,16").split(",").map(Number);
  const firstPort = Number(option(argv, "--port", "4180"));
  const instances = Number(option(argv, "--instances", "1"));
  const only = option(argv, "--only", "").split(",").filter(Boolean);
  const withFloor = !argv.includes("--no-floor");
  const given = option(argv, "--base-url", "");
  // only the floor: proves the scenarios, the floor's SQL and the load generator still work where no
  // production build is at hand (CI)
  const noApp = argv.includes("--no-app");

  const sample = await loadSample(slug, 500);
  const scope: FloorScope = { organizationId: sample.organizationId, userId: sample.userId };
  const servers: ChildProcess[] = [];
  let floorServer: ChildProcess | undefined;
  const rows: BenchRow[] = [];
  const memory: { at: string; rssMiB: number | undefined }[] = [];
  const pids = () => servers.map((server) => server.pid);
  const totalRss = () => {
    const values = pids().map(rssMiB).filter((v): v is number => v !== undefined);
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  const totalCpuMs = () => {
    const values = pids().map(cpuMs).filter((v): v is number => v !== undefined);
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  const pool = new pg.Pool({ connectionString: appDatabaseUrl(), max: 10 });
  try {
    const bases = noApp ? [] : given ? [given] : Array.from({ length: instances }, (_, i) => `http://127.0.0.1:${firstPort + i}`);
    if (!given && !noApp) {
      // QAMQOR_JOBS=on in the environment measures servers that also run the background jobs
      for (let i = 0; i < instances; i++) servers.push(await startAppServer(firstPort + i, { heapMb: option(argv, "--heap-mb", "") }));
    }
    memory.push({ at: "started", rssMiB: totalRss() });
    const session = noApp ? { cookie: "", csrfCookie: "", csrfToken: "" } : await signIn(bases[0] as string, benchMemberEmail(slug, "COORDINATOR"));
    const headers = { cookie: session.cookie, "accept-language": "en" };
    if (withFloor && !given) {
      floorServer = startNode("scripts/bench/floor-server.ts", ["--port", String(firstPort + 50), "--organization", scope.organizationId, "--user", scope.userId], process.env);
      await waitForOutput(floorServer, /Floor ready/, "The floor server");
      floorServer.stdout?.resume();
    }
    const list = scenarios(sample, slug, { cookie: session.csrfCookie, token: session.csrfToken }).filter((s) => (only.length === 0 || only.some((word) => s.name.includes(word))) && (!noApp || s.floor));
    console.log(`HTTP against ${noApp ? "the floor only" : bases.join(" + ")}: ${list.length} scenarios at concurrency ${concurrencies.join(", ")}, ${requests ? `${requests} requests` : `${duration} s`} each.\n`);
    console.log(MARKDOWN_HEADER);
    let seed = 1;
    for (const scenario of list) {
      for (const concurrency of concurrencies) {
        let result: Drive | undefined;
        if (!noApp) {
          // warm-up: plans, caches, the page's code
          await drive(bases, Math.min(concurrency, 4), { requests: 8 }, scenario, headers, seed++);
          const load0 = os.loadavg()[0] as number;
          let peak = totalRss() ?? 0;
          const sampler = setInterval(() => (peak = Math.max(peak, totalRss() ?? 0)), 250);
          const cpu0 = totalCpuMs();
          result = await drive(bases, concurrency, { duration, requests }, scenario, headers, seed++);
          const cpu1 = totalCpuMs();
          clearInterval(sampler);
          const cpuMsPerRequest = cpu0 !== undefined && cpu1 !== undefined && result.times.length > 0 ? (cpu1 - cpu0) / result.times.length : undefined;
          const app = row(scenario.name, concurrency, result, {
            rssPeakMiB: peak || undefined,
            rssEndMiB: totalRss(),
            load: [load0, os.loadavg()[0] as number],
            cpuMsPerRequest,
            note: instances > 1 ? `${instances} instances` : undefined,
          });
          rows.push(app);
          console.log(markdownRow(app) + unexpected(result));
        }
        if (withFloor && scenario.floor && floorServer) {
          const floorRequests = requests ?? Math.max(20, Math.min(result?.times.length ?? 0, 2000));
          const inProcess = await floorInProcess(pool, scope, scenario, concurrency, floorRequests, seed++);
          const floorRow = row(`${scenario.name} — floor, in-process`, concurrency, inProcess);
          rows.push(floorRow);
          console.log(markdownRow(floorRow));
          const floorCpu0 = cpuMs(floorServer.pid);
          const floorHttp = await drive([`http://127.0.0.1:${firstPort + 50}`], concurrency, { duration, requests }, { ...scenario, next: (rand) => ({ path: scenario.next(rand).path.replace("/api/v1", "") }) }, {}, seed++);
          const floorCpu1 = cpuMs(floorServer.pid);
          const floorCpuMs = floorCpu0 !== undefined && floorCpu1 !== undefined && floorHttp.times.length > 0 ? (floorCpu1 - floorCpu0) / floorHttp.times.length : undefined;
          const httpRow = row(`${scenario.name} — floor, node:http`, concurrency, floorHttp, { cpuMsPerRequest: floorCpuMs });
          rows.push(httpRow);
          console.log(markdownRow(httpRow) + unexpected(floorHttp));
        }
      }
      memory.push({ at: `after ${scenario.name}`, rssMiB: totalRss() });
    }
    if (!given && !noApp && !requests) {
      // does the memory come back when the load stops?
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      memory.push({ at: "20 s idle after the runs", rssMiB: totalRss() });
    }
    console.log("\nServer memory (RSS, MiB, all instances):");
    for (const point of memory) console.log(`  ${point.at}: ${point.rssMiB?.toFixed(0) ?? "—"}`);
    return { rows, extra: { memory, instances, bases, duration: requests ? undefined : duration, requests, cpus: os.cpus().length } };
  } finally {
    await pool.end();
    await stop(floorServer);
    for (const server of servers) await stop(server);
  }
}

export const httpGroup: BenchGroup = {
  name: "http",
  description: "the production server over HTTP (autocannon), next to the hand-written SQL floor",
  run,
};
