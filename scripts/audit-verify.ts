// npm run audit:verify [-- --checkpoint] [-- --backup <file>] — check that no audit event was altered,
// removed or reordered, and that every chain still reaches the heads checkpointed in the data folder
// (and in the backup named). --checkpoint then records the current heads, once the log is intact.
import path from "node:path";
import { ConfigError, getEnv } from "../lib/env";
import { readBackupManifest } from "./lib/backup";
import { checkpointLogLine, readCheckpointFile, verifyAuditChains, writeCheckpoint, type AuditHead } from "./lib/audit-verify";

const WHAT: Record<string, string> = {
  hash: "was altered",
  link: "does not follow the event before it (an event was removed or reordered)",
  truncated: "was checkpointed as the head of its chain and is missing or changed (the newest events were removed)",
};

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database to check, as its owner.");
  const dataDir = path.resolve(env.dataDir);
  const checkpoints: AuditHead[] = [...(readCheckpointFile(dataDir)?.heads ?? [])];
  const backupIndex = process.argv.indexOf("--backup");
  if (backupIndex > 0) {
    const file = process.argv[backupIndex + 1];
    if (!file) throw new ConfigError("Name the backup: --backup <file>");
    checkpoints.push(...readBackupManifest(path.resolve(file)).auditHeads);
  }
  const result = await verifyAuditChains(env.DATABASE_URL, { checkpoints });
  if (result.problems.length === 0) {
    console.log(`The audit log is intact: ${result.events} events in ${result.chains} chains, checked against ${result.checkpoints} checkpointed chain heads.`);
    if (result.checkpoints === 0) console.log("No checkpoint was found, so removal of the newest events cannot be ruled out; record one with --checkpoint.");
    if (process.argv.includes("--checkpoint")) {
      const checkpoint = await writeCheckpoint(env.DATABASE_URL, dataDir);
      for (const head of checkpoint.heads) console.log(checkpointLogLine(head));
      console.log(`Checkpoint written to ${path.join(dataDir, "audit-checkpoint.json")}.`);
    }
    return;
  }
  for (const p of result.problems) {
    if (p.problem === "empty") console.error("The audit log is empty although the database holds organisations or users: it was emptied or not restored.");
    else console.error(`Audit event ${p.eventId} (organisation ${p.organizationId ?? "none"}) ${WHAT[p.problem]}.`);
  }
  console.error(`The audit log has ${result.problems.length} problem(s) in ${result.events} events.`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Could not verify the audit log: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
