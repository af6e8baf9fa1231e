// A scope builder's answer (lib/authz.ts) as SQL conditions, for statements written by hand, so that
// each rule stays decided in one place.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The equalities and IS NULLs of `scope` on the table aliased `alias`, joined by AND. A scope it cannot
 * express (a relation filter, an OR) throws rather than read too much.
 */
export function scopeSql(scope: Record<string, unknown>, alias: string): Prisma.Sql {
  const conditions = Object.entries(scope).map(([column, value]) => {
    const ref = Prisma.raw(`${alias}."${column}"`);
    if (value === null) return Prisma.sql`${ref} IS NULL`;
    // the text comparison serves enums and uuids alike; the statements using it find rows by their ids
    if (typeof value === "string") return Prisma.sql`${ref}::text = ${value}`;
    throw new Error(`scopeSql cannot express the condition on ${column}`);
  });
  return Prisma.join(conditions, " AND ");
}
