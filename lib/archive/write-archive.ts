// Writes one organisation's archive (see ./FORMAT.md) to a file: each table read in batches by key and
// streamed as lines of JSON into its entry, encrypted fields decrypted with this installation's keys,
// each attached file read on its own, the audit log checked against its chain while it is copied, and
// the manifest (counts and SHA-256 of every entry) written last.
import { decryptField } from "@/lib/crypto";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "@/lib/audit";
import packageJson from "@/package.json";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ARCHIVED_TABLES,
  AUDIT_ENTRY,
  MANIFEST_ENTRY,
  MEMBERS_ENTRY,
  ORGANIZATION_ENTRY,
  ORGANIZATION_FIELDS,
  entityEntry,
  fileEntry,
  type ArchiveManifest,
  type ArchivedTable,
  type JsonRow,
  type ManifestEntry,
} from "./format";
import { openZipWriter } from "./zip-io";

/** Runs one SQL statement in the export's snapshot and returns its rows. */
export type ArchiveQuery = (sql: string, params: unknown[]) => Promise<JsonRow[]>;

export interface WriteArchiveOptions {
  query: ArchiveQuery;
  organizationId: string;
  /** the decrypted bytes of one attachment, chunk by chunk (a large file is never held whole) */
  readFile: (attachment: { id: string; storageKey: string; keyId: string }) => AsyncIterable<Uint8Array>;
  file: string;
  /** without one the ZIP is plain (the job's stored file, encrypted at rest and on download) */
  password?: string;
  onProgress?: (done: number, total: number) => Promise<void>;
  batchSize?: number;
}

export class ArchiveExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveExportError";
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows of one table of the organisation as parsed JSON, in key order, a batch at a time. */
async function* tableRows(query: ArchiveQuery, table: ArchivedTable | { table: string; idType: "uuid" | "bigint" | null; orderBy: string }, organizationId: string, batchSize: number): AsyncGenerator<JsonRow> {
  const from = `FROM ${quote(table.table)} t WHERE t."organizationId" = $1::uuid`;
  if (!table.idType) {
    for (const row of await query(`SELECT to_jsonb(t)::text AS row ${from} ORDER BY t.${quote(table.orderBy)}`, [organizationId])) yield JSON.parse(String(row.row)) as JsonRow;
    return;
  }
  let after: string | null = null;
  for (;;) {
    const rows: JsonRow[] = await query(
      `SELECT to_jsonb(t)::text AS row, t.id::text AS key ${from} ${after === null ? "" : `AND t.id > $3::${table.idType}`} ORDER BY t.id LIMIT $2`,
      after === null ? [organizationId, batchSize] : [organizationId, batchSize, after],
    );
    for (const row of rows) yield JSON.parse(String(row.row)) as JsonRow;
    if (rows.length < batchSize) return;
    after = String(rows[rows.length - 1]!.key);
  }
}

/** A database row as the archive carries it (FORMAT.md, "Records"). */
export function toArchiveRow(spec: ArchivedTable, row: JsonRow, placeCodes: Map<string, string>): JsonRow {
  const out: JsonRow = { ...row };
  delete out.organizationId;
  for (const column of [...(spec.dropped ?? []), ...(spec.lookupHashes ?? [])]) delete out[column];
  for (const { column, field, context, json } of spec.encrypted ?? []) {
    const plain = decryptField(row[column] as string | null, context(String(row.id)));
    out[field] = json && plain !== null ? (JSON.parse(plain) as unknown) : plain;
    delete out[column];
  }
  for (const { column, field } of spec.placeColumns ?? []) {
    const id = row[column] as string | null;
    out[field] = id ? (placeCodes.get(id) ?? null) : null;
    delete out[column];
  }
  return out;
}

export async function writeArchive(options: WriteArchiveOptions): Promise<ArchiveManifest> {
  const { query, organizationId } = options;
  const batchSize = options.batchSize ?? 1000;
  const [organization] = await query(`SELECT to_jsonb(o)::text AS row FROM organizations o WHERE o.id = $1::uuid`, [organizationId]);
  if (!organization) throw new ArchiveExportError("The organisation does not exist.");
  const org = JSON.parse(String(organization.row)) as JsonRow;
  const placeCodes = new Map((await query(`SELECT id::text AS id, code FROM places`, [])).map((p) => [String(p.id), String(p.code)]));

  // counts first, for the progress bar and the manifest
  const counts: Record<string, number> = {};
  for (const table of [...ARCHIVED_TABLES.map((t) => t.table), "memberships", "audit_events"]) {
    const [row] = await query(`SELECT count(*)::int AS n FROM ${quote(table)} WHERE "organizationId" = $1::uuid`, [organizationId]);
    counts[table] = Number(row?.n ?? 0);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0) + counts.attachments!;
  let done = 0;
  const step = async () => {
    done += 1;
    if (done % batchSize === 0) await options.onProgress?.(done, total);
  };

  const zip = openZipWriter(options.file, options.password);
  const entries: ManifestEntry[] = [];
  try {
    const orgOut = Object.fromEntries(ORGANIZATION_FIELDS.map((field) => [field, org[field]]));
    entries.push(await zip.addBytes(ORGANIZATION_ENTRY, Buffer.from(`${JSON.stringify(orgOut, null, 2)}\n`)));

    // members without passwords, second factors or sessions: they are invited afresh on the new installation
    const members = await query(
      `SELECT json_build_object('id', m.id, 'userId', m."userId", 'email', u.email, 'name', u.name, 'locale', u.locale, 'role', m.role,
                                'deactivatedAt', m."deactivatedAt", 'createdAt', m."createdAt")::text AS row
         FROM memberships m JOIN users u ON u.id = m."userId" WHERE m."organizationId" = $1::uuid ORDER BY m.id`,
      [organizationId],
    );
    entries.push(
      await zip.addLines(
        MEMBERS_ENTRY,
        (async function* () {
          for (const member of members) {
            await step();
            yield String(member.row);
          }
        })(),
      ),
    );

    for (const spec of ARCHIVED_TABLES) {
      entries.push(
        await zip.addLines(
          entityEntry(spec.table),
          (async function* () {
            for await (const row of tableRows(query, spec, organizationId, batchSize)) {
              await step();
              yield JSON.stringify(toArchiveRow(spec, row, placeCodes));
            }
          })(),
        ),
      );
    }

    // every attached file, decrypted, under files/<attachment id>; its SHA-256 must match the row's
    for await (const row of tableRows(query, { table: "attachments", idType: "uuid", orderBy: "id" }, organizationId, batchSize)) {
      const entry = await zip.addStream(fileEntry(String(row.id)), options.readFile({ id: String(row.id), storageKey: String(row.storageKey), keyId: String(row.keyId) }));
      if (entry.sha256 !== row.sha256) throw new ArchiveExportError(`The stored file of attachment ${String(row.id)} does not match its checksum.`);
      entries.push(entry);
      await step();
    }

    // the audit log verbatim (ids in order), each event checked against the chain as it is copied
    let headHash = GENESIS_HASH;
    let events = 0;
    entries.push(
      await zip.addLines(
        AUDIT_ENTRY,
        (async function* () {
          for await (const row of tableRows(query, { table: "audit_events", idType: "bigint", orderBy: "id" }, organizationId, batchSize)) {
            const fields: ChainedFields = {
              organizationId,
              actorUserId: (row.actorUserId as string | null) ?? null,
              action: String(row.action),
              entityType: (row.entityType as string | null) ?? null,
              entityId: (row.entityId as string | null) ?? null,
              changedFields: (row.changedFields as string[]) ?? [],
              metadata: row.metadata,
              ipHash: (row.ipHash as string | null) ?? null,
              createdAt: new Date(String(row.createdAt)),
              prevHash: String(row.prevHash),
            };
            if (fields.prevHash !== headHash || hashEvent(fields) !== row.hash) {
              throw new ArchiveExportError(`The organisation's audit log does not verify at event ${String(row.id)}; run npm run audit:verify before exporting.`);
            }
            headHash = String(row.hash);
            events += 1;
            await step();
            const out: JsonRow = { ...row, createdAt: fields.createdAt.toISOString() };
            delete out.organizationId;
            yield JSON.stringify(out);
          }
        })(),
      ),
    );

    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      appVersion: packageJson.version,
      createdAt: new Date().toISOString(),
      organization: { id: organizationId, slug: String(org.slug), name: String(org.name) },
      counts: { ...Object.fromEntries(ARCHIVED_TABLES.map((t) => [t.table, counts[t.table] ?? 0])), members: counts.memberships ?? 0, audit_events: events, files: counts.attachments ?? 0 },
      audit: { events, headHash, verifiedAtExport: true },
      entries,
    };
    await zip.addBytes(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await zip.close();
    await options.onProgress?.(total, total);
    return manifest;
  } catch (error) {
    await zip.close().catch(() => undefined);
    throw error;
  }
}
