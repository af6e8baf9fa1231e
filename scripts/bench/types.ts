// What a benchmark group is: a named set of scenarios that `npm run bench -- --group NAME` runs and
// whose rows go into bench/results.json. Add an area's scenarios as a group in scripts/bench/groups.ts.

export interface BenchOptions {
  /** the benchmark organisation's slug (npm run seed:large -- --org-slug) */
  slug: string;
  /** timed runs per in-process scenario */
  runs: number;
  /** the command line, for a group's own options */
  argv: string[];
}

/** One measured scenario: times in milliseconds. */
export interface BenchRow {
  scenario: string;
  /** requests in flight at once */
  concurrency: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** answers per second over the run (HTTP and concurrent runs) */
  rps?: number;
  /** answers that were not what the scenario expects (status, or a redirect to sign-in) */
  errors?: number;
  /** the app server's resident memory: peak during the run and at its end, MiB */
  rssPeakMiB?: number;
  rssEndMiB?: number;
  /** one-minute load average at the start and end of the run */
  load?: [number, number];
  bytesPerAnswer?: number;
  /**
   * the app server's CPU (user + system, all instances) per answer, ms: independent of the machine's
   * load, and 1000 / cpuMsPerRequest is the answers per second one core could give
   */
  cpuMsPerRequest?: number;
  note?: string;
}

export interface BenchGroupResult {
  rows: BenchRow[];
  /** anything else the group measured (memory over time, ratios) */
  extra?: Record<string, unknown>;
}

export interface BenchGroup {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchGroupResult>;
}

export function option(argv: string[], name: string, fallback: string): string {
  const index = argv.indexOf(name);
  return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
}

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** p50 / p95 / p99 / max of a list of times. */
export function summarize(times: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits));

export function markdownRow(row: BenchRow): string {
  return `| ${row.scenario} | ${row.concurrency} | ${row.requests} | ${fixed(row.p50)} | ${fixed(row.p95)} | ${fixed(row.p99)} | ${fixed(row.rps, 0)} | ${fixed(row.cpuMsPerRequest)} | ${fixed(row.rssPeakMiB, 0)} | ${row.load ? `${row.load[0].toFixed(1)} → ${row.load[1].toFixed(1)}` : "—"} |`;
}

export const MARKDOWN_HEADER = "| scenario | conc. | requests | p50 | p95 | p99 | req/s | CPU ms/req | RSS peak MiB | load |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|---|";
