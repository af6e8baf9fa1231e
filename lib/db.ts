// The one Prisma client. Only services in lib/<area>/ import this module.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { appDatabaseUrl } from "./env";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const globalForDb = globalThis as unknown as { qamqorDb?: { url: string; client: PrismaClient } };

function createClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: 10 });
  return new PrismaClient({ adapter });
}

/** The app's client, connected as the row-level-security-bound role. Cached per process (and across dev reloads). */
export function db(): PrismaClient {
  const url = appDatabaseUrl();
  const current = globalForDb.qamqorDb;
  if (current && current.url === url) return current.client;
  const client = createClient(url);
  globalForDb.qamqorDb = { url, client };
  return client;
}

/** Closes the cached client (tests and shutdown). */
export async function disconnectDb(): Promise<void> {
  const current = globalForDb.qamqorDb;
  globalForDb.qamqorDb = undefined;
  await current?.client.$disconnect();
}

export interface TenantScope {
  organizationId: string;
  userId?: string | null;
}

const transactionOptions = { maxWait: 5_000, timeout: 15_000 } as const;

/**
 * Runs `work` in one transaction in which PostgreSQL's row-level security sees `scope`:
 * rows of any other organisation are invisible and cannot be written.
 */
export async function withTenant<T>(scope: TenantScope, work: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.organization_id', ${scope.organizationId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true)`;
    return work(tx);
  }, { ...transactionOptions, ...options });
}

/**
 * Runs `work` outside any organisation: only identity tables (users, sessions, sign-in attempts)
 * and rows tied to `userId` (their memberships and organisations) are visible.
 */
export async function withIdentity<T>(
  scope: { userId?: string | null; inviteTokenHash?: string | null },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.user_id', ${scope.userId ?? ""}, true), set_config('app.invite_token_hash', ${scope.inviteTokenHash ?? ""}, true)`;
    return work(tx);
  }, transactionOptions);
}
