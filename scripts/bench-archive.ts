// The organisation archive's memory, measured through the real services: an organisation with large
// attached files is exported by the job, downloaded with a passphrase (to a file, as a browser would
// save it), and imported into an empty organisation of the same installation by the app's import job.
// Prints the time and the most memory (RSS, sampled every 20 ms) of each step. Needs an installation of
// its own (a migrated, otherwise empty database; its organisations are left there):
//   DATABASE_URL=<owner url> ARCHIVE_BENCH_TARGET_URL=<another, for the command-line import> MAX_UPLOAD_MB=100 tsx --import ./scripts/lib/server-only-hook.mjs scripts/bench-archive.ts [--files 4] [--mb 50]
import { randomBytes } from "node:crypto";
import { createWriteStream, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { downloadArchive, requestArchiveExport } from "../lib/archive/export-archive";
import { importArchive } from "../lib/archive/import-archive";
import { startArchiveImport } from "../lib/archive/run-import";
import type { Ctx } from "../lib/authz";
import { disconnectDb } from "../lib/db";
import { ConfigError, getEnv } from "../lib/env";
import { uploadAttachment } from "../lib/files/attachments";
import { getJob, runJob } from "../lib/jobs/queue";

const PASSPHRASE = "a passphrase for the measurement";

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

/** Runs one step while sampling the process's RSS; answers its time and the peak above the start. */
async function measured(label: string, step: () => Promise<void>): Promise<void> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const began = performance.now();
  try {
    await step();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const mib = (n: number) => (n / 1048576).toFixed(0);
  console.log(`${label}: ${((performance.now() - began) / 1000).toFixed(1)} s, RSS ${mib(start)} → peak ${mib(peak)} MiB (+${mib(peak - start)})`);
}

async function organisation(client: pg.Client, slug: string): Promise<Ctx> {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO organizations (slug, name, "referencePrefix", "updatedAt") VALUES ($1, $1, 'BA', now()) RETURNING id`, [slug]);
  const { rows: users } = await client.query<{ id: string }>(`INSERT INTO users (email, name, "updatedAt") VALUES ($1, 'Bench admin', now()) RETURNING id`, [`${slug}@bench.example`]);
  await client.query(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'ADMIN', now())`, [users[0]!.id, rows[0]!.id]);
  return { userId: users[0]!.id, organizationId: rows[0]!.id, role: "ADMIN" };
}

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL || !process.env.ARCHIVE_BENCH_TARGET_URL) throw new ConfigError("DATABASE_URL and ARCHIVE_BENCH_TARGET_URL must name two migrated databases of their own, as their owner.");
  const files = argument("--files", 4);
  const mb = argument("--mb", 50);
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const suffix = randomBytes(3).toString("hex");
  const source = await organisation(client, `archive-bench-${suffix}`);
  const target = await organisation(client, `archive-moved-${suffix}`);
  const { rows: cases } = await client.query<{ id: string }>(
    `WITH p AS (INSERT INTO people ("organizationId", "displayName", "updatedAt") VALUES ($1, 'Bench Person', now()) RETURNING id)
     INSERT INTO cases ("organizationId", reference, "subjectPersonId", "updatedAt") SELECT $1, 'BA-2026-0001', p.id, now() FROM p RETURNING id`,
    [source.organizationId],
  );
  await client.end();
  for (let i = 0; i < files; i++) {
    await uploadAttachment(source, { caseId: cases[0]!.id, fileName: `scan-${i}.pdf`, bytes: Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(mb * 1048576)]) });
  }
  console.log(`${files} attached files of ${mb} MiB (load ${os.loadavg().map((n) => n.toFixed(1)).join(" ")})`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "qamqor-archive-bench-"));
  const saved = path.join(dir, "archive.zip");
  try {
    let jobId = "";
    await measured("export job", async () => {
      jobId = (await requestArchiveExport(source)).id;
      await runJob(jobId, source.organizationId);
      const job = await getJob(source, jobId);
      if (job.status !== "SUCCEEDED") throw new Error(`export ${job.status} ${job.error}`);
    });
    await measured("download with passphrase", async () => {
      const download = await downloadArchive(source, jobId, { passphrase: PASSPHRASE });
      await pipeline(Readable.from(download.chunks), createWriteStream(saved));
    });
    console.log(`archive: ${(statSync(saved).size / 1048576).toFixed(0)} MiB`);
    await measured("import (npm run archive:import, as the owner)", async () => {
      // into another installation (its own migrated database), as the organisation the archive names
      await importArchive({ ownerUrl: process.env.ARCHIVE_BENCH_TARGET_URL ?? "", file: saved, passphrase: PASSPHRASE });
    });
    await measured("upload and import job (the app)", async () => {
      const job = await startArchiveImport(target, { body: Readable.toWeb(Readable.from(chunksOf(saved))) as ReadableStream<Uint8Array>, fileName: "archive.zip", passphrase: PASSPHRASE });
      await runJob(job.id, target.organizationId);
      const done = await getJob(target, job.id);
      if (done.status !== "SUCCEEDED") throw new Error(`import ${done.status} ${done.error}`);
    });
    console.log(`load at the end ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await disconnectDb();
  }
}

async function* chunksOf(file: string): AsyncGenerator<Uint8Array> {
  const { createReadStream } = await import("node:fs");
  for await (const chunk of createReadStream(file)) yield chunk as Buffer;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
