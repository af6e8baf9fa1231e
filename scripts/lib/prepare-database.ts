// Creates the database when missing, applies migrations and gives the app's role its password.
import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";
import { APP_DB_ROLE } from "../../lib/env";
import { migrate } from "./migrate";
import { StartupError } from "./embedded-postgres";
import { loadPlaces } from "../../prisma/seed/places";

/** Turns a connection failure into one sentence a person can act on. */
export function describeConnectionError(error: unknown, url: string): string {
  const { hostname, port, pathname } = new URL(url);
  const where = `${hostname}:${port || 5432}`;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${where}: nothing is listening there. Start the server or fix DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach PostgreSQL: the host name ${hostname} is unknown. Fix DATABASE_URL.`;
    case "ETIMEDOUT":
      return `Cannot reach PostgreSQL at ${where}: the connection timed out.`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused the user name or password in DATABASE_URL.`;
    case "3D000":
      return `The database ${pathname.slice(1)} does not exist on ${where}; create it or fix DATABASE_URL.`;
    default:
      return `Cannot use PostgreSQL at ${where}: ${message}`;
  }
}

export async function createDatabaseIfMissing(ownerUrl: string): Promise<void> {
  const target = new URL(ownerUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const adminUrl = new URL(ownerUrl);
  adminUrl.pathname = "/postgres";
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(describeConnectionError(error, adminUrl.toString()));
  }
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

export async function prepareDatabase(options: {
  ownerUrl: string;
  appPassword?: string;
  log?: (line: string) => void;
}): Promise<void> {
  const probe = new pg.Client({ connectionString: options.ownerUrl });
  try {
    await probe.connect();
  } catch (error) {
    throw new StartupError(describeConnectionError(error, options.ownerUrl));
  } finally {
    await probe.end().catch(() => {});
  }
  // Instances starting together take turns: concurrent GRANTs and ALTER ROLEs on the same objects fail
  // with "tuple concurrently updated"; the second finds everything done and changes nothing.
  const lock = new pg.Client({ connectionString: options.ownerUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [PREPARE_LOCK]);
    await prepareLocked(options);
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [PREPARE_LOCK]).catch(() => {});
    await lock.end();
  }
}

/** Held by whoever prepares the database (migrations, queue schema, gazetteer, app role). */
const PREPARE_LOCK = 7_220_261_203;

async function prepareLocked(options: { ownerUrl: string; appPassword?: string; log?: (line: string) => void }): Promise<void> {
  await migrate(options.ownerUrl, { log: options.log });
  await installJobQueue(options.ownerUrl);
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    // The gazetteer is reference data every installation needs; upserting by code keeps it current.
    await client.query("BEGIN");
    await loadPlaces(client);
    await client.query("COMMIT");
    if (options.appPassword) {
      await client.query(`ALTER ROLE ${APP_DB_ROLE} WITH LOGIN PASSWORD ${pg.escapeLiteral(options.appPassword)}`);
    }
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The background job queue's own schema (graphile-worker), installed and upgraded by the owner; the app
 * role may use its tables and functions but not change its structure. It holds only which job to run
 * next (the job's id); what the job is lives in the tenant table "jobs".
 */
const silentLogger = new Logger(() => () => {});

export async function installJobQueue(ownerUrl: string): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, logger: silentLogger });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`GRANT USAGE ON SCHEMA graphile_worker TO ${APP_DB_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${APP_DB_ROLE};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${APP_DB_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${APP_DB_ROLE};`);
    // graphile-worker turns row-level security on for its tables with no policy, expecting to connect as
    // their owner. The app connects as its own role, so that role gets one policy per queue table; the
    // queue holds no tenant data (a job id and its organisation), the tenant's rows stay in "jobs".
    await client.query(`DO $$
      DECLARE t record;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'graphile_worker' AND c.relkind IN ('r', 'p') AND c.relrowsecurity LOOP
          IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'graphile_worker' AND tablename = t.relname AND policyname = 'qamqor_app_queue') THEN
            EXECUTE format('CREATE POLICY qamqor_app_queue ON graphile_worker.%I TO ${APP_DB_ROLE} USING (true) WITH CHECK (true)', t.relname);
          END IF;
        END LOOP;
      END $$;`);
  } finally {
    await client.end();
  }
}
