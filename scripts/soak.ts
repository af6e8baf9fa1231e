// npm run soak [-- --minutes 10 --connections 8 --org-slug bench --port 3290 --out soak.json]
// A long mixed read/write HTTP workload against the production build (`npm run build` first), on a
// database filled by `npm run seed:large` (DATABASE_URL, as its owner; the same secrets as the seed):
// the case list, a name search, opening a case, the dashboard, the API's case list, creating a case and
// adding an event to it, all as a coordinator signed in by cookie, plus a full password sign-in every
// five seconds. autocannon drives the requests minute by minute; after each minute the script notes
// the requests answered, their p50 / p95 / max, the errors (any answer that is not 2xx, any socket
// error or timeout) and the server's resident memory. It exits non-zero if any request failed.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { signInOverHttp } from "./lib/http-sign-in";
import { percentile } from "./bench/types";
import { BENCH_PASSWORD, benchMemberEmail } from "./lib/bench-accounts";
import { TSX_NODE_FLAGS } from "./lib/node-flags";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const minutes = Number(option("minutes", "10"));
const connections = Number(option("connections", "8"));
const slug = option("org-slug", "bench");
const port = Number(option("port", "3290"));
const out = option("out", "");
const base = `http://127.0.0.1:${port}`;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
  return Math.round(Number(line?.replace(/\D/g, "") ?? 0) / 1024);
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;

async function sample(ownerUrl: string): Promise<{ caseIds: string[]; words: string[] }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const org = await client.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug]);
    if (!org.rows[0]) throw new Error(`No organisation "${slug}"; fill the database with npm run seed:large -- --org-slug ${slug}.`);
    const cases = await client.query<{ id: string }>(`SELECT id FROM cases WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY random() LIMIT 500`, [org.rows[0].id]);
    const names = await client.query<{ value: string }>(`SELECT value FROM person_names WHERE "organizationId" = $1 ORDER BY random() LIMIT 500`, [org.rows[0].id]);
    // one word of a name, as people type it
    return { caseIds: cases.rows.map((row) => row.id), words: names.rows.map((row) => row.value.split(/\s+/)[0]!.slice(0, 5)) };
  } finally {
    await client.end();
  }
}

interface Minute {
  minute: number;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  errors: number;
  rssMb: number;
  signIns: number;
  signInP95: number;
  signInErrors: number;
}

async function main(): Promise<void> {
  const ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) throw new Error("Set DATABASE_URL to the benchmark database (as its owner).");
  if (!existsSync(path.resolve(".next/BUILD_ID"))) throw new Error("No production build; run npm run build first.");
  const { caseIds, words } = await sample(ownerUrl);

  const server = spawn(process.execPath, [...TSX_NODE_FLAGS, "scripts/serve.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", NEXT_TELEMETRY_DISABLED: "1", TRUST_PROXY: "0" },
  });
  server.stdout.resume();
  const stopServer = () => server.exitCode === null && server.kill("SIGTERM");
  process.on("exit", stopServer);
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error("The server stopped while starting.");
    if (i > 300) throw new Error("The server did not answer /api/health within 5 minutes.");
    const health = await fetch(`${base}/api/health`).catch(() => null);
    if (health?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const email = benchMemberEmail(slug, "COORDINATOR");
  const signedIn = await signInOverHttp(base, email, BENCH_PASSWORD);
  if (!signedIn.session) throw new Error(`Could not sign in as ${email}: ${signedIn.error}`);
  const headers = { cookie: signedIn.session.cookie, origin: base };
  const json = { ...headers, "content-type": "application/json" };
  console.log(`Soak: ${minutes} min, ${connections} connections, server pid ${server.pid}, ${caseIds.length} sampled cases.`);
  console.log("| minute | requests | p50 ms | p95 ms | max ms | errors | RSS MB | sign-ins | sign-in p95 ms | sign-in errors |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");

  const results: Minute[] = [];
  for (let minute = 1; minute <= minutes; minute++) {
    const latencies: number[] = [];
    const signInTimes: number[] = [];
    let signInErrors = 0;
    let signingIn = true;
    const signIns = (async () => {
      while (signingIn) {
        const began = performance.now();
        const answer = await signInOverHttp(base, email, BENCH_PASSWORD).catch(() => ({ session: undefined }));
        signInTimes.push(performance.now() - began);
        if (!answer.session) signInErrors += 1;
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    })();
    let finish: (result: autocannon.Result) => void = () => {};
    let fail: (error: unknown) => void = () => {};
    const finished = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
    const options: autocannon.Options = {
      url: base,
      connections,
      duration: 60,
      timeout: 30,
      requests: [
        { method: "GET", path: "/cases", headers },
        { method: "GET", headers, setupRequest: (request) => ({ ...request, path: `/cases?q=${encodeURIComponent(pick(words))}` }) },
        { method: "GET", headers, setupRequest: (request) => ({ ...request, path: `/cases/${pick(caseIds)}` }) },
        { method: "GET", path: "/dashboard", headers },
        { method: "GET", headers, setupRequest: (request) => ({ ...request, path: `/api/v1/cases?q=${encodeURIComponent(pick(words))}` }) },
        {
          method: "POST",
          path: "/api/v1/cases",
          headers: json,
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ subject: { person: { names: [{ value: `Soak ${pick(words)} ${Math.random().toString(36).slice(2, 8)}` }] } } }) }),
          onResponse: (status, body, context) => {
            if (status === 201) (context as { caseId?: string }).caseId = (JSON.parse(body) as { id: string }).id;
          },
        },
        {
          method: "POST",
          headers: json,
          setupRequest: (request, context) => ({
            ...request,
            path: `/api/v1/cases/${(context as { caseId?: string }).caseId ?? pick(caseIds)}/events`,
            body: JSON.stringify({ type: "CONTACT_LOST", date: "2024-03", description: "Calls stopped." }),
          }),
        },
      ],
    };
    const instance = autocannon(options, (error, result) => (error ? fail(error) : finish(result)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    const result = await finished;
    signingIn = false;
    await signIns;
    latencies.sort((a, b) => a - b);
    signInTimes.sort((a, b) => a - b);
    const row: Minute = {
      minute,
      requests: latencies.length,
      p50: Math.round(percentile(latencies, 50)),
      p95: Math.round(percentile(latencies, 95)),
      max: Math.round(latencies[latencies.length - 1] ?? 0),
      errors: result.non2xx + result.errors + result.timeouts,
      rssMb: rssMb(server.pid as number),
      signIns: signInTimes.length,
      signInP95: Math.round(percentile(signInTimes, 95)),
      signInErrors,
    };
    results.push(row);
    console.log(`| ${row.minute} | ${row.requests} | ${row.p50} | ${row.p95} | ${row.max} | ${row.errors} | ${row.rssMb} | ${row.signIns} | ${row.signInP95} | ${row.signInErrors} |`);
  }
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  const idleRss = rssMb(server.pid as number);
  console.log(`RSS after 30 s idle: ${idleRss} MB`);
  const errors = results.reduce((sum, row) => sum + row.errors + row.signInErrors, 0);
  console.log(`Errors: ${errors}`);
  if (out) writeFileSync(out, JSON.stringify({ minutes, connections, results, idleRssMb: idleRss, errors }, null, 2));
  stopServer();
  process.exitCode = errors === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
