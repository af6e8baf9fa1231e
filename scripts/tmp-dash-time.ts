import { performance } from "node:perf_hooks";
import pg from "pg";
import { getDashboard } from "../lib/dashboard/get-dashboard";
import { disconnectDb } from "../lib/db";
async function main() {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const org = (await owner.query(`SELECT id FROM organizations WHERE slug='bench'`)).rows[0].id;
  const userId = (await owner.query(`SELECT "userId" FROM memberships WHERE "organizationId"=$1 AND role='COORDINATOR' LIMIT 1`, [org])).rows[0].userId;
  await owner.end();
  const ctx = { userId, organizationId: org, role: "COORDINATOR" as const };
  const q = { period: "custom", from: "2023-10-07", to: "2024-10-06" };
  for (let i = 0; i < 5; i++) { const t = performance.now(); await getDashboard(ctx, q); console.log((performance.now() - t).toFixed(1)); }
  await disconnectDb();
}
main();
