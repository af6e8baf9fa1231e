// The spreadsheet import, measured through the real services as the app's database role:
//   1. the preview of a 10 000-row sheet of cases (subject, birth date, status, hometown, one family
//      contact) against the benchmark organisation, so the duplicate look-up meets its people;
//   2. the commit of the same sheet as the background job would run it (one transaction), into a fresh
//      organisation that is removed afterwards, so the benchmark organisation stays as seeded.
// Prints the time and the most memory the process held for each, then the same for a 50 000-row sheet
// (the most a sheet may have) in a fresh process, so that its peak is its own: the file is read as a
// stream and prepared and written in batches, so the peak should grow far slower than the sheet.
// Called from scripts/bench.ts, or alone:
//   tsx --import ./scripts/lib/server-only-hook.mjs scripts/bench-import.ts [--org-slug bench] [--rows 10000] [--large-rows 50000|0]
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import type { Ctx } from "../lib/authz";
import { disconnectDb } from "../lib/db";
import { ConfigError, getEnv } from "../lib/env";
import { runImport } from "../lib/imports/commit-import";
import { previewImport } from "../lib/imports/preview-import";
import { uploadImport } from "../lib/imports/upload-import";
import { createRandom, FEMALE_NAMES, fictionalName, MALE_NAMES } from "../prisma/seed/names";

const STATUSES = ["задержан", "осуждён", "в лагере", "ұсталды", "missing", "пропал без вести", "released", "вернулся"];
const PLACES = ["Кульджа", "Ghulja", "Құлжа", "Алматы", "Almaty", "Тарбагатай", "Алтай", "Жаркент ауылы"];
const RELATIONS = ["сестра", "брат", "мать", "жена", "әкесі", "son", "daughter"];
const MONTHS = ["наурыз", "март", "March", "мая", "шілде"];

/** A sheet of cases as groups keep them: Russian headers, dates typed several ways, statuses in three languages. */
export function benchSheet(rows: number, seed = 11): Buffer {
  const rand = createRandom(seed);
  const lines = ["ФИО;Дата рождения;Пол;Статус;Откуда;Заявитель;Кем приходится;Телефон"];
  for (let i = 0; i < rows; i++) {
    const female = rand.next() < 0.4;
    const subject = fictionalName(rand.pick(female ? FEMALE_NAMES : MALE_NAMES), rand.pick(MALE_NAMES), female).cyrillic;
    const year = 1940 + Math.floor(rand.next() * 60);
    const birth = i % 3 === 0 ? `${String(1 + (i % 28)).padStart(2, "0")}.${String(1 + (i % 12)).padStart(2, "0")}.${year}` : i % 3 === 1 ? String(year) : `${rand.pick(MONTHS)} ${year}`;
    const contactFemale = rand.next() < 0.5;
    const contact = fictionalName(rand.pick(contactFemale ? FEMALE_NAMES : MALE_NAMES), rand.pick(MALE_NAMES), contactFemale).latin;
    lines.push([subject, birth, female ? "ж" : "м", rand.pick(STATUSES), rand.pick(PLACES), contact, rand.pick(RELATIONS), `+7 70${i % 10} ${String(i).padStart(7, "0")}`].join(";"));
  }
  return Buffer.from("\uFEFF" + lines.join("\r\n"), "utf8");
}

/** Statements sent to the database while measuring: how many, and the time spent waiting on each kind. */
interface StatementStats {
  count: number;
  byKind: Map<string, { n: number; ms: number }>;
}

let statements: StatementStats | null = null;

/**
 * Counts every statement the process sends (Prisma's adapter and this script share the \`pg\` module),
 * grouped by its first words, so a run on a shared machine still says what the work cost the database.
 */
function countStatements(): void {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __counted?: boolean };
  if (prototype.__counted) return;
  prototype.__counted = true;
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === "string" ? first : typeof first === "object" && first !== null && "text" in first ? String((first as { text: unknown }).text) : "";
    const result = original.apply(this, args);
    if (!statements || !text) return result;
    const kind = text.replace(/\s+/g, " ").trim().slice(0, 70);
    const began = performance.now();
    const stats = statements;
    const done = () => {
      const entry = stats.byKind.get(kind) ?? { n: 0, ms: 0 };
      entry.n += 1;
      entry.ms += performance.now() - began;
      stats.byKind.set(kind, entry);
      stats.count += 1;
    };
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(done, done);
    return result;
  };
}

function printStatements(label: string, stats: StatementStats): void {
  console.log(`  ${label}: ${stats.count} statements`);
  const top = [...stats.byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  for (const [kind, entry] of top) console.log(`    ${entry.n.toString().padStart(6)} × ${(entry.ms / 1000).toFixed(1).padStart(7)} s  ${kind}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakMiB: number; statements: StatementStats }> {
  const stats: StatementStats = { count: 0, byKind: new Map() };
  statements = stats;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const began = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    return { value, ms: performance.now() - began, cpuMs: (used.user + used.system) / 1000, peakMiB: peak / 1_048_576, statements: stats };
  } finally {
    clearInterval(sampler);
    statements = null;
  }
}

/** Measures preview and commit; `ctx` is a coordinator of the benchmark organisation; `largeRows` (0: none) are measured again in a process of their own. */
export async function benchImport(ctx: Ctx, options: { rows?: number; largeRows?: number } = {}): Promise<void> {
  const rows = options.rows ?? 10_000;
  await measureImport(ctx, rows);
  const largeRows = options.largeRows ?? 50_000;
  if (largeRows > 0 && largeRows !== rows) {
    const script = fileURLToPath(import.meta.url);
    const child = spawnSync(process.execPath, [...process.execArgv, script, "--org-id", ctx.organizationId, "--user-id", ctx.userId, "--rows", String(largeRows), "--large-rows", "0"], { stdio: "inherit", env: process.env });
    if (child.status !== 0) throw new Error(`the ${largeRows}-row import benchmark failed`);
  }
}

async function measureImport(ctx: Ctx, rows: number): Promise<void> {
  const env = getEnv();
  countStatements();
  const sheet = benchSheet(rows);
  const mapping = { entity: "cases" as const, locale: "ru" as const, duplicateDefault: "create" as const };

  const upload = await uploadImport(ctx, { fileName: "bench-import.csv", bytes: sheet });
  const preview = await timed(() => previewImport(ctx, { uploadId: upload.id, ...mapping }));
  console.log(
    `\nimport preview, ${rows} rows of cases: ${preview.ms.toFixed(0)} ms (this process's CPU ${preview.cpuMs.toFixed(0)} ms), peak memory ${preview.peakMiB.toFixed(0)} MiB ` +
      `(${preview.value.counts.new} to import, ${preview.value.counts.invalid} with errors, ${preview.value.duplicateTotal} with likely duplicates, ${preview.value.issueTotal} issues; the answer holds the first page of each)`,
  );
  printStatements("preview", preview.statements);

  // the commit writes into an organisation of its own, removed afterwards
  const owner = new pg.Client({ connectionString: env.DATABASE_URL });
  await owner.connect();
  const orgId = randomUUID();
  const jobId = randomUUID();
  try {
    await owner.query(`INSERT INTO organizations (id, slug, name, "referencePrefix", "updatedAt") VALUES ($1, $2, 'Import benchmark', 'IB', now())`, [orgId, `bench-import-${orgId.slice(0, 8)}`]);
    await owner.query(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'COORDINATOR', now())`, [ctx.userId, orgId]);
    const into: Ctx = { userId: ctx.userId, organizationId: orgId, role: "COORDINATOR" };
    const fresh = await uploadImport(into, { fileName: "bench-import.csv", bytes: sheet });
    await owner.query(`INSERT INTO jobs (id, "organizationId", type, status, payload, "createdById") VALUES ($1, $2, 'import', 'RUNNING', '{}', $3)`, [jobId, orgId, ctx.userId]);
    let reports = 0;
    const commit = await timed(() => runImport(into, { uploadId: fresh.id, ...mapping }, { jobId, progress: async () => void (reports += 1) }));
    const [counts] = (await owner.query<{ cases: string; people: string; audit: string }>(
      `SELECT (SELECT count(*) FROM cases WHERE "organizationId" = $1) AS cases, (SELECT count(*) FROM people WHERE "organizationId" = $1) AS people, (SELECT count(*) FROM audit_events WHERE "organizationId" = $1) AS audit`,
      [orgId],
    )).rows;
    console.log(
      `import commit, ${rows} rows of cases in one transaction: ${commit.ms.toFixed(0)} ms (this process's CPU ${commit.cpuMs.toFixed(0)} ms), peak memory ${commit.peakMiB.toFixed(0)} MiB ` +
        `(${counts?.cases} cases, ${counts?.people} people, ${counts?.audit} audit events, ${reports} progress reports)`,
    );
    printStatements("commit", commit.statements);
  } finally {
    await owner.query(`DELETE FROM organizations WHERE id = $1`, [orgId]).catch(() => undefined);
    // CI's PostgreSQL runs without autovacuum: what was written and removed is vacuumed here, in every
    // table (a list of them missed the dashboard's per-case facts, whose 500 000 dead rows from earlier
    // runs made the next commit's summary flush take 8 s per 2 000 cases instead of under 0.5 s)
    await owner.query(`VACUUM (ANALYZE)`).catch(() => undefined);
    await owner.end();
  }
}

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database filled by npm run seed:large.");
  const argument = (name: string, fallback: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
  };
  const rows = Number(argument("--rows", "10000"));
  const largeRows = Number(argument("--large-rows", "50000"));
  const [orgId, userId] = [argument("--org-id", ""), argument("--user-id", "")];
  if (orgId && userId) {
    await benchImport({ userId, organizationId: orgId, role: "COORDINATOR" }, { rows, largeRows });
    await disconnectDb();
    return;
  }
  const slug = argument("--org-slug", "bench");
  const owner = new pg.Client({ connectionString: env.DATABASE_URL });
  await owner.connect();
  const found = await owner.query<{ organizationId: string; userId: string }>(
    `SELECT m."organizationId", m."userId" FROM memberships m JOIN organizations o ON o.id = m."organizationId" WHERE o.slug = $1 AND m.role = 'COORDINATOR' LIMIT 1`,
    [slug],
  );
  await owner.end();
  const member = found.rows[0];
  if (!member) throw new ConfigError(`No organisation "${slug}" with a coordinator; run npm run seed:large first.`);
  await benchImport({ userId: member.userId, organizationId: member.organizationId, role: "COORDINATOR" }, { rows, largeRows });
  await disconnectDb();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(async (error: unknown) => {
    await disconnectDb().catch(() => {});
    console.error(error instanceof ConfigError ? error.message : `The import benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
