// Inserting many rows in one statement per table: one array parameter per column, spread by unnest()
// (as the large seed does). An import of 10 000 rows writes tens of thousands of rows; a multi-row
// VALUES list with a parameter per cell is several times slower and holds far more memory.
import "server-only";
import { forgetStatementArguments, type Tx } from "@/lib/db";

export interface Column {
  name: string;
  /** the PostgreSQL type of one value ("uuid", "text", "date", "\"Gender\"", …) */
  type: string;
  /** values that are lists travel as JSON text and are unpacked into this array type ("text[]") */
  list?: boolean;
}

const ROWS_PER_STATEMENT = 5_000;

/** Inserts `rows` into `table` (names are code, never input); `extra` adds constant columns such as "updatedAt" = now(). */
export async function insertRows(tx: Tx, table: string, columns: Column[], rows: Record<string, unknown>[], extra: Record<string, string> = {}, onConflict = ""): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = columns.map((column) => batch.map((row) => {
      const value = row[column.name];
      if (value === undefined || value === null) return null;
      if (column.list || column.type === "jsonb") return JSON.stringify(value);
      if (value instanceof Date) return value.toISOString();
      return String(value);
    }));
    const params = columns.map((column, index) => `$${index + 1}::text[]`).join(", ");
    const aliases = columns.map((_, index) => `c${index}`);
    const values = columns.map((column, index) =>
      column.list ? `ARRAY(SELECT json_array_elements_text(u.c${index}::json))::${column.type}[]` : `u.c${index}::${column.type}`,
    );
    const names = [...columns.map((column) => `"${column.name}"`), ...Object.keys(extra).map((name) => `"${name}"`)];
    // WITH ORDINALITY keeps the given order (the audit chain's ids must follow it)
    await tx.$executeRawUnsafe(
      `INSERT INTO ${table} (${names.join(", ")}) SELECT ${[...values, ...Object.values(extra)].join(", ")} FROM unnest(${params}) WITH ORDINALITY AS u(${aliases.join(", ")}, ord) ORDER BY u.ord ${onConflict}`,
      ...arrays,
    );
    forgetStatementArguments();
  }
}
