// Encrypted, compressed logical backups that need no pg_dump of a matching version.
//
// File layout: a header line ("QAMQOR-BACKUP 1 {json}\n": key id, iv, migrations, creation time),
// then AES-256-GCM ciphertext of gzip(JSON lines), then the 16-byte GCM tag. The header is the
// cipher's additional data, so it cannot be altered either. A "<file>.sha256" sidecar lets a copy
// be checked before it is trusted.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync, readFileSync, writeFileSync } from "node:fs";
import { Readable, pipeline as streamPipeline } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { getEnv } from "../../lib/env";
import { migrate, readMigrations } from "./migrate";

const MAGIC = "QAMQOR-BACKUP 1 ";
const TAG_BYTES = 16;
const BATCH = 2000;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

interface Header {
  keyId: string;
  iv: string;
  createdAt: string;
  migrations: string[];
}

export interface BackupResult {
  file: string;
  tables: number;
  rows: number;
  sha256: string;
}

async function userTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const tables = await userTables(client);
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (table: string, path: Set<string>) => {
    if (done.has(table) || path.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, path);
    done.add(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function* dumpLines(client: pg.Client, tables: string[], counter: { rows: number }): AsyncGenerator<string> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    for (const table of tables) {
      yield `${JSON.stringify({ table })}\n`;
      await client.query(`DECLARE dump_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${pg.escapeIdentifier(table)} t`);
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${BATCH} FROM dump_cursor`);
        if (rows.length === 0) break;
        counter.rows += rows.length;
        yield rows.map((r) => r.j).join("\n") + "\n";
      }
      await client.query("CLOSE dump_cursor");
    }
  } finally {
    await client.query("COMMIT");
  }
}

function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    let read: number;
    while ((read = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

export async function backupDatabase(ownerUrl: string, file: string): Promise<BackupResult> {
  const env = getEnv();
  const key = env.ENCRYPTION_KEYS.get(env.activeKeyId) as Buffer;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: applied } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    // Parents before children, so a restore can stream rows straight in.
    const tables = await tablesInDependencyOrder(client);
    const iv = randomBytes(12);
    const header: Header = {
      keyId: env.activeKeyId,
      iv: iv.toString("base64"),
      createdAt: new Date().toISOString(),
      migrations: applied.map((r) => r.migration_name),
    };
    const headerLine = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, "utf8");
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(headerLine);
    const out = createWriteStream(file, { mode: 0o600 });
    out.write(headerLine);
    const counter = { rows: 0 };
    await pipeline(Readable.from(dumpLines(client, tables, counter)), createGzip({ level: 6 }), cipher, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (error?: Error | null) => (error ? reject(error) : resolve())));
    const sha256 = sha256File(file);
    writeFileSync(`${file}.sha256`, `${sha256}  ${file.split("/").pop()}\n`);
    return { file, tables: tables.length, rows: counter.rows, sha256 };
  } finally {
    await client.end();
  }
}

function readHeader(file: string): { header: Header; headerLine: Buffer } {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, read).indexOf(0x0a);
    const line = end > 0 ? buffer.subarray(0, end + 1) : Buffer.alloc(0);
    const text = line.toString("utf8");
    if (!text.startsWith(MAGIC)) throw new BackupError(`${file} is not a Qamqor backup.`);
    return { header: JSON.parse(text.slice(MAGIC.length)) as Header, headerLine: Buffer.from(line) };
  } finally {
    closeSync(fd);
  }
}

export interface RestoreResult {
  tables: number;
  rows: number;
}

export async function restoreDatabase(ownerUrl: string, file: string): Promise<RestoreResult> {
  // 1. The copy must be the one that was written.
  const sidecar = `${file}.sha256`;
  let expected: string | undefined;
  try {
    expected = readFileSync(sidecar, "utf8").split(/\s+/)[0];
  } catch {
    throw new BackupError(`The checksum file ${sidecar} is missing; refusing to restore an unverified backup.`);
  }
  if (sha256File(file) !== expected) throw new BackupError("The backup does not match its checksum; it is damaged or was altered.");

  const { header, headerLine } = readHeader(file);
  const key = getEnv().ENCRYPTION_KEYS.get(header.keyId);
  if (!key) throw new BackupError(`The backup was encrypted with key "${header.keyId}", which is not in ENCRYPTION_KEYS.`);
  const versionMigrations = readMigrations().map((m) => m.name);
  if (JSON.stringify(versionMigrations) !== JSON.stringify(header.migrations)) {
    throw new BackupError("The backup was made by a different version of the app (its migrations differ); restore it with that version.");
  }

  // 2. Only into an empty database.
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    if ((await userTables(client)).length > 0) throw new BackupError("The target database is not empty; restore only into a new, empty database.");
  } catch (error) {
    await client.end();
    throw error;
  }
  await client.end();
  await migrate(ownerUrl);

  const size = statSync(file).size;
  const tag = Buffer.alloc(TAG_BYTES);
  const fd = openSync(file, "r");
  readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  closeSync(fd);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(header.iv, "base64"));
  decipher.setAAD(headerLine);
  decipher.setAuthTag(tag);

  const target = new pg.Client({ connectionString: ownerUrl });
  await target.connect();
  const known = new Set(await userTables(target));
  let current: string | null = null;
  let batch: string[] = [];
  let rows = 0;
  let tables = 0;

  const flush = async () => {
    if (!current || batch.length === 0) return;
    await target.query(
      `INSERT INTO ${pg.escapeIdentifier(current)} SELECT * FROM json_populate_recordset(NULL::${pg.escapeIdentifier(current)}, $1::json)`,
      [`[${batch.join(",")}]`],
    );
    batch = [];
  };

  await target.query("BEGIN");
  try {
    // The rows come from one consistent snapshot; where we may (as a superuser), skip the per-row
    // foreign-key checks, which also lets rows that point at later rows of their own table load.
    await target.query("SAVEPOINT replica");
    await target.query("SET LOCAL session_replication_role = replica").then(
      () => target.query("RELEASE SAVEPOINT replica"),
      () => target.query("ROLLBACK TO SAVEPOINT replica"),
    );
    const body = createReadStream(file, { start: headerLine.length, end: size - TAG_BYTES - 1 });
    const plain = createGunzip();
    // A failed tag check surfaces as an error on `plain`, which ends the line loop below.
    streamPipeline(body, decipher, plain, (error) => {
      if (error) plain.destroy(error);
    });
    const lines = createInterface({ input: plain, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      if (line.startsWith('{"table":')) {
        await flush();
        current = (JSON.parse(line) as { table: string }).table;
        if (!known.has(current)) throw new BackupError(`The backup has a table (${current}) this version does not know.`);
        tables += 1;
        continue;
      }
      if (!current) throw new BackupError("The backup is malformed.");
      batch.push(line);
      rows += 1;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // Identity columns continue after the restored rows.
    const { rows: serials } = await target.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const { table_name, column_name } of serials) {
      await target.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT COALESCE(MAX(${pg.escapeIdentifier(column_name)}), 0) FROM ${pg.escapeIdentifier(table_name)}), 1))`,
        [table_name, column_name],
      );
    }
    await target.query("COMMIT");
  } catch (error) {
    await target.query("ROLLBACK").catch(() => {});
    if (error instanceof BackupError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/unable to authenticate|Unsupported state/i.test(message)) {
      throw new BackupError("The backup could not be decrypted: it was altered, or the key is wrong.");
    }
    throw new BackupError(`The restore failed and was rolled back: ${message}`);
  } finally {
    await target.end();
  }
  return { tables, rows };
}

