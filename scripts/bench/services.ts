// The in-process group: through the real services and as the row-level-security-bound app role, the
// requests people make most on a large organisation (fill it first with `npm run seed:large`):
//   1. the case list filtered by status with a name search (findCases);
//   2. the people list searched by a name (findPeople);
//   3. the first page of the case list, and opening a case with its timeline, contacts and notes (getCase);
//   4. the dashboard's data for one year (getDashboard), one at a time and 8 at once (as 8 coordinators);
//   5. the police-action register of the whole organisation as CSV, streamed batch by batch (time and
//      the most memory the process held). The PDF reports are measured by tests/integration/reports-bench
//      (the PDF renderer does not load under the react-server condition this script needs).
import { performance } from "node:perf_hooks";
import type { Ctx } from "../../lib/authz";
import { findUnReadinessSummary } from "../../lib/un-submissions/find-un-readiness-summary";
import { findCases } from "../../lib/cases/find-cases";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { getCase } from "../../lib/cases/get-case";
import { findPeople } from "../../lib/people/find-people";
import { reportSetting } from "../../lib/reports/common";
import { parseReportRequest } from "../../lib/reports/generate-report";
import { registerCsvChunks } from "../../lib/reports/register";
import { withTenant } from "../../lib/db";
import { disconnectDb } from "../../lib/db";
import type { CaseStatus } from "../../lib/generated/prisma/enums";
import { createRandom } from "../../prisma/seed/names";
import { coordinatorContext, ownerClient } from "./context";
import { summarize, type BenchGroup, type BenchOptions, type BenchRow } from "./types";


const rows: BenchRow[] = [];

function report(label: string, concurrency: number, times: number[], wall?: number): BenchRow {
  const row: BenchRow = { scenario: label, concurrency, requests: times.length, ...summarize(times), ...(wall ? { rps: (times.length / wall) * 1000 } : {}) };
  rows.push(row);
  console.log(`| ${label} | ${times.length} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} |`);
  return row;
}

async function measure(label: string, runs: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, runs); i++) await work(i); // warm-up: connections, plans, caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await work(i);
    times.push(performance.now() - began);
  }
  return report(label, 1, times);
}

/** `concurrency` requests at a time, each timed from its own start: what each of N simultaneous users waits. */
async function measureConcurrent(label: string, runs: number, concurrency: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < concurrency; i++) await work(i);
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < runs) {
      const i = next++;
      const began = performance.now();
      await work(i);
      times.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return report(label, 1, times);
}

async function run({ slug, runs }: BenchOptions): Promise<{ rows: BenchRow[]; extra: Record<string, unknown> }> {
  rows.length = 0;

  // Owner connection only to pick the organisation, a member and sample ids; the measured work goes
  // through the services as the app role.
  const owner = await ownerClient();
  let ctx: Ctx;
  let caseIds: string[];
  let searchNames: string[];
  try {
    const found = await coordinatorContext(owner, slug);
    ctx = found.ctx;
    const organization = { id: ctx.organizationId, cases: found.cases };
    caseIds = (await owner.query<{ id: string }>(`SELECT id FROM cases WHERE "organizationId" = $1 ORDER BY md5(id::text) LIMIT $2`, [organization.id, runs + 10])).rows.map((row) => row.id);
    searchNames = (
      await owner.query<{ value: string }>(
        `SELECT DISTINCT split_part(value, ' ', 1) AS value FROM person_names WHERE "organizationId" = $1 AND script = 'LATIN' AND "isPrimary" LIMIT 40`,
        [organization.id],
      )
    ).rows.map((row) => row.value);
    console.log(`Organisation "${slug}": ${organization.cases} cases. Times in milliseconds.\n`);
  } finally {
    await owner.end();
  }

  const rand = createRandom(7);
  const statuses: CaseStatus[] = ["MISSING", "DETAINED", "SENTENCED", "IN_CAMP", "RETURNED_TO_KAZAKHSTAN"];
  console.log("| request | runs | p50 | p95 | max |");
  console.log("|---|--:|--:|--:|--:|");
  await measure("case list: status filter + name search", runs, () => findCases(ctx, { status: rand.pick(statuses), q: rand.pick(searchNames) }));
  await measure("people list: name search", runs, () => findPeople(ctx, { q: rand.pick(searchNames) }));
  await measure("case list: first page, no filter", runs, () => findCases(ctx, {}));
  await measure("open a case with its timeline", runs, (i) => getCase(ctx, caseIds[i % caseIds.length] as string));
  const dashboardRuns = Math.max(16, Math.round(runs / 2));
  await measure("dashboard data, one year", dashboardRuns, () => getDashboard(ctx, { period: "year" }));
  await measureConcurrent("dashboard data, one year, 8 at once", dashboardRuns, 8, () => getDashboard(ctx, { period: "year" }));
  const analyst: Ctx = { ...ctx, role: "ANALYST" };
  await measure("dashboard data, one year, as an analyst", dashboardRuns, () => getDashboard(analyst, { period: "year" }));
  await measure("case list: ready for a WGEID submission", runs, () => findCases(ctx, { un: "wgeid-ready" }));
  await measure("case list: WGEID elements missing", runs, () => findCases(ctx, { un: "wgeid-missing" }));
  await measure("dashboard: UN readiness counts", runs, () => findUnReadinessSummary(ctx));

  // the register streams: bytes are counted and dropped, as a response body would send them on
  const setting = await withTenant(ctx, (tx) => reportSetting(tx, ctx, "en"));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const began = performance.now();
  let bytes = 0;
  for await (const chunk of registerCsvChunks(setting, parseReportRequest({ kind: "register", format: "csv" }))) bytes += Buffer.byteLength(chunk);
  clearInterval(sampler);
  const registerMs = performance.now() - began;
  console.log(`\npolice-action register, CSV streamed: ${registerMs.toFixed(0)} ms, ${(bytes / 1_048_576).toFixed(1)} MiB, peak memory ${(peak / 1_048_576).toFixed(0)} MiB`);
  await disconnectDb();
  return { rows: [...rows], extra: { registerCsv: { ms: registerMs, bytes, peakRssMiB: peak / 1_048_576 } } };
}

export const servicesGroup: BenchGroup = {
  name: "services",
  description: "the most frequent requests through the real services, in-process, as the app's database role",
  run,
};

