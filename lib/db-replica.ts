// The reports' connection: reports, statistics and dashboard counts read through it. With
// REPORTS_DATABASE_URL set it is a second pool pointed at a read replica; unset, the main pool.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { appDatabaseUrl, ConfigError, getEnv } from "./env";
import { db, type TenantScope, type Tx } from "./db";

const globalForReports = globalThis as unknown as { qamqorReportsDb?: { url: string; client: PrismaClient } };

/**
 * REPORTS_DATABASE_URL, checked to connect as the same role as the app, so row-level security binds
 * its reads exactly as it binds the main pool's (the owner would see every organisation).
 */
export function reportsDatabaseUrl(): string | null {
  const url = getEnv().REPORTS_DATABASE_URL;
  if (!url) return null;
  const role = decodeURIComponent(new URL(url).username);
  const appRole = decodeURIComponent(new URL(appDatabaseUrl()).username);
  if (role !== appRole) throw new ConfigError(`REPORTS_DATABASE_URL must connect as the app's role ${appRole}, which row-level security binds (it names ${role || "no user"}).`);
  return url;
}

function reportsDb(url: string): PrismaClient {
  const current = globalForReports.qamqorReportsDb;
  if (current && current.url === url) return current.client;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  globalForReports.qamqorReportsDb = { url, client };
  return client;
}

/** Closes the reports pool, when there is one (tests and shutdown). */
export async function disconnectReportsDb(): Promise<void> {
  const current = globalForReports.qamqorReportsDb;
  globalForReports.qamqorReportsDb = undefined;
  await current?.client.$disconnect();
}

/**
 * Runs `work` in one read-only transaction in which row-level security sees `scope`, on the reports
 * connection. Read-only in both cases, so what runs here also runs on a replica: a write is refused
 * even without one. Anything audited or written goes through `withTenant` on the main pool.
 */
export async function withTenantReadOnly<T>(
  scope: TenantScope,
  work: (tx: Tx) => Promise<T>,
  // REPEATABLE READ: one snapshot for every statement of `work` (a report read in several batches)
  options: { timeout?: number; isolationLevel?: "ReadCommitted" | "RepeatableRead" } = {},
): Promise<T> {
  const url = reportsDatabaseUrl();
  const client = url ? reportsDb(url) : db();
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('transaction_read_only', 'on', true), set_config('app.organization_id', ${scope.organizationId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true)`;
    return work(tx);
  }, { maxWait: 5_000, timeout: 15_000, ...options });
}
