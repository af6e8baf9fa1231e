import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { audit } from "../../lib/audit";
import { decryptField, encryptField } from "../../lib/crypto";
import { withTenant } from "../../lib/db";
import { backupDatabase, restoreDatabase } from "../../scripts/lib/backup";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

async function emptyDatabase(): Promise<string> {
  const adminUrl = inject("adminUrl");
  const name = `qamqor_t_${inject("templateDatabase").replace("qamqor_tpl_", "")}_r${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string }>(
      `SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' ORDER BY relname`,
    );
    const result: Record<string, number> = {};
    for (const { relname } of rows) {
      const { rows: n } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${relname}"`);
      result[relname] = Number(n[0]!.n);
    }
    return result;
  } finally {
    await client.end();
  }
}

describe("encrypted backups", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-backup-"));
  const file = path.join(dir, "test.backup");
  let personId: string;

  beforeAll(async () => {
    const org = await createOrg("Backup group", "BK");
    const member = await createMember(org, "COORDINATOR");
    const people = await ownerQuery<{ id: string }>(
      `INSERT INTO people ("organizationId", "displayName", "updatedAt") VALUES ($1, 'Test Person', now()) RETURNING id`,
      [org.id],
    );
    personId = people[0]!.id;
    await ownerQuery(`UPDATE people SET "contactEnc" = $1, "mergedIntoId" = NULL WHERE id = $2`, [
      encryptField(JSON.stringify({ phone: "+7 700 000 00 00" }), `person.contact:${personId}`),
      personId,
    ]);
    for (let i = 0; i < 3; i += 1) {
      await withTenant(member, (tx) => audit(tx, { organizationId: org.id, actorUserId: member.userId, action: "person.update", entityType: "Person", entityId: personId }));
    }
  });

  it("round-trips every row, the audit chain and decryptable encrypted fields into an empty database", async () => {
    const source = process.env.DATABASE_URL as string;
    const result = await backupDatabase(source, file);
    expect(result.rows).toBeGreaterThan(0);
    // The file holds no readable personal data.
    expect(readFileSync(file).includes(Buffer.from("Test Person"))).toBe(false);

    const target = await emptyDatabase();
    await restoreDatabase(target, file);
    expect(await counts(target)).toEqual(await counts(source));
    expect((await verifyAuditChains(target)).problems).toEqual([]);

    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query<{ contactEnc: string }>(`SELECT "contactEnc" FROM people WHERE id = $1`, [personId]);
    await client.end();
    expect(JSON.parse(decryptField(rows[0]!.contactEnc, `person.contact:${personId}`) as string)).toEqual({ phone: "+7 700 000 00 00" });
  });

  it("refuses to restore into a database that is not empty", async () => {
    await expect(restoreDatabase(process.env.DATABASE_URL as string, file)).rejects.toThrow(/not empty/);
  });

  it("refuses a backup that was altered after it was written", async () => {
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    const altered = path.join(dir, "altered.backup");
    writeFileSync(altered, bytes);
    writeFileSync(`${altered}.sha256`, readFileSync(`${file}.sha256`));
    await expect(restoreDatabase(await emptyDatabase(), altered)).rejects.toThrow(/does not match its checksum/);
    // Even with a matching checksum, the cipher's tag catches the change and nothing is kept.
    const { createHash } = await import("node:crypto");
    writeFileSync(`${altered}.sha256`, `${createHash("sha256").update(bytes).digest("hex")}  altered.backup\n`);
    const target = await emptyDatabase();
    await expect(restoreDatabase(target, altered)).rejects.toThrow(/could not be decrypted|rolled back/);
    const after = await counts(target);
    expect(after["people"]).toBe(0);
  });
});
