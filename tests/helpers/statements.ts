// Counts the SQL statements the app sends while `work` runs: every query any pg client of this process
// sends (the app's pool included) is recorded, so run nothing else at the same time.
import pg from "pg";

type QueryArg = string | { text?: string } | undefined;

export async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as QueryArg;
    const text = typeof first === "string" ? first : first?.text;
    if (text !== undefined) statements.push(text.replace(/\s+/g, " ").trim());
    return original.apply(this, args);
  };
  try {
    const result = await work();
    return { result, statements };
  } finally {
    prototype.query = original;
  }
}
