// npm run audit:verify — check that no audit event was altered, removed or reordered.
import { ConfigError, getEnv } from "../lib/env";
import { verifyAuditChains } from "./lib/audit-verify";

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database to check, as its owner.");
  const result = await verifyAuditChains(env.DATABASE_URL);
  if (result.problems.length === 0) {
    console.log(`The audit log is intact: ${result.events} events in ${result.chains} chains.`);
    return;
  }
  for (const p of result.problems) {
    const what = p.problem === "hash" ? "was altered" : "does not follow the event before it (an event was removed or reordered)";
    console.error(`Audit event ${p.eventId} (organisation ${p.organizationId ?? "none"}) ${what}.`);
  }
  console.error(`The audit log has ${result.problems.length} problem(s) in ${result.events} events.`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Could not verify the audit log: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
