// Imports an organisation archive (./FORMAT.md) into an empty organisation of this installation, as the
// database owner (npm run archive:import). Nothing is written until the manifest, every entry's SHA-256
// and the audit chain's links have been checked; then the records, the members and the audit log go in
// one transaction, re-encrypted with this installation's keys and with their ids kept, and the files are
// removed again if it fails. The archive's audit events are chained again under this installation's
// key, verbatim otherwise, and an "organization.imported" event names the archive's own chain head.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import pg from "pg";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "@/lib/audit";
import { encryptField, lookupHash } from "@/lib/crypto";
import { attachmentContext, newStorageKey, removeStored, writeEncryptedStream } from "@/lib/files/storage";
import { documentNumberHash } from "@/lib/people/documents";
import { normalisePhone } from "@/lib/validations/person";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_MAJOR,
  ARCHIVED_TABLES,
  AUDIT_ENTRY,
  MANIFEST_ENTRY,
  MEMBERS_ENTRY,
  NOT_ARCHIVED_TABLES,
  ORGANIZATION_ENTRY,
  entityEntry,
  fileEntry,
  type ArchiveManifest,
  type ArchivedTable,
  type JsonRow,
} from "./format";
import { ArchiveReadError, digestEntry, openZipReader, readFailure, type ArchiveZipReader } from "./zip-io";

export class ArchiveImportError extends Error {
  constructor(
    readonly reason: "passphrase" | "damaged" | "format" | "version" | "notEmpty" | "exists" | "notFound",
    message: string,
    /** an "exists" refusal because records with the archive's ids are in this installation already */
    readonly idsTaken = false,
  ) {
    super(message);
    this.name = "ArchiveImportError";
  }
}

export interface ImportArchiveOptions {
  /**
   * The connection: the database owner's for the command line (row-level security does not apply), the
   * app's own role for an import from the app (`organizationId`), where PostgreSQL itself refuses any
   * row of another organisation.
   */
  ownerUrl: string;
  file: string;
  passphrase: string;
  /** an existing organisation that holds no records; without one the organisation is created from the archive */
  organizationSlug?: string;
  /** the organisation to import into, by id (the app's import: the admin's own organisation) */
  organizationId?: string;
  /** who started the import, named by its "organization.imported" event */
  actor?: { userId: string; jobId?: string; ipHash?: string | null };
  log?: (line: string) => void;
  /** records, files and events written so far, of the total; may throw to stop (a cancelled job) */
  onProgress?: (done: number, total: number) => Promise<void>;
  batchSize?: number;
}

export interface ImportArchiveResult {
  organizationId: string;
  slug: string;
  counts: Record<string, number>;
  files: number;
  members: { created: number; matched: number };
  /** e-mail addresses of the members created here without a password (to be sent a password reset) */
  membersWithoutPassword: string[];
  /** true when the archive's ids were already taken here (its own installation): every record got a new one */
  renewedIds: boolean;
  auditEvents: number;
  /** place codes this installation's gazetteer does not know (their references were cleared) */
  unmatchedPlaces: string[];
  /** SHA-256 of the archive file, as recorded in the "organization.imported" event */
  archiveSha256: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function parseLine(line: string, path: string): JsonRow {
  try {
    const value = JSON.parse(line) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as JsonRow;
  } catch {
    // reported below
  }
  throw new ArchiveImportError("damaged", `A line of ${path} is not a JSON object.`);
}

/** The quick check of an upload: the passphrase opens it and its manifest names a format version read here. */
export async function readArchiveManifest(file: string, passphrase: string): Promise<ArchiveManifest> {
  let reader: ArchiveZipReader;
  try {
    reader = await openZipReader(file, passphrase);
  } catch (error) {
    const failure = readFailure(error);
    throw new ArchiveImportError(failure.reason, failure.message);
  }
  try {
    return await checkedManifest(reader);
  } finally {
    await reader.close().catch(() => undefined);
  }
}

async function checkedManifest(reader: ArchiveZipReader): Promise<ArchiveManifest> {
  if (!reader.entries.has(MANIFEST_ENTRY)) throw new ArchiveImportError("format", "This ZIP file is not an organisation archive: it has no manifest.json.");
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse((await reader.bytes(MANIFEST_ENTRY)).toString("utf8")) as ArchiveManifest;
  } catch (error) {
    if (error instanceof ArchiveReadError) throw new ArchiveImportError(error.reason, error.message);
    throw new ArchiveImportError("damaged", "The archive's manifest.json is not valid JSON.");
  }
  if (manifest.format !== ARCHIVE_FORMAT) throw new ArchiveImportError("format", "This ZIP file is not an organisation archive (its manifest names another format).");
  const major = Number(String(manifest.formatVersion).split(".")[0]);
  if (!Number.isInteger(major)) throw new ArchiveImportError("format", "The archive's manifest has no format version.");
  if (major > ARCHIVE_MAJOR) {
    throw new ArchiveImportError("version", `The archive has format version ${manifest.formatVersion}, newer than this installation reads (${ARCHIVE_MAJOR}.x): update this installation first.`);
  }
  return manifest;
}

/** Opens the archive and checks everything that can be checked without writing. */
export async function verifyArchive(file: string, passphrase: string): Promise<{ reader: ArchiveZipReader; manifest: ArchiveManifest }> {
  let reader: ArchiveZipReader;
  try {
    reader = await openZipReader(file, passphrase);
  } catch (error) {
    const failure = readFailure(error);
    throw new ArchiveImportError(failure.reason, failure.message);
  }
  try {
    const manifest = await checkedManifest(reader);
    // every entry listed and checked, and nothing in the ZIP file that the manifest does not list
    const listed = new Set(manifest.entries.map((entry) => entry.path));
    for (const path of reader.entries.keys()) {
      if (path !== MANIFEST_ENTRY && !listed.has(path)) throw new ArchiveImportError("damaged", `The archive holds ${path}, which its manifest does not list.`);
    }
    for (const entry of manifest.entries) {
      if (!reader.entries.has(entry.path)) throw new ArchiveImportError("damaged", `The archive lacks ${entry.path}, which its manifest lists.`);
      let digest: { sha256: string; bytes: number };
      try {
        digest = await digestEntry(reader, entry.path);
      } catch (error) {
        const failure = readFailure(error);
        throw new ArchiveImportError(failure.reason, failure.message);
      }
      if (digest.sha256 !== entry.sha256 || digest.bytes !== entry.bytes) throw new ArchiveImportError("damaged", `The archive is damaged or was altered: ${entry.path} does not match its checksum.`);
    }
    for (const path of [ORGANIZATION_ENTRY, MEMBERS_ENTRY, AUDIT_ENTRY, ...ARCHIVED_TABLES.map((t) => entityEntry(t.table))]) {
      if (!listed.has(path)) throw new ArchiveImportError("format", `The archive lacks ${path}.`);
    }
    // the audit chain's links (its keyed hashes need the source installation's key, see FORMAT.md)
    let prev = GENESIS_HASH;
    let events = 0;
    for await (const line of reader.lines(AUDIT_ENTRY)) {
      const event = parseLine(line, AUDIT_ENTRY);
      if (event.prevHash !== prev) throw new ArchiveImportError("damaged", `The archive's audit log is broken at event ${String(event.id)}: it does not follow the event before it.`);
      prev = String(event.hash);
      events += 1;
    }
    if (events !== manifest.audit.events || prev !== manifest.audit.headHash) throw new ArchiveImportError("damaged", "The archive's audit log does not end where its manifest says.");
    return { reader, manifest };
  } catch (error) {
    await reader.close().catch(() => undefined);
    throw error;
  }
}

interface TargetMaps {
  organizationId: string;
  users: Map<string, string>;
  places: Map<string, string>;
  unmatchedPlaces: Set<string>;
  /** the uuid columns of each table: record ids and references between records, renewed together */
  uuidColumns: Map<string, Set<string>>;
  /** the id a record gets here (the archive's own, or a renewed one) */
  renew: (id: string) => string;
}

/**
 * A new id for an archived one, the same wherever it appears (a record's id and every reference to it),
 * derived rather than remembered so that no map of millions of ids is held: SHA-256 of the target
 * organisation and the old id, shaped as a UUID.
 */
export function renewedId(organizationId: string, id: string): string {
  const hex = createHash("sha256").update(`${organizationId}:${id}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An archive line as the row this installation stores (the reverse of toArchiveRow). */
function fromArchiveRow(spec: ArchivedTable, row: JsonRow, maps: TargetMaps): JsonRow {
  const out: JsonRow = { ...row, organizationId: maps.organizationId };
  const uuids = maps.uuidColumns.get(spec.table) ?? new Set<string>();
  const own = new Set<string>(["organizationId", ...(spec.userColumns ?? [])]);
  for (const [column, value] of Object.entries(row)) {
    if (uuids.has(column) && !own.has(column) && typeof value === "string") out[column] = maps.renew(value);
  }
  // a duplicate pair is stored with its two people in id order: renewed ids may reverse it
  if (spec.table === "person_duplicate_pairs" && String(out.personAId) > String(out.personBId)) [out.personAId, out.personBId] = [out.personBId, out.personAId];
  const id = spec.idType === "uuid" ? maps.renew(String(row.id)) : String(row.id);
  for (const { column, field, context, json } of spec.encrypted ?? []) {
    const value = row[field];
    const plain = value === null || value === undefined ? null : json ? JSON.stringify(value) : String(value);
    out[column] = encryptField(plain, context(id));
    delete out[field];
  }
  for (const { column, field } of spec.placeColumns ?? []) {
    const code = row[field] as string | null | undefined;
    const placeId = code ? maps.places.get(code) : undefined;
    if (code && !placeId) maps.unmatchedPlaces.add(code);
    out[column] = placeId ?? null;
    delete out[field];
  }
  for (const column of spec.userColumns ?? []) {
    const user = row[column] as string | null | undefined;
    out[column] = user ? (maps.users.get(user) ?? null) : null;
  }
  // keyed look-up hashes, computed with this installation's key
  if (spec.table === "people") {
    const contact = row.contact as { phone?: string } | null | undefined;
    const phone = contact?.phone ? normalisePhone(contact.phone) : null;
    out.phoneHash = phone ? lookupHash(phone, "phone") : null;
  }
  if (spec.table === "person_documents") out.numberHash = documentNumberHash(String(row.number ?? ""));
  return out;
}

export async function importArchive(options: ImportArchiveOptions): Promise<ImportArchiveResult> {
  try {
    return await importOnce(options, false);
  } catch (error) {
    // the archive's ids are taken: it comes from this installation (another organisation of it). Nothing
    // was written; the second attempt gives every record a new id
    if (error instanceof ArchiveImportError && error.reason === "exists" && error.idsTaken && (options.organizationSlug || options.organizationId)) return importOnce(options, true);
    throw error;
  }
}

async function importOnce(options: ImportArchiveOptions, renewIds: boolean): Promise<ImportArchiveResult> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 500;
  const archiveSha256 = await fileSha256(options.file);
  const { reader, manifest } = await verifyArchive(options.file, options.passphrase);
  log(`The archive of ${manifest.organization.name} (format ${manifest.formatVersion}) is intact: ${manifest.entries.length} entries checked.`);
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  const writtenFiles: { organizationId: string; storageKey: string }[] = [];
  const written = new Set<string>();
  let committed = false;
  try {
    const columns = new Map<string, Set<string>>();
    const uuidColumns = new Map<string, Set<string>>();
    const { rows: columnRows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER'`,
    );
    for (const { table_name, column_name, data_type } of columnRows) {
      if (!columns.has(table_name)) columns.set(table_name, new Set());
      columns.get(table_name)!.add(column_name);
      if (data_type === "uuid") {
        if (!uuidColumns.has(table_name)) uuidColumns.set(table_name, new Set());
        uuidColumns.get(table_name)!.add(column_name);
      }
    }
    const insertRows = async (table: string, rows: JsonRow[]) => {
      if (rows.length === 0) return;
      const known = columns.get(table) ?? new Set<string>();
      // only the fields the archive has (a column it lacks keeps its default) and this schema knows
      const present = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((column) => known.has(column));
      const list = present.map(quote).join(", ");
      const select = present.map((column) => `r.${quote(column)}`).join(", ");
      await client.query(
        `INSERT INTO ${quote(table)} (${list}) SELECT ${select} FROM json_populate_recordset(NULL::${quote(table)}, $1::json) WITH ORDINALITY AS r ORDER BY r.ordinality`,
        [JSON.stringify(rows)],
      );
      written.add(table);
    };

    await client.query("BEGIN");
    const organization = JSON.parse((await reader.bytes(ORGANIZATION_ENTRY)).toString("utf8")) as JsonRow;
    let organizationId: string;
    if (options.organizationId) {
      // the app's role: the organisation is set first, so row-level security holds every statement to it
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [options.organizationId]);
      organizationId = await emptyOrganization(client, options.organizationId, options.organizationId);
    } else {
      organizationId = await targetOrganization(client, organization, options.organizationSlug);
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
    }
    const renew = renewIds ? (id: string) => renewedId(organizationId, id) : (id: string) => id;
    const total = Object.values(manifest.counts).reduce((a, b) => a + (typeof b === "number" ? b : 0), 0);
    let done = 0;
    const advance = async (n: number) => {
      done += n;
      await options.onProgress?.(Math.min(done, total), total);
    };

    // members: users are installation-wide, so an e-mail already known here is that user; others are
    // created without a password, to be invited afresh (FORMAT.md, "Members")
    const users = new Map<string, string>();
    const members = { created: 0, matched: 0 };
    const membersWithoutPassword: string[] = [];
    for await (const line of reader.lines(MEMBERS_ENTRY)) {
      const member = parseLine(line, MEMBERS_ENTRY);
      const email = String(member.email).trim().toLowerCase();
      const { rows: known } = await client.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
      let userId = known[0]?.id;
      if (userId) members.matched += 1;
      else {
        const { rows: taken } = await client.query(`SELECT 1 FROM users WHERE id = $1::uuid`, [member.userId]);
        userId = taken.length ? randomUUID() : String(member.userId);
        await client.query(`INSERT INTO users (id, email, name, locale, "updatedAt") VALUES ($1, $2, $3, $4, now())`, [userId, email, member.name, member.locale ?? null]);
        members.created += 1;
        membersWithoutPassword.push(email);
      }
      users.set(String(member.userId), userId);
      await client.query(
        `INSERT INTO memberships ("userId", "organizationId", role, "deactivatedAt", "createdAt", "updatedAt") VALUES ($1, $2, $3::"Role", $4::timestamptz, $5::timestamptz, now())
         ON CONFLICT ("userId", "organizationId") DO NOTHING`,
        [userId, organizationId, member.role, member.deactivatedAt ?? null, member.createdAt ?? new Date().toISOString()],
      );
    }
    written.add("users").add("memberships");

    const places = new Map((await client.query<{ id: string; code: string }>(`SELECT id, code FROM places`)).rows.map((p) => [p.code, p.id]));
    const maps: TargetMaps = { organizationId, users, places, unmatchedPlaces: new Set(), uuidColumns, renew };
    const counts: Record<string, number> = {};
    let files = 0;
    for (const spec of ARCHIVED_TABLES) {
      const path = entityEntry(spec.table);
      let batch: JsonRow[] = [];
      // a merged person points at another row of people: the links are set once all of them are in
      const mergedInto: { id: string; survivor: string }[] = [];
      counts[spec.table] = 0;
      const flush = async () => {
        await insertRows(spec.table, batch);
        counts[spec.table]! += batch.length;
        await advance(batch.length);
        batch = [];
      };
      for await (const line of reader.lines(path)) {
        const archived = parseLine(line, path);
        const row = fromArchiveRow(spec, archived, maps);
        if (spec.table === "people" && row.mergedIntoId) {
          mergedInto.push({ id: String(row.id), survivor: String(row.mergedIntoId) });
          row.mergedIntoId = null;
        }
        if (spec.table === "attachments") {
          // streamed from the archive into storage (a large file is never held whole), checked as it goes
          const archivedId = String(archived.id);
          const hash = createHash("sha256");
          const storageKey = newStorageKey();
          writtenFiles.push({ organizationId, storageKey });
          const { keyId } = await writeEncryptedStream(organizationId, storageKey, attachmentContext(String(row.id)), hashed(reader.chunks(fileEntry(archivedId)), hash));
          if (hash.digest("hex") !== row.sha256) throw new ArchiveImportError("damaged", `The file of attachment ${archivedId} does not match its checksum.`);
          row.storageKey = storageKey;
          row.keyId = keyId;
          files += 1;
          await advance(1);
        }
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      if (mergedInto.length) {
        await client.query(
          `UPDATE people p SET "mergedIntoId" = m.survivor FROM json_to_recordset($1::json) AS m(id uuid, survivor uuid) WHERE p.id = m.id`,
          [JSON.stringify(mergedInto)],
        );
      }
      const expected = manifest.counts[spec.table];
      if (expected !== undefined && expected !== counts[spec.table]) throw new ArchiveImportError("damaged", `${path} holds ${counts[spec.table]} records, its manifest says ${expected}.`);
      log(`${spec.table}: ${counts[spec.table]}`);
    }

    // the audit log: this organisation's chain continues with the archive's events, chained again
    // under this installation's key, then one event that says where they came from
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`audit:${organizationId}`]);
    const { rows: head } = await client.query<{ hash: string }>(`SELECT hash FROM audit_events WHERE "organizationId" = $1 ORDER BY id DESC LIMIT 1`, [organizationId]);
    let prevHash = head[0]?.hash ?? GENESIS_HASH;
    let auditEvents = 0;
    let batch: JsonRow[] = [];
    const chain = (event: Omit<ChainedFields, "organizationId" | "prevHash">): JsonRow => {
      const fields: ChainedFields = { ...event, organizationId, prevHash };
      const hash = hashEvent(fields);
      prevHash = hash;
      return { ...fields, createdAt: fields.createdAt.toISOString(), hash };
    };
    for await (const line of reader.lines(AUDIT_ENTRY)) {
      const event = parseLine(line, AUDIT_ENTRY);
      const entityId = (event.entityId as string | null) ?? null;
      const actorUserId = (event.actorUserId as string | null) ?? null;
      batch.push(
        chain({
          // with renewed ids the events name the records (and members) as they are here
          actorUserId: renewIds && actorUserId ? (users.get(actorUserId) ?? null) : actorUserId,
          action: String(event.action),
          entityType: (event.entityType as string | null) ?? null,
          entityId: renewIds ? renewedEntity(entityId, String(event.entityType ?? ""), manifest.organization.id, organizationId, users, renew) : entityId,
          changedFields: (event.changedFields as string[]) ?? [],
          metadata: event.metadata ?? {},
          ipHash: (event.ipHash as string | null) ?? null,
          createdAt: new Date(String(event.createdAt)),
        }),
      );
      auditEvents += 1;
      if (batch.length >= batchSize) {
        await insertRows("audit_events", batch);
        await advance(batch.length);
        batch = [];
      }
    }
    batch.push(
      chain({
        actorUserId: options.actor?.userId ?? null,
        action: "organization.imported",
        entityType: "Organization",
        entityId: organizationId,
        changedFields: [],
        metadata: {
          archiveSha256,
          formatVersion: manifest.formatVersion,
          appVersion: manifest.appVersion,
          exportedAt: manifest.createdAt,
          sourceOrganizationId: manifest.organization.id,
          archivedEvents: manifest.audit.events,
          archivedHeadHash: manifest.audit.headHash,
          counts,
          files,
          members,
          renewedIds: renewIds,
          ...(options.actor?.jobId ? { jobId: options.actor.jobId } : {}),
        },
        ipHash: options.actor?.ipHash ?? null,
        createdAt: new Date(),
      }),
    );
    await insertRows("audit_events", batch);
    // read while the transaction still names the organisation (row-level security for the app's role)
    const slug = (await client.query<{ slug: string }>(`SELECT slug FROM organizations WHERE id = $1`, [organizationId])).rows[0]!.slug;
    await client.query("COMMIT");
    committed = true;

    // CI's PostgreSQL runs without autovacuum: the planner needs statistics for what was just written
    // (only the owner may; the app's import leaves it to autovacuum)
    for (const table of options.organizationId ? [] : [...written, ...Object.keys(NOT_ARCHIVED_TABLES).filter((t) => t.startsWith("person_") || t.startsWith("dashboard_") || t === "case_un_readiness")]) {
      await client.query(`VACUUM (ANALYZE) ${quote(table)}`);
    }
    return { organizationId, slug, counts, files, members, membersWithoutPassword, renewedIds: renewIds, auditEvents, unmatchedPlaces: [...maps.unmatchedPlaces].sort(), archiveSha256 };
  } catch (error) {
    // once committed the records point at the files: they stay whatever fails afterwards
    if (committed) throw error;
    await client.query("ROLLBACK").catch(() => undefined);
    for (const file of writtenFiles) await removeStored(file.organizationId, file.storageKey);
    if (error instanceof ArchiveImportError) throw error;
    if (error instanceof ArchiveReadError) throw new ArchiveImportError(error.reason, error.message);
    if (error instanceof pg.DatabaseError && error.code === "23505") {
      throw new ArchiveImportError("exists", `Records of this archive already exist in this installation (${error.table ?? "a table"}): an organisation's archive can be imported once.`, !renewIds);
    }
    throw error;
  } finally {
    await reader.close().catch(() => undefined);
    await client.end();
  }
}

/** The organisation, locked (nothing is added to it while the import runs), if it holds no records. */
async function emptyOrganization(client: pg.Client, id: string, name: string): Promise<string> {
  const { rows: locked } = await client.query(`SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE`, [id]);
  if (!locked.length) throw new ArchiveImportError("notFound", `There is no organisation "${name}" in this installation.`);
  for (const table of [...ARCHIVED_TABLES.map((t) => t.table), ...Object.keys(NOT_ARCHIVED_TABLES).filter((t) => t.startsWith("dashboard_") || t.startsWith("person_") || t === "case_un_readiness")]) {
    const { rows: found } = await client.query(`SELECT 1 FROM ${quote(table)} WHERE "organizationId" = $1 LIMIT 1`, [id]);
    if (found.length) throw new ArchiveImportError("notEmpty", `The organisation "${name}" is not empty (it has ${table}): an archive is imported only into an organisation without records.`);
  }
  return id;
}

/** An audit event's entity as it is named here once ids are renewed. */
function renewedEntity(entityId: string | null, entityType: string, archivedOrganizationId: string, organizationId: string, users: Map<string, string>, renew: (id: string) => string): string | null {
  if (!entityId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(entityId)) return entityId;
  if (entityId === archivedOrganizationId) return organizationId;
  if (entityType === "User") return users.get(entityId) ?? entityId;
  return renew(entityId);
}

/** Chunks passed on unchanged, each added to the hash. */
async function* hashed(chunks: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

/** The organisation to import into: an existing one without records, or a new one from the archive. */
async function targetOrganization(client: pg.Client, organization: JsonRow, slug: string | undefined): Promise<string> {
  if (slug) {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug]);
    const id = rows[0]?.id;
    if (!id) throw new ArchiveImportError("notFound", `There is no organisation "${slug}" in this installation.`);
    return emptyOrganization(client, id, slug);
  }
  const { rows } = await client.query(`SELECT slug FROM organizations WHERE id = $1::uuid OR slug = $2`, [organization.id, organization.slug]);
  if (rows.length) {
    throw new ArchiveImportError("exists", `An organisation "${String(organization.slug)}" (or with this archive's id) already exists here; name an empty organisation to import into with --organization.`);
  }
  await client.query(
    `INSERT INTO organizations (id, slug, name, "referencePrefix", "defaultLocale", "require2fa", "smallCellThreshold", "staleCaseDays", "unansweredAdvocacyDays", "reportRetentionDays", "createdAt", "updatedAt")
     SELECT id, slug, name, "referencePrefix", "defaultLocale", "require2fa", "smallCellThreshold", "staleCaseDays", "unansweredAdvocacyDays", "reportRetentionDays", "createdAt", now()
       FROM json_populate_record(NULL::organizations, $1::json)`,
    [JSON.stringify(organization)],
  );
  return String(organization.id);
}
