// Whether this instance can serve: PostgreSQL answers and has exactly the migrations this version
// ships. Nothing about people or organisations: names of migrations only, and only as counts outside.
import "server-only";
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { databaseUnavailableReason } from "@/lib/errors";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: "current" | "pending" | "unknown" | "ahead";
}

let shipped: string[] | undefined;

/** The migrations of this version, read once from prisma/migrations. */
function shippedMigrations(): string[] {
  if (!shipped) {
    const dir = path.resolve(process.cwd(), "prisma/migrations");
    shipped = existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
          .map((entry) => entry.name)
          .sort()
      : [];
  }
  return shipped;
}

export async function checkReadiness(): Promise<Readiness> {
  let applied: string[];
  try {
    const rows = await db().$queryRaw<{ name: string }[]>`SELECT app_applied_migrations() AS name`;
    applied = rows.map((row) => row.name);
  } catch (error) {
    if (databaseUnavailableReason(error)) return { ready: false, database: "unreachable", migrations: "unknown" };
    // reachable, but the check itself is missing: the schema predates it
    return { ready: false, database: "ok", migrations: "pending" };
  }
  const expected = shippedMigrations();
  if (expected.length === 0) return { ready: false, database: "ok", migrations: "unknown" };
  const have = new Set(applied);
  if (expected.some((name) => !have.has(name))) return { ready: false, database: "ok", migrations: "pending" };
  // a newer version migrated this database: this older code may not understand it
  if (applied.some((name) => !expected.includes(name))) return { ready: false, database: "ok", migrations: "ahead" };
  return { ready: true, database: "ok", migrations: "current" };
}
