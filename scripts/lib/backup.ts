// Encrypted, compressed logical backups that need no pg_dump of a matching version.
//
// File layout: a header line ("QAMQOR-BACKUP 1 {json}\n": key id, iv, migrations, creation time, the
// head of each audit chain), then AES-256-GCM ciphertext of gzip(JSON lines: each table's rows, then
// the encrypted uploaded files), then the 16-byte GCM tag. The header is the cipher's additional data,
// so it cannot be altered either. A "<file>.sha256" sidecar lets a copy be checked before it is trusted.
//
// A restore is one transaction (schema, rows, derived rows) and needs only ownership of the target
// database: user triggers are switched off for the load (the rows are a consistent snapshot, derived
// tables included, except the dashboard's summaries, which are recounted after the load), and the
// foreign keys that point forward in the load order are checked at the end.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { Readable, pipeline as streamPipeline } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { getEnv } from "../../lib/env";
import { type AuditHead, readAuditHeads } from "./audit-verify";
import { migrateInTransaction, readMigrations } from "./migrate";

const MAGIC = "QAMQOR-BACKUP 1 ";
/**
 * Tables whose rows a restore does not load: the dashboard's summaries, recounted from the restored
 * records once they are in (so they can never disagree with them), and tables of earlier versions that
 * held only derived data (the dashboard's old cache).
 */
const RECOUNTED_TABLES = new Set(["dashboard_case_facts", "dashboard_counts", "dashboard_person_months"]);
const RETIRED_TABLES = new Set(["dashboard_cache"]);
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
  /** the head of each audit chain when the snapshot was taken (absent in older backups) */
  auditHeads?: AuditHead[];
}

export interface BackupResult {
  file: string;
  tables: number;
  rows: number;
  files: number;
  /** attachments whose file was not found in the data folder (their rows are backed up all the same) */
  missingFiles: number;
  sha256: string;
  auditHeads: AuditHead[];
}

interface StoredFile {
  organizationId: string;
  storageKey: string;
}

const STORED_FILE = /^[0-9a-f-]{36}$/;
const STORAGE_KEY = /^[0-9a-f]{32,64}$/;

function storedFilePath(dataDir: string, file: StoredFile): string {
  // both parts come from the backup; the checks stop a crafted row pointing outside the folder
  if (!STORED_FILE.test(file.organizationId) || !STORAGE_KEY.test(file.storageKey)) throw new BackupError("The backup names a file outside the files folder.");
  return path.resolve(dataDir, "files", file.organizationId, file.storageKey);
}

async function userTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function tablesInDependencyOrder(client: pg.ClientBase): Promise<string[]> {
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

/** Yields the backup's lines from the snapshot transaction the caller has open. */
async function* dumpLines(
  client: pg.Client,
  tables: string[],
  dataDir: string,
  counter: { rows: number; files: number; missingFiles: number },
): AsyncGenerator<string> {
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
  // The uploaded files the snapshot's attachments point to, still encrypted as stored, and the
  // spreadsheets uploaded for an import not finished yet (a restore brings the import back where it was;
  // an upload is deleted once imported, or after a week, so these are few).
  if (!tables.includes("attachments")) return;
  const uploads = tables.includes("import_uploads") ? `UNION ALL SELECT "organizationId", "storageKey", 1, id FROM import_uploads` : "";
  await client.query(
    `DECLARE file_cursor NO SCROLL CURSOR FOR SELECT "organizationId"::text AS "organizationId", "storageKey"
       FROM (SELECT "organizationId", "storageKey", 0 AS kind, id FROM attachments ${uploads}) AS stored ORDER BY kind, id`,
  );
  for (;;) {
    const { rows } = await client.query<StoredFile>(`FETCH 100 FROM file_cursor`);
    if (rows.length === 0) break;
    for (const file of rows) {
      const where = storedFilePath(dataDir, file);
      if (!existsSync(where)) {
        counter.missingFiles += 1;
        continue;
      }
      counter.files += 1;
      yield `${JSON.stringify({ file, data: readFileSync(where).toString("base64") })}\n`;
    }
  }
  await client.query("CLOSE file_cursor");
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

export async function backupDatabase(ownerUrl: string, file: string, options: { dataDir?: string } = {}): Promise<BackupResult> {
  const env = getEnv();
  const dataDir = options.dataDir ?? env.dataDir;
  const key = env.ENCRYPTION_KEYS.get(env.activeKeyId) as Buffer;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // One snapshot for the header, the rows and the list of files.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: applied } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    // Parents before children, so a restore can stream rows straight in.
    const tables = await tablesInDependencyOrder(client);
    const auditHeads = await readAuditHeads(client);
    const iv = randomBytes(12);
    const header: Header = {
      keyId: env.activeKeyId,
      iv: iv.toString("base64"),
      createdAt: new Date().toISOString(),
      migrations: applied.map((r) => r.migration_name),
      auditHeads,
    };
    const headerLine = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, "utf8");
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(headerLine);
    const out = createWriteStream(file, { mode: 0o600 });
    out.write(headerLine);
    const counter = { rows: 0, files: 0, missingFiles: 0 };
    await pipeline(Readable.from(dumpLines(client, tables, dataDir, counter)), createGzip({ level: 6 }), cipher, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (error?: Error | null) => (error ? reject(error) : resolve())));
    await client.query("COMMIT");
    const sha256 = sha256File(file);
    writeFileSync(`${file}.sha256`, `${sha256}  ${file.split("/").pop()}\n`);
    return { file, tables: tables.length, rows: counter.rows, files: counter.files, missingFiles: counter.missingFiles, sha256, auditHeads };
  } finally {
    await client.end();
  }
}

/** Reads a backup's header without decrypting it (the audit heads it records, for the checkpoint). */
export function readBackupManifest(file: string): { createdAt: string; migrations: string[]; auditHeads: AuditHead[] } {
  const { header } = readHeader(file);
  return { createdAt: header.createdAt, migrations: header.migrations, auditHeads: header.auditHeads ?? [] };
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
  files: number;
  /** the audit chain heads recorded in the backup, to check the restored log against */
  auditHeads: AuditHead[];
}

interface ForeignKey {
  table: string;
  name: string;
}

/** Foreign keys whose parent is loaded at or after the child (self-references, cycles): checked at the end. */
async function forwardForeignKeys(client: pg.ClientBase, order: string[]): Promise<ForeignKey[]> {
  const position = new Map(order.map((table, i) => [table, i]));
  const { rows } = await client.query<{ child: string; parent: string; name: string }>(
    `SELECT c.relname AS child, p.relname AS parent, k.conname AS name FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND NOT k.condeferrable`,
  );
  return rows
    .filter((r) => (position.get(r.parent) ?? -1) >= (position.get(r.child) ?? -1))
    .map((r) => ({ table: r.child, name: r.name }));
}

/** The columns a restore writes: all but generated ones, which the database computes again. */
async function writableColumns(client: pg.ClientBase): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const columns = new Map<string, string[]>();
  for (const { table, column } of rows) columns.set(table, [...(columns.get(table) ?? []), column]);
  return columns;
}

export async function restoreDatabase(ownerUrl: string, file: string, options: { dataDir?: string } = {}): Promise<RestoreResult> {
  const dataDir = options.dataDir ?? getEnv().dataDir;
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

  const size = statSync(file).size;
  const tag = Buffer.alloc(TAG_BYTES);
  const fd = openSync(file, "r");
  readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  closeSync(fd);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(header.iv, "base64"));
  decipher.setAAD(headerLine);
  decipher.setAuthTag(tag);

  // Files go to a staging folder and move into place only once the rows are committed.
  const staging = path.resolve(dataDir, "files", `.restore-${randomBytes(6).toString("hex")}`);
  const staged: { from: string; to: string }[] = [];
  const target = new pg.Client({ connectionString: ownerUrl });
  await target.connect();
  let rows = 0;
  let tables = 0;
  let committed = false;
  try {
    await target.query("BEGIN");
    // 2. Only into an empty database; schema, rows and files are kept together or not at all.
    if ((await userTables(target)).length > 0 || (await target.query(`SELECT to_regclass('public._prisma_migrations') AS t`)).rows[0]?.t) {
      throw new BackupError("The target database is not empty; restore only into a new, empty database.");
    }
    await migrateInTransaction(target);
    const order = await tablesInDependencyOrder(target);
    const known = new Set(order);
    const columns = await writableColumns(target);
    // The snapshot already holds what triggers would derive (name words, person words); the owner may
    // switch user triggers off for this transaction. Foreign keys stay on.
    for (const table of order) await target.query(`ALTER TABLE ${pg.escapeIdentifier(table)} DISABLE TRIGGER USER`);
    const forward = await forwardForeignKeys(target, order);
    for (const fk of forward) {
      await target.query(`ALTER TABLE ${pg.escapeIdentifier(fk.table)} ALTER CONSTRAINT ${pg.escapeIdentifier(fk.name)} DEFERRABLE INITIALLY DEFERRED`);
    }

    let current: string | null = null;
    let skipping = false;
    let insert = "";
    let batch: string[] = [];
    const flush = async () => {
      if (!current || batch.length === 0) return;
      await target.query(insert, [`[${batch.join(",")}]`]);
      batch = [];
    };

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
        skipping = RECOUNTED_TABLES.has(current) || (RETIRED_TABLES.has(current) && !known.has(current));
        if (skipping) continue;
        if (!known.has(current)) throw new BackupError(`The backup has a table (${current}) this version does not know.`);
        const list = (columns.get(current) ?? []).map((c) => pg.escapeIdentifier(c)).join(", ");
        const name = pg.escapeIdentifier(current);
        insert = `INSERT INTO ${name} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${name}, $1::json)`;
        tables += 1;
        continue;
      }
      if (line.startsWith('{"file":')) {
        await flush();
        current = null;
        skipping = false;
        const entry = JSON.parse(line) as { file: StoredFile; data: string };
        const to = storedFilePath(dataDir, entry.file);
        const from = path.join(staging, entry.file.organizationId, entry.file.storageKey);
        mkdirSync(path.dirname(from), { recursive: true, mode: 0o700 });
        writeFileSync(from, Buffer.from(entry.data, "base64"), { mode: 0o600 });
        staged.push({ from, to });
        continue;
      }
      if (skipping) continue;
      if (!current) throw new BackupError("The backup is malformed.");
      batch.push(line);
      rows += 1;
      if (batch.length >= BATCH) await flush();
    }
    await flush();

    // 3. Every deferred reference is checked now, then the schema is put back exactly as migrated.
    await target.query("SET CONSTRAINTS ALL IMMEDIATE");
    for (const fk of forward) {
      await target.query(`ALTER TABLE ${pg.escapeIdentifier(fk.table)} ALTER CONSTRAINT ${pg.escapeIdentifier(fk.name)} NOT DEFERRABLE`);
    }
    for (const table of order) await target.query(`ALTER TABLE ${pg.escapeIdentifier(table)} ENABLE TRIGGER USER`);
    // The dashboard's summaries, recounted from the restored records.
    await target.query(`SELECT dashboard_rebuild(id) FROM organizations`);
    // Likely duplicates among the restored people: a background scan compares them again here (queued now
    // when the job queue is installed, otherwise at the app's first start, as they count as never scanned).
    await target.query(`UPDATE organizations SET "duplicatesScannedAt" = NULL`);
    await target.query(`SELECT app_request_duplicate_scan(id) FROM organizations`);
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
    committed = true;
    for (const { from, to } of staged) {
      mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
      renameSync(from, to);
    }
    // Fresh statistics and visibility maps: a server with autovacuum off would otherwise plan blind.
    await target.query("VACUUM (ANALYZE)");
  } catch (error) {
    if (!committed) await target.query("ROLLBACK").catch(() => {});
    if (error instanceof BackupError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/unable to authenticate|Unsupported state/i.test(message)) {
      throw new BackupError("The backup could not be decrypted: it was altered, or the key is wrong.");
    }
    throw new BackupError(committed ? `The rows were restored, but finishing failed: ${message}` : `The restore failed and was rolled back: ${message}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    await target.end();
  }
  return { tables, rows, files: staged.length, auditHeads: header.auditHeads ?? [] };
}

/** Lists the stored files under a data folder, as "organisation/key" (for checks and tests). */
export function listStoredFiles(dataDir: string): string[] {
  const root = path.resolve(dataDir, "files");
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && STORED_FILE.test(d.name))
    .flatMap((d) => readdirSync(path.join(root, d.name)).filter((f) => STORAGE_KEY.test(f)).map((f) => `${d.name}/${f}`))
    .sort();
}
