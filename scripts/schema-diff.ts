// npm run db:diff -- <name> — after editing prisma/schema.prisma, write the SQL that brings a migrated
// database (DATABASE_URL) up to the schema as a new migration folder. Review it before committing.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffDatabaseToSchema } from "./lib/schema-engine";
import { migrate } from "./lib/migrate";

async function main() {
  const url = process.env.DATABASE_URL;
  const name = process.argv[2];
  if (!url || !name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: DATABASE_URL=postgresql://… npm run db:diff -- <snake_case_name>");
    process.exit(2);
  }
  await migrate(url);
  const sql = await diffDatabaseToSchema(url);
  if (!sql) {
    console.log("The database already matches schema.prisma; no migration written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.resolve("prisma/migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
