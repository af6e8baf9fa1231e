// npm run backup [-- --out <file>] — write an encrypted, compressed backup of DATABASE_URL with a checksum file.
import path from "node:path";
import { ConfigError, getEnv } from "../lib/env";
import { checkpointLogLine } from "./lib/audit-verify";
import { backupDatabase, BackupError } from "./lib/backup";

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database to back up, as its owner.");
  const outIndex = process.argv.indexOf("--out");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.resolve(outIndex > 0 ? (process.argv[outIndex + 1] ?? "") : `qamqor-${stamp}.backup`);
  const started = Date.now();
  const result = await backupDatabase(env.DATABASE_URL, file);
  console.log(
    `Backed up ${result.rows} rows from ${result.tables} tables and ${result.files} files to ${result.file} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (result.missingFiles > 0) console.warn(`Warning: ${result.missingFiles} attachment file(s) were not found under ${env.dataDir}/files; their records are backed up without content.`);
  // The chain heads go to the log too, so a copy of them survives outside the database and the backup.
  for (const head of result.auditHeads) console.log(checkpointLogLine(head));
  console.log(`Checksum (sha-256) ${result.sha256} written to ${result.file}.sha256. Keep the encryption keys separately from the backup.`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupError;
  console.error(known ? (error as Error).message : `The backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
