// The dashboard group: the dashboard's data for one year (getDashboard) through the real service as the
// app's database role, as a coordinator at 1, 8 and 16 requests at once and as an analyst at 1 and 8;
// then the work of one view, statement by statement: each statement the view sends (as Prisma logs it),
// the database's own time for it and its buffers under EXPLAIN (ANALYZE, BUFFERS), run again as the app
// role in the organisation. Work per request is what this measures best on a shared machine.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Ctx } from "../../lib/authz";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { disconnectDb } from "../../lib/db";
import { appDatabaseUrl } from "../../lib/env";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { coordinatorContext, ownerClient } from "./context";
import { summarize, type BenchGroup, type BenchOptions, type BenchRow } from "./types";

interface LoggedStatement {
  query: string;
  params: unknown[];
  durationMs: number;
}

export interface StatementProfile {
  sql: string;
  /** the time Prisma saw for it in the view, ms */
  durationMs: number;
  /** EXPLAIN ANALYZE's execution and planning time, ms */
  executionMs: number | null;
  planningMs: number | null;
  sharedHit: number | null;
  sharedRead: number | null;
  topNode: string | null;
}

export interface ViewProfile {
  view: string;
  statements: number;
  /** sum of the statements' EXPLAIN ANALYZE times (planning + execution), ms */
  databaseMs: number;
  sharedHit: number;
  sharedRead: number;
  detail: StatementProfile[];
}

const globalForDb = globalThis as unknown as { qamqorDb?: { url: string; client: PrismaClient } };

/** Replaces the app's cached client by one that logs every statement (same URL, same pool size). */
function installLoggingClient(log: LoggedStatement[]): PrismaClient {
  const url = appDatabaseUrl();
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    let params: unknown[] = [];
    try {
      params = JSON.parse(event.params) as unknown[];
    } catch {
      params = [];
    }
    log.push({ query: event.query, params, durationMs: event.duration });
  });
  globalForDb.qamqorDb = { url, client };
  return client;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

interface ExplainNode {
  "Node Type"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
}

async function explain(client: pg.Client, organizationId: string, statement: LoggedStatement): Promise<Omit<StatementProfile, "sql" | "durationMs">> {
  const empty = { executionMs: null, planningMs: null, sharedHit: null, sharedRead: null, topNode: null };
  if (TRANSACTION_CONTROL.test(statement.query)) return empty;
  await client.query("BEGIN");
  try {
    await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
    const { rows } = await client.query<{ "QUERY PLAN": { Plan: ExplainNode; "Execution Time": number; "Planning Time": number }[] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.query}`,
      statement.params,
    );
    const plan = rows[0]?.["QUERY PLAN"][0];
    if (!plan) return empty;
    return {
      executionMs: plan["Execution Time"],
      planningMs: plan["Planning Time"],
      sharedHit: plan.Plan["Shared Hit Blocks"] ?? 0,
      sharedRead: plan.Plan["Shared Read Blocks"] ?? 0,
      topNode: plan.Plan["Node Type"] ?? null,
    };
  } catch {
    // a statement EXPLAIN cannot take (SET, a function call with side effects) keeps its logged time only
    return empty;
  } finally {
    await client.query("ROLLBACK").catch(() => {});
  }
}

/** One view's statements, each explained; `work` runs once, warm. */
export async function profileView(view: string, ctx: Ctx, work: () => Promise<unknown>): Promise<ViewProfile> {
  const log: LoggedStatement[] = [];
  await disconnectDb();
  installLoggingClient(log);
  await work(); // warm: connections, plans, caches
  log.length = 0;
  await work();
  const statements = [...log];
  const client = new pg.Client({ connectionString: appDatabaseUrl() });
  await client.connect();
  const detail: StatementProfile[] = [];
  try {
    for (const statement of statements) {
      const explained = await explain(client, ctx.organizationId, statement);
      detail.push({ sql: statement.query.replace(/\s+/g, " ").trim().slice(0, 160), durationMs: statement.durationMs, ...explained });
    }
  } finally {
    await client.end();
    await disconnectDb();
  }
  const counted = detail.filter((row) => !TRANSACTION_CONTROL.test(row.sql));
  return {
    view,
    statements: counted.length,
    databaseMs: counted.reduce((sum, row) => sum + (row.executionMs ?? 0) + (row.planningMs ?? 0), 0),
    sharedHit: counted.reduce((sum, row) => sum + (row.sharedHit ?? 0), 0),
    sharedRead: counted.reduce((sum, row) => sum + (row.sharedRead ?? 0), 0),
    detail,
  };
}

async function timed(label: string, runs: number, concurrency: number, work: () => Promise<unknown>): Promise<BenchRow> {
  for (let i = 0; i < concurrency; i++) await work();
  const times: number[] = [];
  let next = 0;
  const began = performance.now();
  const worker = async () => {
    while (next < runs) {
      next++;
      const start = performance.now();
      await work();
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = performance.now() - began;
  const row: BenchRow = { scenario: label, concurrency, requests: times.length, ...summarize(times), rps: (times.length / wall) * 1000 };
  console.log(`| ${label} | ${concurrency} | ${times.length} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} |`);
  return row;
}

async function run({ slug, runs }: BenchOptions): Promise<{ rows: BenchRow[]; extra: Record<string, unknown> }> {
  const owner = await ownerClient();
  let ctx: Ctx;
  try {
    const found = await coordinatorContext(owner, slug);
    ctx = found.ctx;
    console.log(`Organisation "${slug}": ${found.cases} cases. Times in milliseconds.\n`);
  } finally {
    await owner.end();
  }
  const analyst: Ctx = { ...ctx, role: "ANALYST" };
  const year = (who: Ctx) => () => getDashboard(who, { period: "year" });

  const profiles = [await profileView("coordinator, one year", ctx, year(ctx)), await profileView("analyst, one year", analyst, year(analyst))];
  for (const profile of profiles) {
    console.log(`\n${profile.view}: ${profile.statements} statements, database time ${profile.databaseMs.toFixed(1)} ms, shared buffers hit ${profile.sharedHit}, read ${profile.sharedRead}`);
    console.log("| statement | logged ms | planning ms | execution ms | shared hit | shared read | top node |\n|---|--:|--:|--:|--:|--:|---|");
    for (const row of profile.detail) {
      const n = (value: number | null, digits = 2) => (value === null ? "—" : value.toFixed(digits));
      console.log(`| ${row.sql.slice(0, 90).replace(/\|/g, "\\|")} | ${row.durationMs} | ${n(row.planningMs)} | ${n(row.executionMs)} | ${n(row.sharedHit, 0)} | ${n(row.sharedRead, 0)} | ${row.topNode ?? "—"} |`);
    }
  }

  const dashboardRuns = Math.max(16, Math.round(runs / 2));
  console.log("\n| request | conc. | runs | p50 | p95 | max |\n|---|--:|--:|--:|--:|--:|");
  const rows = [
    await timed("dashboard data, one year", dashboardRuns, 1, year(ctx)),
    await timed("dashboard data, one year", dashboardRuns, 8, year(ctx)),
    await timed("dashboard data, one year", dashboardRuns, 16, year(ctx)),
    await timed("dashboard data, one year, as an analyst", dashboardRuns, 1, year(analyst)),
    await timed("dashboard data, one year, as an analyst", dashboardRuns, 8, year(analyst)),
  ];
  await disconnectDb();
  return {
    rows,
    extra: { views: profiles.map(({ view, statements, databaseMs, sharedHit, sharedRead, detail }) => ({ view, statements, databaseMs, sharedHit, sharedRead, detail })) },
  };
}

export const dashboardGroup: BenchGroup = {
  name: "dashboard",
  description: "the dashboard's data for one year at 1, 8 and 16 at once, and each statement of a view with its EXPLAIN buffers",
  run,
};
