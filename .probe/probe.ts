import { performance } from "node:perf_hooks";
import pg from "pg";
import { withTenant, disconnectDb } from "../lib/db";
import { readCaseSummary } from "../lib/dashboard/summary";
import { computeNeedsDoing } from "../lib/dashboard/needs-doing";
import { computeWorkload } from "../lib/dashboard/workload";
import { computeCharts } from "../lib/dashboard/charts";
import { findUnSubmissionsTodo } from "../lib/dashboard/un-submissions-todo";
import { caseWhere, daysBefore, loadSettings } from "../lib/dashboard/internal";
import { resolvePeriod } from "../lib/dashboard/period";
import { countPublisher } from "../lib/stats/small-cell";
import { getDashboard } from "../lib/dashboard/get-dashboard";
import type { Ctx } from "../lib/authz";
async function main() {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const org = (await owner.query(`SELECT id FROM organizations WHERE slug='bench'`)).rows[0].id;
  const userId = (await owner.query(`SELECT "userId" FROM memberships WHERE "organizationId"=$1 AND role='COORDINATOR' LIMIT 1`, [org])).rows[0].userId;
  await owner.end();
  const ctx: Ctx = { userId, organizationId: org, role: "COORDINATOR" };
  const now = new Date();
  const query = { period: "year" as const };
  const period = resolvePeriod(query, now);
  const today = now.toISOString().slice(0, 10);
  const times: Record<string, number[]> = {};
  const t = async <T,>(label: string, f: () => Promise<T>) => { const b = performance.now(); const r = await f(); (times[label] ??= []).push(performance.now() - b); return r; };
  for (let i = 0; i < 15; i++) {
    await withTenant(ctx, async (tx) => {
      const settings = await t("settings", () => loadSettings(tx, ctx));
      const staleBefore = daysBefore(today, settings.staleCaseDays);
      const summary = await t("summary", () => readCaseSummary(tx, ctx, query as never, period, staleBefore));
      await t("charts", () => computeCharts(tx, ctx, { period, publish: countPublisher(true, 5), summary }));
      await t("needs", () => computeNeedsDoing(tx, ctx, { query: query as never, where: caseWhere(ctx, query as never), today, now, staleBefore, settings, caseCounts: { stale: 1, unassigned: 1 } }));
      await t("workload", () => computeWorkload(tx, ctx, { today, byAssignee: summary.byAssignee }));
    });
    await t("un", () => findUnSubmissionsTodo(ctx, now));
    await t("whole", () => getDashboard(ctx, query, now));
  }
  for (const [k, v] of Object.entries(times)) { v.sort((a, b) => a - b); console.log(k, v[Math.floor(v.length / 2)]!.toFixed(1), v[v.length - 2]!.toFixed(1)); }
  await disconnectDb();
}
main();
