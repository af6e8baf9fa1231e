// Multi-row INSERT helper for the seed scripts (writes as the database owner with plain `pg`).
import type pg from "pg";

/** PostgreSQL accepts at most 65535 bind parameters per statement. */
const MAX_PARAMS = 60_000;

/**
 * Inserts rows (objects with the same keys) into `table` in as few statements as the parameter limit
 * allows. Column names are the object keys, quoted as Prisma names them.
 */
export async function insertRows(client: pg.ClientBase, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const columnList = columns.map((column) => `"${column}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        params.push(row[column] ?? null);
        return `$${params.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    await client.query(`INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(", ")}`, params);
  }
}
