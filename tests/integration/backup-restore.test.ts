import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync as makeTempDir, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decryptField } from "../../lib/crypto";
import { caseSummaryContext } from "../../lib/crypto-contexts";
import { getEnv, resetEnvCache } from "../../lib/env";
import { uploadAttachment } from "../../lib/files/attachments";
import { seedDemo } from "../../prisma/seed/demo";
import { backupDatabase, listStoredFiles, restoreDatabase, type BackupResult } from "../../scripts/lib/backup";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { createMember, ownerQuery } from "../helpers/factories";
import { tsxArgs } from "../../scripts/lib/node-flags";

const tempDirs: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = makeTempDir(prefix);
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const runId = () => inject("templateDatabase").replace("qamqor_tpl_", "");

/** A new, empty database; owned by `owner` (a plain role) when given, else by the test server's superuser. */
async function emptyDatabase(owner?: { name: string; password: string }): Promise<string> {
  const adminUrl = inject("adminUrl");
  const name = `qamqor_t_${runId()}_r${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'${owner ? ` OWNER ${owner.name}` : ""}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (owner) {
    url.username = owner.name;
    url.password = owner.password;
  }
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every row of every table, as a count and a digest of the sorted rows (generated columns included). */
async function contents(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await query<{ relname: string }>(
    url,
    `SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY relname`,
  );
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { relname } of tables) {
    const [row] = await query<{ n: string; digest: string | null }>(
      url,
      `SELECT count(*) AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${relname}" t`,
    );
    result[relname] = { rows: Number(row?.n), digest: row?.digest ?? "" };
  }
  return result;
}

function storedFiles(dataDir: string): Record<string, string> {
  return Object.fromEntries(
    listStoredFiles(dataDir).map((file) => [file, createHash("sha256").update(readFileSync(path.join(dataDir, "files", file))).digest("hex")]),
  );
}

function seedLarge(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), tsxArgs("scripts/seed-large.ts", ...args), { env: process.env, timeout: 120_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stderr }),
    );
  });
}

/** Rows for the tables neither seed fills (sessions, tokens, invites, merges, jobs, files…). */
async function fillTheRest(): Promise<void> {
  const [org] = await ownerQuery<{ id: string; slug: string }>(`SELECT id, slug FROM organizations WHERE slug = 'atazhurt-demo'`);
  const member = await createMember({ id: org!.id, slug: org!.slug }, "COORDINATOR");
  const [kase] = await ownerQuery<{ id: string }>(`SELECT id FROM cases WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY reference LIMIT 1`, [org!.id]);
  await uploadAttachment(member, { caseId: kase!.id, fileName: "testimony.txt", bytes: Buffer.from("A testimony kept as a file.") });
  await uploadAttachment(member, { caseId: kase!.id, fileName: "letter.txt", bytes: Buffer.from("A reply from the ministry.") });
  const [a, b] = await ownerQuery<{ id: string }>(
    `SELECT id FROM people WHERE "organizationId" = $1 AND "mergedIntoId" IS NULL AND "erasedAt" IS NULL ORDER BY id LIMIT 2`,
    [org!.id],
  );
  // A merged person points at a row of its own table: the load order cannot put every parent first.
  await ownerQuery(`UPDATE people SET "mergedIntoId" = $1, "deletedAt" = now() WHERE id = $2`, [a!.id, b!.id]);
  await ownerQuery(
    `INSERT INTO person_merges ("organizationId", "survivorId", "mergedPersonId", "movedLinks", "mergedById") VALUES ($1, $2, $3, '{"names": []}', $4)`,
    [org!.id, a!.id, b!.id, member.userId],
  );
  await ownerQuery(
    `INSERT INTO person_duplicate_pairs ("organizationId", "personAId", "personBId", score, status, "reviewedById", "reviewedAt") VALUES ($1, $2, $3, 0.8, 'NOT_SAME', $4, now())`,
    [org!.id, a!.id, b!.id, member.userId],
  );
  await ownerQuery(`INSERT INTO login_attempts ("emailHash", "ipHash", success) VALUES ('e1', 'i1', true), ('e2', 'i2', false)`);
  await ownerQuery(`INSERT INTO user_sessions ("userId", "organizationId", "expiresAt") VALUES ($1, $2, now() + interval '1 hour')`, [member.userId, org!.id]);
  await ownerQuery(`INSERT INTO recovery_codes ("userId", "codeHash") VALUES ($1, 'code-hash-1')`, [member.userId]);
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'reports', 'token-hash-1')`, [org!.id, member.userId]);
  await ownerQuery(
    `INSERT INTO invites ("organizationId", email, role, "tokenHash", "expiresAt", "createdById") VALUES ($1, 'new@example.test', 'VOLUNTEER', 'invite-hash-1', now() + interval '1 day', $2)`,
    [org!.id, member.userId],
  );
  await ownerQuery(`INSERT INTO jobs ("organizationId", type, status, "createdById") VALUES ($1, 'report.dossier', 'SUCCEEDED', $2)`, [org!.id, member.userId]);
  await ownerQuery(
    `INSERT INTO person_documents ("organizationId", "personId", kind, "numberEnc", "numberHash", "updatedAt") VALUES ($1, $2, 'KZ_IIN', 'v1.x', 'number-hash-1', now())`,
    [org!.id, a!.id],
  );
  const [submission] = await ownerQuery<{ id: string }>(
    `INSERT INTO un_submissions ("organizationId", "caseId", type, "submitterName", "updatedAt") VALUES ($1, $2, 'WGEID', 'Atazhurt demo', now()) RETURNING id`,
    [org!.id, kase!.id],
  );
  await ownerQuery(
    `INSERT INTO un_submission_replies ("organizationId", "submissionId", "receivedAt", "respondBy", "updatedAt") VALUES ($1, $2, '2026-06-01', '2026-12-01', now())`,
    [org!.id, submission!.id],
  );
  await ownerQuery(`INSERT INTO user_identities ("userId", issuer, subject) VALUES ($1, 'https://id.example.org', 'subject-1')`, [member.userId]);
  await ownerQuery(`INSERT INTO password_reset_requests ("emailHash", "ipHash") VALUES ('e1', 'i1')`);
  await ownerQuery(
    `INSERT INTO idempotency_keys ("userId", key, "requestHash", status, "responseEnc", "expiresAt") VALUES ($1, 'key-1', 'hash-1', 201, 'v1.x', now() + interval '1 day')`,
    [member.userId],
  );
  // a spreadsheet uploaded for an import not finished yet: the backup carries its (encrypted) file too
  const uploadKey = randomBytes(16).toString("hex");
  mkdirSync(path.join(getEnv().dataDir, "files", org!.id), { recursive: true });
  writeFileSync(path.join(getEnv().dataDir, "files", org!.id, uploadKey), "encrypted upload bytes");
  await ownerQuery(
    `INSERT INTO import_uploads ("organizationId", "createdById", "fileName", format, "sizeBytes", "storageKey", "keyId") VALUES ($1, $2, 'cases.csv', 'csv', 10, $3, 'k1')`,
    [org!.id, member.userId, uploadKey],
  );
  await ownerQuery(`INSERT INTO import_templates ("organizationId", name, entity, "updatedAt") VALUES ($1, 'Our sheet', 'cases', now())`, [org!.id]);
  await ownerQuery(
    `INSERT INTO import_records ("organizationId", "rowKey", role, "entityType", "entityId", "fileName", sheet, "rowNumber") VALUES ($1, 'row-key-1', 'case', 'Case', $2, 'cases.csv', 'Sheet1', 2)`,
    [org!.id, kase!.id],
  );
}

describe("encrypted backups of the demo data and the large seed", () => {
  const sourceDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-backup-src-"));
  const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-backup-"));
  const file = path.join(dir, "full.backup");
  const owner = { name: `qamqor_owner_${randomBytes(4).toString("hex")}`, password: "owner-test-password" };
  const ownedDatabases: string[] = [];
  let backup: BackupResult;
  let source: Record<string, { rows: number; digest: string }>;

  beforeAll(async () => {
    process.env.QAMQOR_DATA_DIR = sourceDir;
    resetEnvCache();
    await seedDemo(process.env.DATABASE_URL as string);
    const large = await seedLarge(["--cases", "300", "--org-slug", "bench-backup"]);
    expect(large.code, large.stderr).toBe(0);
    await fillTheRest();
    backup = await backupDatabase(process.env.DATABASE_URL as string, file);
    source = await contents(process.env.DATABASE_URL as string);
    const admin = new pg.Client({ connectionString: inject("adminUrl") });
    await admin.connect();
    await admin.query(`CREATE ROLE ${owner.name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '${owner.password}'`);
    await admin.end();
  }, 180_000);

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: inject("adminUrl") });
    await admin.connect();
    for (const name of ownedDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${owner.name}`);
    await admin.end();
  });

  it("backs up a data set in which every table has rows, with the uploaded files", () => {
    for (const [table, { rows }] of Object.entries(source)) expect(rows, table).toBeGreaterThan(0);
    expect(backup.files).toBe(3);
    expect(backup.missingFiles).toBe(0);
    // The file holds no readable personal data.
    expect(readFileSync(file).includes(Buffer.from("Serikkyzy"))).toBe(false);
    expect(readFileSync(file).includes(Buffer.from("testimony"))).toBe(false);
  });

  it.each([
    ["the server's superuser", false],
    ["a plain database owner (no superuser, no BYPASSRLS)", true],
  ])("restores every row of every table and every file, as %s", async (_who, asPlainOwner) => {
    const target = await emptyDatabase(asPlainOwner ? owner : undefined);
    if (asPlainOwner) ownedDatabases.push(new URL(target).pathname.slice(1));
    const targetDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-backup-dst-"));
    const result = await restoreDatabase(target, file, { dataDir: targetDir });
    expect(result.files).toBe(3);
    expect(await contents(target)).toEqual(source);
    expect(storedFiles(targetDir)).toEqual(storedFiles(sourceDir));

    const audit = await verifyAuditChains(target, { checkpoints: result.auditHeads });
    expect(audit.problems).toEqual([]);
    expect(audit.checkpoints).toBe(backup.auditHeads.length);
    // The derived rows are live again: a new name gets its search words from the trigger.
    const [person] = await query<{ id: string; organizationId: string }>(target, `SELECT id, "organizationId" FROM people WHERE "erasedAt" IS NULL LIMIT 1`);
    await query(
      target,
      `INSERT INTO person_names ("organizationId", "personId", value, normalized, skeleton, script, kind) VALUES ($1, $2, 'Zzyzx', 'zzyzx', 'zzyzx', 'LATIN', 'ALIAS')`,
      [person!.organizationId, person!.id],
    );
    expect(await query(target, `SELECT 1 FROM person_tokens WHERE "personId" = $1 AND token = 'zzyzx'`, [person!.id])).toHaveLength(1);
    // The dashboard's summaries were recounted from the restored records and are kept again.
    const [kase] = await query<{ id: string; organizationId: string }>(target, `SELECT id, "organizationId" FROM cases WHERE "deletedAt" IS NULL ORDER BY reference LIMIT 1`);
    const opened = async () => Number((await query<{ n: string }>(target, `SELECT coalesce(sum(n), 0) AS n FROM dashboard_counts WHERE "organizationId" = $1 AND kind = 'opened'`, [kase!.organizationId]))[0]!.n);
    const before = await opened();
    await query(target, `UPDATE cases SET "deletedAt" = now() WHERE id = $1`, [kase!.id]);
    expect(await opened()).toBe(before - 1);
    await query(target, `UPDATE cases SET "deletedAt" = NULL WHERE id = $1`, [kase!.id]);
    // The append-only rule is back on.
    await expect(query(target, `DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    // Statistics are fresh (autovacuum may be off).
    const [stats] = await query<{ analyzed: string }>(target, `SELECT count(*) AS analyzed FROM pg_stat_user_tables WHERE relname = 'cases' AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`);
    expect(Number(stats?.analyzed)).toBe(1);
  }, 120_000);

  it("keeps encrypted fields readable with the same keys after a restore", async () => {
    const target = await emptyDatabase();
    await restoreDatabase(target, file, { dataDir: mkdtempSync(path.join(os.tmpdir(), "qamqor-backup-dst-")) });
    const [kase] = await query<{ id: string; summaryEnc: string }>(target, `SELECT id, "summaryEnc" FROM cases WHERE "summaryEnc" IS NOT NULL LIMIT 1`);
    expect(decryptField(kase!.summaryEnc, caseSummaryContext(kase!.id))).toMatch(/\w/);
  });

  it("refuses to restore into a database that is not empty", async () => {
    await expect(restoreDatabase(process.env.DATABASE_URL as string, file)).rejects.toThrow(/not empty/);
  });

  it("refuses a backup that was altered, leaving the target empty so that a retry succeeds", async () => {
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    const altered = path.join(dir, "altered.backup");
    writeFileSync(altered, bytes);
    writeFileSync(`${altered}.sha256`, readFileSync(`${file}.sha256`));
    await expect(restoreDatabase(await emptyDatabase(), altered)).rejects.toThrow(/does not match its checksum/);
    // Even with a matching checksum, the cipher's tag catches the change and nothing is kept.
    writeFileSync(`${altered}.sha256`, `${createHash("sha256").update(bytes).digest("hex")}  altered.backup\n`);
    const target = await emptyDatabase();
    const targetDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-backup-dst-"));
    await expect(restoreDatabase(target, altered, { dataDir: targetDir })).rejects.toThrow(/could not be decrypted|rolled back/);
    expect(await query(target, `SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r'`)).toEqual([]);
    expect(listStoredFiles(targetDir)).toEqual([]);
    // An empty database is not an intact audit log: it has no audit table at all.
    await expect(verifyAuditChains(target)).rejects.toThrow(/audit_events/);

    await restoreDatabase(target, file, { dataDir: targetDir });
    expect((await contents(target))["cases"]).toEqual(source["cases"]);
  }, 60_000);
});
