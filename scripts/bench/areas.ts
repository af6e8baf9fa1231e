// The groups of the areas measured by scripts of their own: the spreadsheet import (in-process) and the
// reports (PDF, register over HTTP, XLSX; in a process of its own, see scripts/bench-reports.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchImport } from "../bench-import";
import { coordinatorContext, ownerClient } from "./context";
import { option, type BenchGroup } from "./types";

export const importGroup: BenchGroup = {
  name: "import",
  description: "preview and commit of a 10 000-row sheet of cases, through the real services",
  async run({ slug, argv }) {
    const owner = await ownerClient();
    try {
      const { ctx } = await coordinatorContext(owner, slug);
      await benchImport(ctx, { rows: Number(option(argv, "--rows", "10000")), largeRows: Number(option(argv, "--large-rows", "50000")) });
    } finally {
      await owner.end();
    }
    return { rows: [], extra: { note: "times printed above; see BENCHMARKS.md, Spreadsheet import" } };
  },
};

export const reportsGroup: BenchGroup = {
  name: "reports",
  description: "dossier and period summary PDFs, the register as CSV over HTTP and as XLSX",
  async run({ argv }) {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const hooks = fileURLToPath(new URL("../lib/server-only-hook.mjs", import.meta.url));
    const script = fileURLToPath(new URL("../bench-reports.ts", import.meta.url));
    const run = spawnSync(process.execPath, [tsx, "--import", pathToFileURL(hooks).href, script, ...argv], { stdio: "inherit" });
    if (run.status !== 0) throw new Error(`the reports benchmark stopped (${run.status ?? run.signal})`);
    return { rows: [], extra: { note: "times printed above; see BENCHMARKS.md, Reports" } };
  },
};
