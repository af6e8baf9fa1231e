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
import { newStorageKey, removeStored, writeEncrypted } from "@/lib/files/storage";
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
  ) {
    super(message);
    this.name = "ArchiveImportError";
  }
}

export interface ImportArchiveOptions {
  /** the database owner's connection (row-level security does not apply to it) */
  ownerUrl: string;
  file: string;
  passphrase: string;
  /** an existing organisation that holds no records; without one the organisation is created from the archive */
  organizationSlug?: string;
  log?: (line: string) => void;
  batchSize?: number;
}

export interface ImportArchiveResult {
  organizationId: string;
  slug: string;
  counts: Record<string, number>;
  files: number;
  members: { created: number; matched: number };
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
}

/** An archive line as the row this installation stores (the reverse of toArchiveRow). */
function fromArchiveRow(spec: ArchivedTable, row: JsonRow, maps: TargetMaps): JsonRow {
  const out: JsonRow = { ...row, organizationId: maps.organizationId };
  const id = String(row.id);
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
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 500;
  const archiveSha256 = await fileSha256(options.file);
  const { reader, manifest } = await verifyArchive(options.file, options.passphrase);
  log(`The archive of ${manifest.organization.name} (format ${manifest.formatVersion}) is intact: ${manifest.entries.length} entries checked.`);
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  const writtenFiles: { organizationId: string; storageKey: string }[] = [];
  const written = new Set<string>();
  try {
    const columns = new Map<string, Set<string>>();
    const { rows: columnRows } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER'`,
    );
    for (const { table_name, column_name } of columnRows) {
      if (!columns.has(table_name)) columns.set(table_name, new Set());
      columns.get(table_name)!.add(column_name);
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
    const organizationId = await targetOrganization(client, organization, options.organizationSlug);
    await client.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);

    // members: users are installation-wide, so an e-mail already known here is that user; others are
    // created without a password, to be invited afresh (FORMAT.md, "Members")
    const users = new Map<string, string>();
    const members = { created: 0, matched: 0 };
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
    const maps: TargetMaps = { organizationId, users, places, unmatchedPlaces: new Set() };
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
        batch = [];
      };
      for await (const line of reader.lines(path)) {
        const row = fromArchiveRow(spec, parseLine(line, path), maps);
        if (spec.table === "people" && row.mergedIntoId) {
          mergedInto.push({ id: String(row.id), survivor: String(row.mergedIntoId) });
          row.mergedIntoId = null;
        }
        if (spec.table === "attachments") {
          const bytes = await reader.bytes(fileEntry(String(row.id)));
          if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) throw new ArchiveImportError("damaged", `The file of attachment ${String(row.id)} does not match its checksum.`);
          const storageKey = newStorageKey();
          const { keyId } = await writeEncrypted(organizationId, storageKey, String(row.id), bytes);
          writtenFiles.push({ organizationId, storageKey });
          row.storageKey = storageKey;
          row.keyId = keyId;
          files += 1;
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
      batch.push(
        chain({
          actorUserId: (event.actorUserId as string | null) ?? null,
          action: String(event.action),
          entityType: (event.entityType as string | null) ?? null,
          entityId: (event.entityId as string | null) ?? null,
          changedFields: (event.changedFields as string[]) ?? [],
          metadata: event.metadata ?? {},
          ipHash: (event.ipHash as string | null) ?? null,
          createdAt: new Date(String(event.createdAt)),
        }),
      );
      auditEvents += 1;
      if (batch.length >= batchSize) {
        await insertRows("audit_events", batch);
        batch = [];
      }
    }
    batch.push(
      chain({
        actorUserId: null,
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
        },
        ipHash: null,
        createdAt: new Date(),
      }),
    );
    await insertRows("audit_events", batch);
    await client.query("COMMIT");

    // CI's PostgreSQL runs without autovacuum: the planner needs statistics for what was just written
    for (const table of [...written, ...Object.keys(NOT_ARCHIVED_TABLES).filter((t) => t.startsWith("person_") || t.startsWith("dashboard_") || t === "case_un_readiness")]) {
      await client.query(`VACUUM (ANALYZE) ${quote(table)}`);
    }
    const slug = (await client.query<{ slug: string }>(`SELECT slug FROM organizations WHERE id = $1`, [organizationId])).rows[0]!.slug;
    return { organizationId, slug, counts, files, members, auditEvents, unmatchedPlaces: [...maps.unmatchedPlaces].sort(), archiveSha256 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    for (const file of writtenFiles) await removeStored(file.organizationId, file.storageKey);
    if (error instanceof ArchiveImportError) throw error;
    if (error instanceof ArchiveReadError) throw new ArchiveImportError(error.reason, error.message);
    if (error instanceof pg.DatabaseError && error.code === "23505") {
      throw new ArchiveImportError("exists", `Records of this archive already exist in this installation (${error.table ?? "a table"}): an organisation's archive can be imported once.`);
    }
    throw error;
  } finally {
    await reader.close().catch(() => undefined);
    await client.end();
  }
}

/** The organisation to import into: an existing one without records, or a new one from the archive. */
async function targetOrganization(client: pg.Client, organization: JsonRow, slug: string | undefined): Promise<string> {
  if (slug) {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug]);
    const id = rows[0]?.id;
    if (!id) throw new ArchiveImportError("notFound", `There is no organisation "${slug}" in this installation.`);
    // lock it, so nothing is added to it while the import runs
    await client.query(`SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE`, [id]);
    for (const table of [...ARCHIVED_TABLES.map((t) => t.table), ...Object.keys(NOT_ARCHIVED_TABLES).filter((t) => t.startsWith("dashboard_") || t.startsWith("person_") || t === "case_un_readiness")]) {
      const { rows: found } = await client.query(`SELECT 1 FROM ${quote(table)} WHERE "organizationId" = $1 LIMIT 1`, [id]);
      if (found.length) throw new ArchiveImportError("notEmpty", `The organisation "${slug}" is not empty (it has ${table}): an archive is imported only into an organisation without records.`);
    }
    return id;
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
