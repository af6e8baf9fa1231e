// npm run db:migrate — apply pending migrations to DATABASE_URL (as the database owner).
import { ConfigError } from "../lib/env";
import { MigrationError } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare-database";
import { StartupError } from "./lib/embedded-postgres";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigError("DATABASE_URL is not set; it must name the database to migrate, as its owner.");
  await prepareDatabase({ ownerUrl: url, appPassword: process.env.APP_DB_PASSWORD, log: (line) => console.log(line) });
  console.log("The database is up to date.");
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof MigrationError || error instanceof StartupError;
  console.error(known ? (error as Error).message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
