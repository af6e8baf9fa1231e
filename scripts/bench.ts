// npm run bench [-- --group services,http] [--org-slug bench] [--runs 200] [--out bench/results.json]
// Runs benchmark groups (scripts/bench/groups.ts) against an organisation filled by `npm run seed:large`
// and writes their rows into --out (bench/results.json), keeping the last results of groups not run this
// time. `services` times the services in-process; `http` drives the production server (build it first
// with `npm run build`) and the hand-written SQL floor; its own options are in scripts/bench/http.ts.
// Run with the hook that lets "server-only" modules load in plain Node (what `npm run bench` does):
//   tsx --import ./scripts/lib/server-only-hook.mjs scripts/bench.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDb } from "../lib/db";
import { ConfigError } from "../lib/env";
import { BENCH_GROUPS } from "./bench/groups";
import { option, type BenchGroupResult } from "./bench/types";

interface ResultsFile {
  groups: Record<string, BenchGroupResult & { at: string; slug: string; machine: { cpus: number; load: number[]; node: string } }>;
}

function readResults(file: string): ResultsFile {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ResultsFile;
  } catch {
    return { groups: {} };
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const slug = option(argv, "--org-slug", "bench");
  const runs = Number(option(argv, "--runs", "200"));
  const out = path.resolve(option(argv, "--out", "bench/results.json"));
  const names = option(argv, "--group", Object.keys(BENCH_GROUPS).join(",")).split(",").filter(Boolean);
  const unknown = names.filter((name) => !(name in BENCH_GROUPS));
  if (unknown.length > 0) throw new ConfigError(`Unknown benchmark group ${unknown.join(", ")}; the groups are ${Object.keys(BENCH_GROUPS).join(", ")}.`);

  const results = readResults(out);
  for (const name of names) {
    const entry = BENCH_GROUPS[name] as (typeof BENCH_GROUPS)[string];
    console.log(`\n## ${name}: ${entry.description}\n`);
    const group = await entry.load();
    const result = await group.run({ slug, runs, argv });
    results.groups[name] = { ...result, at: new Date().toISOString(), slug, machine: { cpus: os.cpus().length, load: os.loadavg(), node: process.version } };
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  }
  console.log(`\nResults written to ${path.relative(process.cwd(), out)}.`);
  await disconnectDb();
}

main().catch(async (error: unknown) => {
  await disconnectDb().catch(() => {});
  console.error(error instanceof ConfigError ? error.message : `The benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
