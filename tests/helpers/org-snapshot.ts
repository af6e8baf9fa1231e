// A fingerprint of everything one organisation holds, read as the database owner, so a test can prove
// that a refused request changed nothing. Append-only logs and bookkeeping of who was seen when are left
// out: a refused attempt may well be audited.
import { ownerQuery } from "./factories";

const LEFT_OUT_TABLES = new Set(["audit_events", "user_sessions", "login_attempts"]);
const VOLATILE_COLUMNS = ["lastUsedAt", "lastSeenAt", "lastUsedIpHash"];

let tables: string[] | undefined;

async function tenantTables(): Promise<string[]> {
  tables ??= (
    await ownerQuery<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'organizationId' ORDER BY table_name`,
    )
  )
    .map((row) => row.table_name)
    .filter((name) => !LEFT_OUT_TABLES.has(name));
  return tables;
}

/** table → md5 of its rows of `organizationId` (and the organisation's own row under "organizations"). */
export async function orgSnapshot(organizationId: string): Promise<Record<string, string>> {
  const drop = VOLATILE_COLUMNS.map((column) => ` - '${column}'`).join("");
  const parts = (await tenantTables()).map(
    (table) =>
      `SELECT '${table}' AS name, count(*)::text || ':' || coalesce(md5(string_agg((to_jsonb(t)${drop})::text, ',' ORDER BY (to_jsonb(t)${drop})::text)), '') AS digest
         FROM "${table}" t WHERE "organizationId" = $1`,
  );
  parts.push(`SELECT 'organizations', md5(to_jsonb(o)::text) FROM organizations o WHERE id = $1`);
  const rows = await ownerQuery<{ name: string; digest: string }>(parts.join("\nUNION ALL\n"), [organizationId]);
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}
