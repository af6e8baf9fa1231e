// The one Prisma client. Only services in lib/<area>/ import this module.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { clearLogs } from "@prisma/debug";
import type { ITXClientDenyList } from "@prisma/client/runtime/client";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { appDatabaseUrl } from "./env";
import { AppError, isDatabaseUnavailable, unavailable } from "./errors";

const globalForDb = globalThis as unknown as { qamqorDb?: { url: string; client: Db } };

/**
 * Secrets never loaded by accident: no query returns a password hash, a two-factor secret or a token
 * hash unless it names the column in its `select` (sign-in, re-authentication, two-factor checks).
 */
export const OMITTED_SECRETS = {
  user: { passwordHash: true, totpSecretEnc: true },
  invite: { tokenHash: true },
  apiToken: { tokenHash: true },
  recoveryCode: { codeHash: true },
} as const satisfies Prisma.GlobalOmitConfig;

/** The client as the app has it: its types, like its answers, leave the secrets out. */
export type Db = PrismaClient<never, typeof OMITTED_SECRETS>;
export type Tx = Omit<Db, ITXClientDenyList>;

function createClient(connectionString: string): Db {
  const adapter = new PrismaPg({ connectionString, max: 10 });
  return new PrismaClient({ adapter, omit: OMITTED_SECRETS });
}

/** The app's client, connected as the row-level-security-bound role. Cached per process (and across dev reloads). */
export function db(): Db {
  const url = appDatabaseUrl();
  const current = globalForDb.qamqorDb;
  if (current && current.url === url) return current.client;
  const client = createClient(url);
  globalForDb.qamqorDb = { url, client };
  return client;
}

/**
 * Forgets the arguments of the statements sent so far. Prisma's debug module keeps the arguments of the
 * last 100 statements whether or not debugging is on (for its bug reports), and a bulk write's arguments
 * are megabytes: an import's batches left some 60 MiB of their rows' values in it. Code that sends many
 * large statements in one transaction calls this after each.
 */
export function forgetStatementArguments(): void {
  clearLogs();
}

/** Closes the cached client (tests and shutdown). */
export async function disconnectDb(): Promise<void> {
  const current = globalForDb.qamqorDb;
  globalForDb.qamqorDb = undefined;
  await Promise.all([current?.client.$disconnect(), disconnectReadPool()]);
}

/**
 * The statements of one transaction, one after another, answers in order: its connection answers one at
 * a time anyway, and pg is retiring the queue it keeps for a statement sent while another runs.
 */
export async function oneAtATime<const T extends readonly (() => Promise<unknown>)[]>(steps: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const answers: unknown[] = [];
  for (const step of steps) answers.push(await step());
  return answers as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

export interface TenantScope {
  organizationId: string;
  userId?: string | null;
}

const transactionOptions = { maxWait: 5_000, timeout: 15_000 } as const;

/** How long a write whose COMMIT lost its answer waits for the database to say what became of it. */
const COMMIT_OUTCOME_WAIT_MS = 20_000;

/**
 * Runs `work` in one transaction after `setup`, and answers for its COMMIT. When the connection drops
 * while COMMIT is on its way, the server may have committed or not: the error alone cannot tell. So the
 * transaction's id is read before COMMIT (only when it wrote anything), and after such an error the
 * database is asked what became of it. A committed write returns its result as if nothing happened; an
 * aborted one keeps the "nothing was saved" error; an outcome still unknown after the wait says so.
 * A transaction the server aborted for a deadlock or a serialization conflict is run again from the start
 * (setup and work), a few times with a random pause: `work` must do nothing outside the database that
 * cannot be done twice.
 */
async function runTransaction<T>(setup: (tx: Tx) => Promise<unknown>, work: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  // an API read's own read transaction is committed first: its connection is not held while this one works
  await finishRequestRead();
  for (let attempt = 1; ; attempt++) {
    try {
      return await runTransactionOnce(setup, work, options);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableConflict(error)) throw error;
      // PostgreSQL rolled the whole transaction back; run it again from the start after a random pause
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/** How often a transaction is run when PostgreSQL aborts it for a deadlock or a serialization conflict. */
const TRANSACTION_ATTEMPTS = 4;

/**
 * A deadlock (40P01) or serialization failure (40001): the server aborted the transaction, so nothing of
 * it was committed and running it again is safe. Never a failure whose COMMIT outcome is unknown (those
 * are connection errors, answered by commitOutcome below).
 */
function isRetryableConflict(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6 || error instanceof AppError) return false;
  const e = error as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: unknown; driverAdapterError?: unknown; message?: unknown };
  if ([e.originalCode, e.code].some((code) => code === "40P01" || code === "40001")) return true;
  if ([e.cause, e.meta, e.driverAdapterError].some((inner) => isRetryableConflict(inner, depth + 1))) return true;
  return typeof e.message === "string" && /deadlock detected|could not serialize access/i.test(e.message);
}

async function runTransactionOnce<T>(setup: (tx: Tx) => Promise<unknown>, work: (tx: Tx) => Promise<T>, options: { timeout?: number }): Promise<T> {
  let pending: { xid: string; result: T } | undefined;
  try {
    return await db().$transaction(async (tx) => {
      await setup(tx);
      const result = await work(tx);
      const [row] = await tx.$queryRaw<{ xid: string | null }[]>`SELECT txid_current_if_assigned()::text AS xid`;
      if (row?.xid) pending = { xid: row.xid, result };
      return result;
    }, { ...transactionOptions, ...options });
  } catch (error) {
    if (!pending || !isDatabaseUnavailable(error)) throw error;
    const outcome = await commitOutcome(pending.xid);
    if (outcome === "committed") return pending.result;
    if (outcome === "aborted") throw error;
    throw new AppError("UNAVAILABLE", "The database stopped answering while saving; check whether the change was saved before trying again.", {
      key: "unavailableUncertain",
    });
  }
}

/** What PostgreSQL says became of transaction `xid`, asked on a fresh connection until it answers. */
async function commitOutcome(xid: string): Promise<"committed" | "aborted" | "unknown"> {
  const deadline = Date.now() + COMMIT_OUTCOME_WAIT_MS;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: appDatabaseUrl(), connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ status: string | null }>("SELECT txid_status($1::bigint) AS status", [xid]);
      const status = rows[0]?.status;
      if (status === "committed" || status === "aborted") return status;
      // "in progress": the COMMIT is still being written; null: too old to know (cannot happen this soon).
      if (status === null || status === undefined) return "unknown";
    } catch {
      // Still restarting or unreachable: ask again shortly.
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return "unknown";
}

/**
 * Runs `work` in one transaction in which PostgreSQL's row-level security sees `scope`:
 * rows of any other organisation are invisible and cannot be written.
 */
export async function withTenant<T>(scope: TenantScope, work: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return runTransaction(
    (tx) => tx.$executeRaw`SELECT set_config('app.organization_id', ${scope.organizationId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true)`,
    work,
    options,
  );
}

/**
 * Runs `work` outside any organisation: only identity tables (users, sessions, sign-in attempts)
 * and rows tied to `userId` (their memberships and organisations) are visible.
 */
export async function withIdentity<T>(
  scope: { userId?: string | null; inviteTokenHash?: string | null },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return runTransaction(
    (tx) => tx.$executeRaw`SELECT set_config('app.user_id', ${scope.userId ?? ""}, true), set_config('app.invite_token_hash', ${scope.inviteTokenHash ?? ""}, true)`,
    work,
  );
}

// ---------------------------------------------------------------------------------------------------
// The hot reads' path: `pg` directly, without Prisma's client, for the few reads every request makes.
// Same URL, same role, same row-level security. Its own pool, not Prisma's: an API read holds one of
// these connections for its whole answer, and a handler that also runs Prisma work must never wait for
// a second connection from the pool it is holding one of (ten such requests would stall each other).

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const READ_STATEMENT_TIMEOUT_MS = 15_000;

const globalForRead = globalThis as unknown as { qamqorReadPool?: { url: string; pool: pg.Pool } };

function readPool(): pg.Pool {
  const url = appDatabaseUrl();
  const current = globalForRead.qamqorReadPool;
  if (current && current.url === url) return current.pool;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // an idle connection the server dropped is discarded by the pool; the next read takes another
  pool.on("error", () => {});
  globalForRead.qamqorReadPool = { url, pool };
  return pool;
}

/** Closes the read pool (tests and shutdown). */
export async function disconnectReadPool(): Promise<void> {
  const current = globalForRead.qamqorReadPool;
  globalForRead.qamqorReadPool = undefined;
  await current?.pool.end();
}

/** A read-only transaction's client: runs `Prisma.sql` fragments as they are, nothing else. */
export interface ReadTx {
  query<Row>(sql: Prisma.Sql): Promise<Row[]>;
}

/**
 * A UUID fit to be written into a statement's text, or an error: only the opening of a read transaction
 * inlines values (so that it is one round trip), and only ids checked here.
 */
export function inlineUuid(value: string): string {
  if (!UUID_TEXT.test(value)) throw new AppError("INVALID", "Not an id.", { key: "invalid" });
  return `'${value.toLowerCase()}'`;
}

function readTx(client: pg.PoolClient): ReadTx {
  return {
    async query<Row>(sql: Prisma.Sql): Promise<Row[]> {
      const result = await client.query<Row & pg.QueryResultRow>(sql.text, sql.values as unknown[]);
      return result.rows;
    },
  };
}

/**
 * The read transaction an API read opened with its session check, and whom it reads for once that is
 * known. `finish` commits it early, when the request needs another transaction: a request never holds
 * one connection while waiting for another.
 */
interface RequestRead {
  tx: ReadTx;
  scope: { organizationId: string; userId: string } | null;
  open: boolean;
  /** services reading in it right now */
  active: number;
  idle: (() => void) | null;
  finish: (() => Promise<void>) | null;
}

const requestRead = new AsyncLocalStorage<RequestRead | null>();

/**
 * Commits this request's open read transaction (when there is one and nothing reads in it), before
 * the request opens another transaction. Later reads of the request open their own.
 */
async function finishRequestRead(): Promise<void> {
  const current = requestRead.getStore();
  if (!current?.open) return;
  current.open = false;
  if (current.active > 0) await new Promise<void>((resolve) => (current.idle = resolve));
  await current.finish?.();
}

/**
 * One transaction on the read pool (READ ONLY unless `mode` is "write"): BEGIN, the statement timeout,
 * the row-level-security identity and `first` (a statement with no parameters) go in one round trip,
 * then `work`, then COMMIT. `work` may commit early through `commit` (see RequestRead).
 */
async function runReadTransaction<T>(
  settings: { organizationId?: string | null; userId?: string | null },
  first: string | null,
  work: (tx: ReadTx, firstRows: pg.QueryResultRow[], commit: () => Promise<void>) => Promise<T>,
  mode: "read" | "write" = "read",
): Promise<T> {
  const opening = [
    mode === "read" ? "BEGIN READ ONLY" : "BEGIN",
    `SET LOCAL statement_timeout = ${READ_STATEMENT_TIMEOUT_MS}`,
    `SELECT set_config('app.organization_id', ${settings.organizationId ? inlineUuid(settings.organizationId) : "''"}, true),` +
      ` set_config('app.user_id', ${settings.userId ? inlineUuid(settings.userId) : "''"}, true)`,
    ...(first ? [first] : []),
  ].join("; ");
  await finishRequestRead();
  let client: pg.PoolClient;
  try {
    client = await readPool().connect();
  } catch (error) {
    throw isDatabaseUnavailable(error) ? unavailable() : error;
  }
  const progress: { state: "open" | "committing" | "done"; released: boolean } = { state: "open", released: false };
  let broken: Error | undefined;
  const release = () => {
    if (progress.released) return;
    progress.released = true;
    client.release(broken);
  };
  const commit = async () => {
    if (progress.state !== "open") return;
    progress.state = "committing";
    await client.query("COMMIT");
    progress.state = "done";
    // committed early (see RequestRead): the connection goes back to the pool now
    release();
  };
  try {
    // simple protocol (no parameters): several statements in one round trip, one result each
    const results = (await client.query(opening)) as unknown as pg.QueryResult[];
    const result = await work(readTx(client), first ? (results[results.length - 1]?.rows ?? []) : [], commit);
    await commit();
    return result;
  } catch (error) {
    const atCommit = progress.state === "committing";
    if (progress.state !== "done") {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    }
    if (!isDatabaseUnavailable(error)) throw error;
    // a write whose COMMIT lost its answer may have been saved (its audit event): say so
    throw mode === "write" && atCommit
      ? new AppError("UNAVAILABLE", "The database stopped answering while saving; check whether the change was saved before trying again.", { key: "unavailableUncertain" })
      : unavailable();
  } finally {
    release();
  }
}

/**
 * Runs `work` in a READ ONLY transaction in which row-level security sees `scope`, through `pg`
 * without Prisma's client: for the hot reads only. Inside an API read that already opened its
 * transaction for the same organisation and user (`withSessionRead`), `work` runs in that one.
 */
export async function withTenantRead<T>(scope: TenantScope, work: (tx: ReadTx) => Promise<T>): Promise<T> {
  const current = requestRead.getStore();
  if (current?.open && current.scope && current.scope.organizationId === scope.organizationId && current.scope.userId === (scope.userId ?? "")) {
    current.active += 1;
    try {
      // anything `work` opens itself is its own transaction, and must not wait for this one to finish
      return await requestRead.run(null, () => work(current.tx));
    } finally {
      current.active -= 1;
      if (current.active === 0) current.idle?.();
    }
  }
  return runReadTransaction(scope, null, (tx) => requestRead.run(null, () => work(tx)));
}

/**
 * A read that must leave a trace: `work` reads and appends its audit event (lib/audit.ts `auditPg`) in one
 * transaction through `pg`, BEGIN and the identity in one round trip, like withTenantRead but able to
 * write. The read's answer is given only once COMMIT succeeded; a deadlock or serialization conflict
 * runs it again from the start, as withTenant does.
 */
export async function withTenantAuditedRead<T>(scope: TenantScope, work: (tx: ReadTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runReadTransaction(scope, null, (tx) => requestRead.run(null, () => work(tx)), "write");
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/** What `withSessionRead` hands over: the session's state as the database function returned it. */
export interface SessionRead {
  /** `app_session_state`'s answer, null when there is no such session */
  state: unknown;
  tx: ReadTx;
  /**
   * Runs `work` with this transaction as the one `withTenantRead` uses for `scope` (the identity the
   * session function set), until `work` returns or the request opens another transaction.
   */
  actAs<T>(scope: { organizationId: string; userId: string }, work: () => Promise<T>): Promise<T>;
}

/**
 * A READ ONLY transaction opened with the session check of `sessionId` in its first round trip
 * (`app_session_state`, which also sets the identity for row-level security when the session is live).
 * A session id that is not a UUID is refused before anything is sent.
 */
export async function withSessionRead<T>(sessionId: string, work: (session: SessionRead) => Promise<T>): Promise<T> {
  const first = `SELECT app_session_state(${inlineUuid(sessionId)}::uuid) AS state`;
  return runReadTransaction({}, first, async (tx, rows, commit) => {
    const store: RequestRead = { tx, scope: null, open: false, active: 0, idle: null, finish: commit };
    try {
      return await work({
        state: rows[0]?.state ?? null,
        tx,
        actAs: (scope, inner) => requestRead.run(Object.assign(store, { scope, open: true }), inner),
      });
    } finally {
      // anything still reading later (a streamed answer) opens its own transaction
      store.open = false;
    }
  });
}
