// The benchmark still runs end to end on a tiny organisation: the large seed, the in-process services
// group and the HTTP group's floor (hand-written SQL in-process and behind node:http, driven by the load
// generator). Nothing about speed is asserted; the app over HTTP needs a production build, which CI
// does not make (npm run bench does it on a real run).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tsxArgs } from "../../scripts/lib/node-flags";

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), args, { env: process.env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const folder = mkdtempSync(path.join(os.tmpdir(), "qamqor-bench-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Results {
  groups: Record<string, { rows: { scenario: string; requests: number; errors?: number }[] }>;
}

describe("npm run bench", () => {
  it("measures a tiny organisation with every group and writes each scenario's numbers", async () => {
    const seeded = await run(tsxArgs("scripts/seed-large.ts", "--cases", "40", "--org-slug", "bench-ci"));
    expect(seeded.code, seeded.stderr).toBe(0);

    const out = path.join(folder, "results.json");
    const bench = await run([
      ...tsxArgs("scripts/bench.ts"), "--org-slug", "bench-ci", "--group", "services,http", "--runs", "2",
      "--requests", "4", "--concurrency", "1,2", "--no-app", "--port", "4380", "--out", out,
    ]);
    expect(bench.code, bench.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, "utf8")) as Results;
    expect(Object.keys(results.groups).sort()).toEqual(["http", "services"]);
    expect(results.groups.services?.rows.map((row) => row.scenario)).toContain("open a case with its timeline");
    const floor = results.groups.http?.rows ?? [];
    expect(floor.map((row) => row.scenario)).toEqual(expect.arrayContaining(["open a case API — floor, node:http", "case list API: first page — floor, in-process"]));
    // every floor answer was the expected one, and each run made its requests
    for (const row of floor) {
      expect(row.requests, row.scenario).toBeGreaterThan(0);
      expect(row.errors ?? 0, row.scenario).toBe(0);
    }
  }, 240_000);
});
