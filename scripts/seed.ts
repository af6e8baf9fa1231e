// npm run db:seed — load the demo data into DATABASE_URL (as the database owner) unless it already
// holds an organisation. Migrates first, so it also works on an empty database.
import { ConfigError, getEnv } from "../lib/env";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../prisma/seed/demo";
import { StartupError } from "./lib/embedded-postgres";
import { MigrationError } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare-database";

async function main(): Promise<void> {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new ConfigError("DATABASE_URL is not set; it must name the database to seed, as its owner.");
  await prepareDatabase({ ownerUrl: url, log: (line) => console.log(line) });
  const seeded = await seedDemoIfEmpty(url, { log: (line) => console.log(line) });
  if (!seeded) {
    console.log("The database already holds an organisation; the demo data was not loaded again.");
    return;
  }
  console.log("Loaded the demo data. Demo sign-ins (they work when DEMO_MODE is on):");
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(11)} ${account.email}  /  ${account.password}  (${account.organization})`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof MigrationError || error instanceof StartupError;
  console.error(known ? (error as Error).message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
