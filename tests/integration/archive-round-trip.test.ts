import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ARCHIVED_TABLES, MANIFEST_ENTRY, NOT_ARCHIVED_TABLES, SPECIAL_TABLES, type ArchiveManifest, type JsonRow } from "../../lib/archive/format";
import { downloadArchive, findArchiveExports, requestArchiveExport } from "../../lib/archive/export-archive";
import { ArchiveImportError, importArchive } from "../../lib/archive/import-archive";
import { findArchiveImports, startArchiveImport } from "../../lib/archive/run-import";
import { toArchiveRow } from "../../lib/archive/write-archive";
import { openZipReader, openZipWriter } from "../../lib/archive/zip-io";
import type { Ctx } from "../../lib/authz";
import { DecryptionError, encryptField, lookupHash } from "../../lib/crypto";
import { personDocumentNoteContext, personDocumentNumberContext, unReplySummaryContext, unSubmissionCommentsContext } from "../../lib/crypto-contexts";
import { disconnectDb } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { uploadAttachment } from "../../lib/files/attachments";
import { readDecrypted, storedFilePath } from "../../lib/files/storage";
import { getJob, runJob } from "../../lib/jobs/queue";
import { setPortrait } from "../../lib/people/portrait";
import { normalisePhone } from "../../lib/validations/person";
import { seedDemo } from "../../prisma/seed/demo";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

const PASSPHRASE = "correct horse battery staple";
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A second installation: the migrated, empty template as its own database. */
async function freshInstallation(): Promise<string> {
  const name = `${inject("templateDatabase").replace("qamqor_tpl_", "qamqor_t_")}_a${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  await admin.end();
  const url = new URL(inject("adminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every record of the organisation as the archive carries it (decrypted with the keys in force). */
async function archivedView(url: string, organizationId: string): Promise<Record<string, Map<string, JsonRow>>> {
  const places = new Map((await query<{ id: string; code: string }>(url, `SELECT id::text, code FROM places`)).map((p) => [p.id, p.code]));
  const view: Record<string, Map<string, JsonRow>> = {};
  for (const spec of ARCHIVED_TABLES) {
    const rows = await query<{ row: JsonRow }>(url, `SELECT to_jsonb(t) AS row FROM "${spec.table}" t WHERE "organizationId" = $1`, [organizationId]);
    view[spec.table] = new Map(rows.map(({ row }) => [spec.idType ? String(row.id) : String(row.year), toArchiveRow(spec, row, places)]));
  }
  return view;
}

/** The installation's secrets and data folder: the source's (the test defaults) or the target's. */
function useInstallation(target: { dataDir: string } | null, sourceDir: string) {
  if (target) {
    process.env.ENCRYPTION_KEYS = `dest1:${Buffer.alloc(32, 11).toString("base64")}`;
    process.env.ENCRYPTION_ACTIVE_KEY = "dest1";
    process.env.AUDIT_HMAC_KEY = "target-audit-key-0123456789abcdefghijklmnopqrstuvwxyz";
    process.env.LOOKUP_HMAC_KEY = "target-lookup-key-0123456789abcdefghijklmnopqrstuvwxyz";
    process.env.QAMQOR_DATA_DIR = target.dataDir;
  } else {
    Object.assign(process.env, sourceSecrets, { QAMQOR_DATA_DIR: sourceDir });
  }
  resetEnvCache();
}
const sourceSecrets = {
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS,
  ENCRYPTION_ACTIVE_KEY: process.env.ENCRYPTION_ACTIVE_KEY,
  AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY,
  LOOKUP_HMAC_KEY: process.env.LOOKUP_HMAC_KEY,
};

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/** Runs an npm script's command as the target's operator would (npm run archive:import, audit:verify). */
function runScript(script: string, args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      ["--import", "./scripts/lib/server-only-hook.mjs", script, ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 180_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** The archive as an upload's request body, read from disk as it is sent. */
const bodyOf = (file: string) => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;

async function expectRefused(promise: Promise<unknown>, reason: ArchiveImportError["reason"]): Promise<ArchiveImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveImportError);
  expect((error as ArchiveImportError).reason).toBe(reason);
  return error as ArchiveImportError;
}

describe("moving an organisation to another installation with an encrypted archive", () => {
  const sourceDir = tempDir("qamqor-archive-src-");
  const targetDir = tempDir("qamqor-archive-dst-");
  const workDir = tempDir("qamqor-archive-work-");
  const archiveFile = path.join(workDir, "atazhurt.zip");
  let sourceUrl: string;
  let targetUrl: string;
  let org: { id: string; slug: string };
  let otherOrgId: string;
  let admin: Ctx;
  let source: Record<string, Map<string, JsonRow>>;
  const sourceFiles = new Map<string, Buffer>();
  let sourceAudit: JsonRow[];
  let sourceDerived: Record<string, string>;
  let sourceMembers: { email: string; role: string }[];

  beforeAll(async () => {
    sourceUrl = process.env.DATABASE_URL as string;
    useInstallation(null, sourceDir);
    await seedDemo(sourceUrl);
    [org] = (await ownerQuery<{ id: string; slug: string }>(`SELECT id, slug FROM organizations WHERE slug = 'atazhurt-demo'`)) as [{ id: string; slug: string }];
    otherOrgId = (await ownerQuery<{ id: string }>(`SELECT id FROM organizations WHERE slug <> 'atazhurt-demo' ORDER BY slug LIMIT 1`))[0]!.id;
    const [adminRow] = await ownerQuery<{ userId: string }>(
      `SELECT m."userId" FROM memberships m JOIN users u ON u.id = m."userId" WHERE u.email = 'admin@atazhurt.example' AND m."organizationId" = $1`,
      [org.id],
    );
    admin = { userId: adminRow!.userId, organizationId: org.id, role: "ADMIN" };

    // what the demo data lacks: files, a portrait, identity documents, UN submissions, source marks, a merge
    const [kase] = await ownerQuery<{ id: string; subjectPersonId: string }>(
      `SELECT id, "subjectPersonId" FROM cases WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY reference LIMIT 1`,
      [org.id],
    );
    await uploadAttachment(admin, { caseId: kase!.id, fileName: "Айгүл куәлігі.txt", bytes: Buffer.from("Менің інім 2018 жылы ұсталды. 我的弟弟被拘留了。") });
    await uploadAttachment(admin, { caseId: kase!.id, fileName: "letter.pdf", bytes: Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(3000)]) });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    await setPortrait(admin, kase!.subjectPersonId, { fileName: "portrait.png", bytes: png });
    const [document] = await ownerQuery<{ id: string }>(
      `INSERT INTO person_documents ("organizationId", "personId", kind, "numberEnc", "numberHash", "issuingCountry", "updatedAt")
       VALUES ($1, $2, 'CN_RESIDENT_ID', '', '', 'CN', now()) RETURNING id`,
      [org.id, kase!.subjectPersonId],
    );
    await ownerQuery(`UPDATE person_documents SET "numberEnc" = $1, "noteEnc" = $2, "numberHash" = $3 WHERE id = $4`, [
      encryptField("65280119800101001X", personDocumentNumberContext(document!.id)),
      encryptField("ескі төлқұжат", personDocumentNoteContext(document!.id)),
      lookupHash("65280119800101001X", "document"),
      document!.id,
    ]);
    const [submission] = await ownerQuery<{ id: string }>(
      `INSERT INTO un_submissions ("organizationId", "caseId", type, "submitterName", "sentAt", "unReference", "updatedAt") VALUES ($1, $2, 'WGEID', 'Atazhurt demo', '2026-03-01', 'G/SO 217/1 CHN 42', now()) RETURNING id`,
      [org.id, kase!.id],
    );
    await ownerQuery(`UPDATE un_submissions SET "commentsEnc" = $1 WHERE id = $2`, [encryptField("Отбасы келісім берді.", unSubmissionCommentsContext(submission!.id)), submission!.id]);
    const [reply] = await ownerQuery<{ id: string }>(
      `INSERT INTO un_submission_replies ("organizationId", "submissionId", "receivedAt", "respondBy", "updatedAt") VALUES ($1, $2, '2026-06-01', '2026-12-01', now()) RETURNING id`,
      [org.id, submission!.id],
    );
    await ownerQuery(`UPDATE un_submission_replies SET "summaryEnc" = $1 WHERE id = $2`, [encryptField("The government says he is in vocational training.", unReplySummaryContext(reply!.id)), reply!.id]);
    await ownerQuery(`INSERT INTO import_templates ("organizationId", name, entity, columns, "updatedAt") VALUES ($1, '2019 тізімі', 'cases', '{"Аты-жөні": "name"}', now())`, [org.id]);
    await ownerQuery(
      `INSERT INTO import_records ("organizationId", "rowKey", role, "entityType", "entityId", "fileName", sheet, "rowNumber") VALUES ($1, 'row-key-1', 'case', 'Case', $2, 'тізім-2019.xlsx', 'Парақ1', 7)`,
      [org.id, kase!.id],
    );
    const [a, b] = await ownerQuery<{ id: string }>(
      `SELECT id FROM people WHERE "organizationId" = $1 AND "mergedIntoId" IS NULL AND "erasedAt" IS NULL AND id NOT IN (SELECT "subjectPersonId" FROM cases) ORDER BY id LIMIT 2`,
      [org.id],
    );
    await ownerQuery(`UPDATE people SET "mergedIntoId" = $1, "deletedAt" = now() WHERE id = $2`, [a!.id, b!.id]);
    await ownerQuery(`INSERT INTO person_merges ("organizationId", "survivorId", "mergedPersonId", "movedLinks", "mergedById") VALUES ($1, $2, $3, '{"names": []}', $4)`, [
      org.id,
      a!.id,
      b!.id,
      admin.userId,
    ]);

    // likely duplicates, each pair stored in id order (which renewed ids must keep)
    await ownerQuery(
      `INSERT INTO person_duplicate_pairs ("organizationId", "personAId", "personBId", score, reasons)
       SELECT $1, LEAST(p.id, q.id), GREATEST(p.id, q.id), 0.9, '{name}'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM people WHERE "organizationId" = $1 AND "mergedIntoId" IS NULL LIMIT 16) p
         JOIN (SELECT id, row_number() OVER (ORDER BY id DESC) AS n FROM people WHERE "organizationId" = $1 AND "mergedIntoId" IS NULL LIMIT 16) q ON p.n = q.n AND p.id <> q.id
       ON CONFLICT DO NOTHING`,
      [org.id],
    );

    // export as the admin, through the job queue, and download once with the passphrase
    const job = await requestArchiveExport(admin);
    await runJob(job.id, org.id);
    const finished = await getJob(admin, job.id);
    expect(finished.status, finished.error ?? "").toBe("SUCCEEDED");
    // the log as the archive holds it: up to the export, before its download is audited
    sourceAudit = await ownerQuery<JsonRow>(
      `SELECT "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "ipHash", "createdAt" FROM audit_events WHERE "organizationId" = $1 ORDER BY id`,
      [org.id],
    );
    const download = await downloadArchive(admin, job.id, { passphrase: PASSPHRASE });
    writeFileSync(archiveFile, await collect(download.chunks));

    source = await archivedView(sourceUrl, org.id);
    for (const id of source.attachments!.keys()) {
      const [row] = await ownerQuery<{ storageKey: string; keyId: string }>(`SELECT "storageKey", "keyId" FROM attachments WHERE id = $1`, [id]);
      sourceFiles.set(id, await readDecrypted(org.id, row!.storageKey, id, row!.keyId));
    }
    sourceDerived = await derivedDigests(sourceUrl, org.id);
    sourceMembers = await ownerQuery<{ email: string; role: string }>(
      `SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m."userId" WHERE m."organizationId" = $1 ORDER BY u.email`,
      [org.id],
    );


    targetUrl = await freshInstallation();
    await disconnectDb();
    useInstallation({ dataDir: targetDir }, sourceDir);
  }, 240_000);

  afterAll(async () => {
    useInstallation(null, sourceDir);
    const admin = new pg.Client({ connectionString: inject("adminUrl") });
    await admin.connect();
    if (targetUrl) await admin.query(`DROP DATABASE IF EXISTS ${new URL(targetUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function derivedDigests(url: string, organizationId: string): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const [table, columns] of Object.entries({
      person_name_tokens: `"personNameId", token`,
      person_tokens: `"personId", token`,
      dashboard_case_facts: `"caseId", kind, key, day, n`,
      dashboard_counts: `kind, day, key, n`,
      dashboard_person_months: `"personId", month, previous`,
      case_un_readiness: `"caseId", "wgeidMissing", "wgadMissing", "wgeidReady", "wgadReady"`,
    })) {
      const [row] = await query<{ digest: string }>(
        url,
        `SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '') AS digest FROM (SELECT ${columns} FROM ${table} WHERE "organizationId" = $1) r`,
        [organizationId],
      );
      result[table] = row!.digest;
    }
    return result;
  }

  async function targetIsEmpty(): Promise<void> {
    const [counts] = await query<{ orgs: number; users: number; people: number; events: number }>(
      targetUrl,
      `SELECT (SELECT count(*)::int FROM organizations) AS orgs, (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM audit_events) AS events`,
    );
    expect(counts).toEqual({ orgs: 0, users: 0, people: 0, events: 0 });
    expect(filesUnder(path.join(targetDir, "files"))).toEqual([]);
  }

  it("covers every table that holds an organisation's rows, or says why it leaves it out", async () => {
    const tables = await ownerQuery<{ table_name: string }>(
      `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organizationId' ORDER BY table_name`,
    );
    const decided = new Set([...ARCHIVED_TABLES.map((t) => t.table), ...Object.keys(NOT_ARCHIVED_TABLES), ...SPECIAL_TABLES]);
    expect(tables.map((t) => t.table_name).filter((table) => !decided.has(table))).toEqual([]);
    // every encrypted column, every user and place reference of an archived table is handled
    for (const spec of ARCHIVED_TABLES) {
      const columns = await ownerQuery<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [spec.table]);
      const encrypted = columns.map((c) => c.column_name).filter((name) => name.endsWith("Enc"));
      expect(encrypted.sort(), spec.table).toEqual((spec.encrypted ?? []).map((e) => e.column).sort());
      const references = await ownerQuery<{ column_name: string; target: string }>(
        `SELECT kcu.column_name, ccu.table_name AS target FROM information_schema.table_constraints tc
           JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
           JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
          WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = $1 AND ccu.table_name IN ('users', 'places')`,
        [spec.table],
      );
      // (a user column without a foreign key, such as import_templates.createdById, is mapped all the same)
      for (const reference of references.filter((r) => r.target === "users")) expect(spec.userColumns ?? [], spec.table).toContain(reference.column_name);
      expect(references.filter((r) => r.target === "places").map((r) => r.column_name).sort(), spec.table).toEqual((spec.placeColumns ?? []).map((p) => p.column).sort());
    }
  });

  it("writes a manifest with the format version, the counts and a checksum of every entry", async () => {
    const reader = await openZipReader(archiveFile, PASSPHRASE);
    try {
      const manifest = JSON.parse((await reader.bytes(MANIFEST_ENTRY)).toString("utf8")) as ArchiveManifest;
      expect(manifest.format).toBe("qamqor-organization-archive");
      expect(manifest.formatVersion).toBe("1.0");
      expect(manifest.organization).toEqual({ id: org.id, slug: org.slug, name: expect.any(String) });
      expect(manifest.counts.people).toBe(source.people!.size);
      expect(manifest.counts.files).toBe(3);
      expect(manifest.audit.events).toBe(sourceAudit.length);
      expect(manifest.audit.verifiedAtExport).toBe(true);
      expect(new Set(manifest.entries.map((e) => e.path))).toEqual(new Set([...reader.entries.keys()].filter((name) => name !== MANIFEST_ENTRY)));
      for (const entry of manifest.entries) expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await reader.close();
    }
  });

  it("carries nothing of another organisation", async () => {
    const reader = await openZipReader(archiveFile, PASSPHRASE);
    const others = await ownerQuery<{ id: string }>(
      `SELECT id::text FROM people WHERE "organizationId" = $1 UNION ALL SELECT id::text FROM cases WHERE "organizationId" = $1
       UNION ALL SELECT id::text FROM protests WHERE "organizationId" = $1 UNION ALL SELECT id::text FROM police_actions WHERE "organizationId" = $1`,
      [otherOrgId],
    );
    const references = await ownerQuery<{ reference: string }>(`SELECT reference FROM cases WHERE "organizationId" = $1`, [otherOrgId]);
    expect(others.length).toBeGreaterThan(10);
    try {
      const needles = [otherOrgId, ...others.map((o) => o.id), ...references.map((r) => r.reference)];
      for (const name of reader.entries.keys()) {
        if (name.startsWith("files/")) continue;
        const text = (await reader.bytes(name)).toString("utf8");
        for (const needle of needles) expect(text.includes(needle), `${needle} in ${name}`).toBe(false);
      }
    } finally {
      await reader.close();
    }
  });

  it("refuses an export or a download by anyone but the admin who asked", async () => {
    const coordinator = await (async () => {
      useInstallation(null, sourceDir);
      return createMember(org, "COORDINATOR");
    })();
    try {
      await expect(requestArchiveExport(coordinator)).rejects.toMatchObject({ code: "FORBIDDEN" });
      const job = await requestArchiveExport(admin);
      await runJob(job.id, org.id);
      const otherAdmin = await createMember(org, "ADMIN");
      await expect(downloadArchive(otherAdmin, job.id, { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await findArchiveExports(otherAdmin)).map((j) => j.id)).not.toContain(job.id);
      await expect(downloadArchive(admin, job.id, { passphrase: "short" })).rejects.toMatchObject({ code: "INVALID" });
      const first = await downloadArchive(admin, job.id, { passphrase: PASSPHRASE });
      expect((await collect(first.chunks)).length).toBeGreaterThan(1000);
      const again = await downloadArchive(admin, job.id, { passphrase: PASSPHRASE }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(AppError);
      expect((again as AppError).key).toBe("archiveGone");
      const actions = await ownerQuery<{ action: string }>(`SELECT action FROM audit_events WHERE "entityId" = $1 ORDER BY id`, [job.id]);
      expect(actions.map((a) => a.action)).toEqual(["job.enqueue", "archive.export", "archive.download"]);
    } finally {
      await disconnectDb();
      useInstallation({ dataDir: targetDir }, sourceDir);
    }
  });

  it("keeps the finished archive encrypted at rest, and refuses a download of a stored copy altered on disk", async () => {
    useInstallation(null, sourceDir);
    try {
      const job = await requestArchiveExport(admin);
      await runJob(job.id, org.id);
      const [row] = await ownerQuery<{ storageKey: string; sizeBytes: number }>(`SELECT "storageKey", "sizeBytes" FROM jobs WHERE id = $1`, [job.id]);
      const stored = storedFilePath(org.id, row!.storageKey);
      const onDisk = readFileSync(stored);
      // IV and tag, then the ciphertext: no ZIP signature anywhere at its start
      expect(onDisk.length).toBe(row!.sizeBytes + 28);
      expect(onDisk.subarray(28, 32).equals(Buffer.from("PK\u0003\u0004", "latin1"))).toBe(false);
      onDisk[Math.floor(onDisk.length / 2)]! ^= 0x01;
      writeFileSync(stored, onDisk);
      await expect(downloadArchive(admin, job.id, { passphrase: PASSPHRASE })).rejects.toBeInstanceOf(DecryptionError);
      expect(existsSync(stored)).toBe(false);
    } finally {
      await disconnectDb();
      useInstallation({ dataDir: targetDir }, sourceDir);
    }
  });

  it("refuses a wrong passphrase and writes nothing", async () => {
    await expectRefused(importArchive({ ownerUrl: targetUrl, file: archiveFile, passphrase: "not the passphrase at all" }), "passphrase");
    await targetIsEmpty();
    const wrong = path.join(workDir, "wrong-passphrase.txt");
    writeFileSync(wrong, "not the passphrase at all\n");
    const run = await runScript("scripts/archive-import.ts", ["--file", archiveFile, "--passphrase-file", wrong], targetUrl);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe("The passphrase does not open this archive.");
    await targetIsEmpty();
  });

  it("refuses an archive with one byte changed and writes nothing", async () => {
    const bytes = readFileSync(archiveFile);
    for (const at of [Math.floor(bytes.length / 2), Math.floor(bytes.length / 3), 200]) {
      const flipped = Buffer.from(bytes);
      flipped[at] = flipped[at]! ^ 0x01;
      const file = path.join(workDir, `flipped-${at}.zip`);
      writeFileSync(file, flipped);
      const error = await importArchive({ ownerUrl: targetUrl, file, passphrase: PASSPHRASE }).catch((e: unknown) => e);
      expect(error, `byte ${at}`).toBeInstanceOf(ArchiveImportError);
      expect(["damaged", "format", "passphrase"]).toContain((error as ArchiveImportError).reason);
      await targetIsEmpty();
    }
  });

  it("refuses an archive of a newer major format version with a clear message", async () => {
    const reader = await openZipReader(archiveFile, PASSPHRASE);
    const file = path.join(workDir, "newer.zip");
    const writer = openZipWriter(file, PASSPHRASE);
    for (const name of reader.entries.keys()) {
      if (name !== MANIFEST_ENTRY) await writer.addStream(name, reader.chunks(name));
    }
    const manifest = JSON.parse((await reader.bytes(MANIFEST_ENTRY)).toString("utf8")) as ArchiveManifest;
    await writer.addBytes(MANIFEST_ENTRY, Buffer.from(JSON.stringify({ ...manifest, formatVersion: "2.0" })));
    await writer.close();
    await reader.close();
    const error = await expectRefused(importArchive({ ownerUrl: targetUrl, file, passphrase: PASSPHRASE }), "version");
    expect(error.message).toContain("2.0");
    await targetIsEmpty();
  });

  it("imports the organisation into another installation with other keys, record by record the same", async () => {
    const passphraseFile = path.join(workDir, "passphrase.txt");
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    const run = await runScript("scripts/archive-import.ts", ["--file", archiveFile, "--passphrase-file", passphraseFile], targetUrl);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`into the organisation "${org.slug}" (${org.id})`);
    expect(run.stdout).toContain("3 files");
    expect(run.stderr).not.toContain("gazetteer lacks");

    const target = await archivedView(targetUrl, org.id);
    for (const spec of ARCHIVED_TABLES) {
      expect(target[spec.table]!.size, spec.table).toBe(source[spec.table]!.size);
      for (const [id, row] of source[spec.table]!) expect(target[spec.table]!.get(id), `${spec.table} ${id}`).toEqual(row);
    }
    // names in several scripts came across
    const scripts = new Set([...target.person_names!.values()].map((n) => n.script));
    expect(scripts.has("LATIN") && scripts.has("CYRILLIC") && scripts.has("HAN")).toBe(true);
    // encrypted with this installation's key, and the look-up hashes made with its key
    const [{ n: oldKeys }] = (await query<{ n: number }>(targetUrl, `SELECT count(*)::int AS n FROM people WHERE "contactEnc" IS NOT NULL AND split_part("contactEnc", '.', 2) <> 'dest1'`)) as [{ n: number }];
    expect(oldKeys).toBe(0);
    const people = await query<{ id: string; phoneHash: string | null }>(targetUrl, `SELECT id, "phoneHash" FROM people WHERE "organizationId" = $1`, [org.id]);
    let phones = 0;
    for (const person of people) {
      const phone = (target.people!.get(person.id)!.contact as { phone?: string } | null)?.phone;
      const normalised = phone ? normalisePhone(phone) : null;
      expect(person.phoneHash).toBe(normalised ? lookupHash(normalised, "phone") : null);
      if (normalised) phones += 1;
    }
    expect(phones).toBeGreaterThan(0);
    const [doc] = await query<{ numberHash: string }>(targetUrl, `SELECT "numberHash" FROM person_documents WHERE "organizationId" = $1`, [org.id]);
    expect(doc!.numberHash).toBe(lookupHash("65280119800101001X", "document"));
    // files byte for byte, stored under this installation's key
    for (const [id, bytes] of sourceFiles) {
      const [row] = await query<{ storageKey: string; keyId: string }>(targetUrl, `SELECT "storageKey", "keyId" FROM attachments WHERE id = $1`, [id]);
      expect(row!.keyId).toBe("dest1");
      expect((await readDecrypted(org.id, row!.storageKey, id, row!.keyId)).equals(bytes)).toBe(true);
    }
    // derived tables rebuilt by the triggers exactly as they were
    expect(await derivedDigests(targetUrl, org.id)).toEqual(sourceDerived);
    // members: the same people in the same roles, with no password to sign in with until invited afresh
    const members = await query<{ email: string; role: string; passwordHash: string | null }>(
      targetUrl,
      `SELECT u.email, m.role, u."passwordHash" FROM memberships m JOIN users u ON u.id = m."userId" WHERE m."organizationId" = $1 ORDER BY u.email`,
      [org.id],
    );
    expect(members.map(({ email, role }) => ({ email, role }))).toEqual(sourceMembers);
    expect(members.every((m) => m.passwordHash === null)).toBe(true);
    // nothing of the other organisation
    expect((await query(targetUrl, `SELECT 1 FROM organizations WHERE id = $1`, [otherOrgId])).length).toBe(0);
  });

  it("leaves an audit chain that verifies, the archive's events verbatim and then the import", async () => {
    const verified = await verifyAuditChains(targetUrl);
    expect(verified.problems).toEqual([]);
    const command = await runScript("scripts/audit-verify.ts", [], targetUrl);
    expect(command.code, command.stderr).toBe(0);
    expect(command.stdout).toContain("The audit log is intact");
    const events = await query<JsonRow>(
      targetUrl,
      `SELECT "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "ipHash", "createdAt" FROM audit_events WHERE "organizationId" = $1 ORDER BY id`,
      [org.id],
    );
    expect(events.length).toBe(sourceAudit.length + 1);
    expect(events.slice(0, -1)).toEqual(sourceAudit);
    const imported = events.at(-1)!;
    expect(imported.action).toBe("organization.imported");
    const manifestHead = (await (async () => {
      const reader = await openZipReader(archiveFile, PASSPHRASE);
      try {
        return (JSON.parse((await reader.bytes(MANIFEST_ENTRY)).toString("utf8")) as ArchiveManifest).audit.headHash;
      } finally {
        await reader.close();
      }
    })());
    expect(imported.metadata).toMatchObject({ archivedEvents: sourceAudit.length, archivedHeadHash: manifestHead });
  });

  it("refuses to import into an organisation that already holds records", async () => {
    await expectRefused(importArchive({ ownerUrl: targetUrl, file: archiveFile, passphrase: PASSPHRASE, organizationSlug: org.slug }), "notEmpty");
    await expectRefused(importArchive({ ownerUrl: targetUrl, file: archiveFile, passphrase: PASSPHRASE }), "exists");
  });

  it("imports into an existing empty organisation of another installation, continuing its audit chain", async () => {
    const url = await freshInstallation();
    try {
      const [empty] = await query<{ id: string }>(url, `INSERT INTO organizations (slug, name, "referencePrefix", "updatedAt") VALUES ('moved', 'Moved group', 'MV', now()) RETURNING id`);
      // the organisation's own first event, written as the app writes it, so the chain has a head to continue
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { hashEvent, GENESIS_HASH } = await import("../../lib/audit");
      const createdAt = new Date();
      const fields = { organizationId: empty!.id, actorUserId: null, action: "organization.create", entityType: "Organization", entityId: empty!.id, changedFields: [], metadata: {}, ipHash: null, createdAt, prevHash: GENESIS_HASH };
      await client.query(
        `INSERT INTO audit_events ("organizationId", action, "entityType", "entityId", "createdAt", "prevHash", hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [empty!.id, fields.action, fields.entityType, fields.entityId, createdAt, GENESIS_HASH, hashEvent(fields)],
      );
      await client.end();
      const result = await importArchive({ ownerUrl: url, file: archiveFile, passphrase: PASSPHRASE, organizationSlug: "moved" });
      expect(result.organizationId).toBe(empty!.id);
      const [counts] = await query<{ people: number; cases: number; elsewhere: number }>(
        url,
        `SELECT (SELECT count(*)::int FROM people WHERE "organizationId" = $1) AS people, (SELECT count(*)::int FROM cases WHERE "organizationId" = $1) AS cases,
                (SELECT count(*)::int FROM people WHERE "organizationId" <> $1) AS elsewhere`,
        [empty!.id],
      );
      expect(counts).toEqual({ people: source.people!.size, cases: source.cases!.size, elsewhere: 0 });
      expect((await verifyAuditChains(url)).problems).toEqual([]);
      const actions = await query<{ action: string }>(url, `SELECT action FROM audit_events WHERE "organizationId" = $1 ORDER BY id`, [empty!.id]);
      expect(actions.length).toBe(sourceAudit.length + 2);
      expect(actions[0]!.action).toBe("organization.create");
      expect(actions.at(-1)!.action).toBe("organization.imported");
    } finally {
      const admin = new pg.Client({ connectionString: inject("adminUrl") });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  });

  describe("imported from the app by an admin of an empty organisation", () => {
    /** counts of every archived table per organisation, to see that no other organisation changed */
    const countsByOrganization = async () => {
      const result: Record<string, number> = {};
      for (const { table } of ARCHIVED_TABLES) {
        for (const row of await ownerQuery<{ org: string; n: number }>(`SELECT "organizationId"::text AS org, count(*)::int AS n FROM "${table}" GROUP BY 1`)) result[`${row.org}:${table}`] = row.n;
      }
      return result;
    };
    const uploadsLeft = async (organizationId: string) => filesUnder(path.join(sourceDir, "files", organizationId)).length;

    it("refuses a wrong passphrase, an altered archive and a non-empty organisation with a clear message, writing nothing", async () => {
      useInstallation(null, sourceDir);
      try {
        const empty = await createOrg("Empty group", "EG");
        const emptyAdmin = await createMember(empty, "ADMIN");
        const before = await countsByOrganization();
        const wrong = await startArchiveImport(emptyAdmin, { body: bodyOf(archiveFile), fileName: "a.zip", passphrase: "not the passphrase at all" }).catch((e: unknown) => e);
        expect(wrong).toMatchObject({ key: "archivePassphrase" });
        const full = await startArchiveImport(admin, { body: bodyOf(archiveFile), fileName: "a.zip", passphrase: PASSPHRASE }).catch((e: unknown) => e);
        expect(full).toMatchObject({ key: "archiveNotEmpty" });
        const coordinator = await createMember(empty, "COORDINATOR");
        await expect(startArchiveImport(coordinator, { body: bodyOf(archiveFile), fileName: "a.zip", passphrase: PASSPHRASE })).rejects.toMatchObject({ code: "FORBIDDEN" });

        // one byte changed inside an entry: the passphrase opens it, the job's check refuses it
        const bytes = readFileSync(archiveFile);
        const flipped = Buffer.from(bytes);
        const at = Math.floor(bytes.length / 3);
        flipped[at] = flipped[at]! ^ 0xff;
        const altered = path.join(workDir, "altered.zip");
        writeFileSync(altered, flipped);
        const started = await startArchiveImport(emptyAdmin, { body: bodyOf(altered), fileName: "altered.zip", passphrase: PASSPHRASE }).catch((e: unknown) => e);
        if (started instanceof AppError) expect(started.key).toMatch(/^archive(Damaged|Passphrase|Format)$/);
        else {
          const job = started as { id: string };
          await runJob(job.id, empty.id);
          const failed = await getJob(emptyAdmin, job.id);
          expect(failed.status).toBe("FAILED");
          expect(failed.error).toMatch(/^archive(Damaged|Passphrase)$/);
        }
        expect(await countsByOrganization()).toEqual(before);
        expect(await uploadsLeft(empty.id)).toBe(0);
      } finally {
        await disconnectDb();
        useInstallation({ dataDir: targetDir }, sourceDir);
      }
    });

    it("imports into that organisation only, with new ids in the archive's own installation, audited with who started it", async () => {
      useInstallation(null, sourceDir);
      try {
        const empty = await createOrg("Moved here", "MH");
        const emptyAdmin = await createMember(empty, "ADMIN");
        const before = await countsByOrganization();
        const job = await startArchiveImport(emptyAdmin, { body: bodyOf(archiveFile), fileName: "atazhurt.zip", passphrase: PASSPHRASE });
        expect(JSON.stringify(job)).not.toContain("sealed");
        // the passphrase is in the job's row only sealed, and only until the job ends
        const [queued] = await ownerQuery<{ payload: string }>(`SELECT payload::text FROM jobs WHERE id = $1`, [job.id]);
        expect(queued!.payload).not.toContain(PASSPHRASE);
        expect(queued!.payload).toContain("sealed");
        await runJob(job.id, empty.id);
        const [done] = await findArchiveImports(emptyAdmin);
        expect(done!.status, done!.error ?? "").toBe("SUCCEEDED");
        const report = done!.result as { records: number; files: number; renewedIds: boolean; members: { created: number; matched: number }; unmatchedPlaces: string[] };
        expect(report.renewedIds).toBe(true);
        expect(report.files).toBe(source.attachments!.size);
        expect(report.members.matched).toBe(sourceMembers.length);
        expect(report.unmatchedPlaces).toEqual([]);
        const [after] = await ownerQuery<{ payload: string }>(`SELECT payload::text FROM jobs WHERE id = $1`, [job.id]);
        expect(after!.payload).not.toContain("sealed");
        expect(await uploadsLeft(empty.id)).toBe(source.attachments!.size);

        // every other organisation exactly as before; this one holds the archive's records
        const now = await countsByOrganization();
        for (const [key, n] of Object.entries(before)) expect(now[key], key).toBe(n);
        for (const { table } of ARCHIVED_TABLES) expect(now[`${empty.id}:${table}`] ?? 0, table).toBe(source[table]!.size);

        // the same files, re-encrypted for their new records
        const rows = await ownerQuery<{ id: string; sha256: string; storageKey: string; keyId: string }>(`SELECT id, sha256, "storageKey", "keyId" FROM attachments WHERE "organizationId" = $1`, [empty.id]);
        const sourceSums = new Set([...sourceFiles.values()].map((bytes) => createHash("sha256").update(bytes).digest("hex")));
        for (const row of rows) {
          const bytes = await readDecrypted(empty.id, row.storageKey, row.id, row.keyId);
          expect(sourceSums.has(createHash("sha256").update(bytes).digest("hex"))).toBe(true);
        }
        expect((await verifyAuditChains(sourceUrl)).problems).toEqual([]);
        const [imported] = await ownerQuery<{ actorUserId: string; metadata: { jobId: string; renewedIds: boolean } }>(
          `SELECT "actorUserId", metadata FROM audit_events WHERE "organizationId" = $1 AND action = 'organization.imported'`,
          [empty.id],
        );
        expect(imported!.actorUserId).toBe(emptyAdmin.userId);
        expect(imported!.metadata).toMatchObject({ jobId: job.id, renewedIds: true });
        // the organisation keeps its own name and address
        const [target] = await ownerQuery<{ slug: string; name: string }>(`SELECT slug, name FROM organizations WHERE id = $1`, [empty.id]);
        expect(target!.name).toBe("Moved here");
        const again = await startArchiveImport(emptyAdmin, { body: bodyOf(archiveFile), fileName: "atazhurt.zip", passphrase: PASSPHRASE }).catch((e: unknown) => e);
        expect(again).toMatchObject({ key: "archiveNotEmpty" });
      } finally {
        await disconnectDb();
        useInstallation({ dataDir: targetDir }, sourceDir);
      }
    }, 180_000);
  });
});
