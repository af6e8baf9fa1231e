// npm run restore -- <file> — restore a backup into the empty database named by DATABASE_URL.
import path from "node:path";
import { ConfigError, getEnv } from "../lib/env";
import { BackupError, restoreDatabase } from "./lib/backup";
import { verifyAuditChains } from "./lib/audit-verify";

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the empty database to restore into, as its owner.");
  const file = process.argv[2];
  if (!file) throw new ConfigError("Name the backup file: npm run restore -- <file>");
  const result = await restoreDatabase(env.DATABASE_URL, path.resolve(file));
  const audit = await verifyAuditChains(env.DATABASE_URL);
  console.log(`Restored ${result.rows} rows into ${result.tables} tables.`);
  console.log(audit.problems.length === 0 ? `The audit log is intact (${audit.events} events).` : `Warning: the audit log has ${audit.problems.length} problem(s); run npm run audit:verify.`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupError;
  console.error(known ? (error as Error).message : `The restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
