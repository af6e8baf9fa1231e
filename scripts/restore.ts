// npm run restore -- <file> — restore a backup into the empty database named by DATABASE_URL (as its
// owner) and its files into QAMQOR_DATA_DIR, then check the audit log against the backup's chain heads.
import path from "node:path";
import { ConfigError, getEnv } from "../lib/env";
import { BackupError, restoreDatabase } from "./lib/backup";
import { replaceCheckpointFile, verifyAuditChains } from "./lib/audit-verify";

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the empty database to restore into, as its owner.");
  const file = process.argv[2];
  if (!file) throw new ConfigError("Name the backup file: npm run restore -- <file>");
  const result = await restoreDatabase(env.DATABASE_URL, path.resolve(file));
  const audit = await verifyAuditChains(env.DATABASE_URL, { checkpoints: result.auditHeads });
  console.log(`Restored ${result.rows} rows into ${result.tables} tables and ${result.files} files.`);
  if (audit.problems.length > 0) {
    console.error(`Warning: the audit log has ${audit.problems.length} problem(s); run npm run audit:verify.`);
    process.exit(1);
  }
  // This data folder now belongs to the restored database: its checkpoint starts from the backup's heads.
  replaceCheckpointFile(path.resolve(env.dataDir), result.auditHeads);
  console.log(`The audit log is intact (${audit.events} events) and reaches the ${audit.checkpoints} chain heads the backup recorded.`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupError;
  console.error(known ? (error as Error).message : `The restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
