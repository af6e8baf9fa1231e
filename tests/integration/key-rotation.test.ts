import { describe, expect, it } from "vitest";
import { decryptField, encryptField, keyIdOf, DecryptionError } from "../../lib/crypto";
import { personContactContext, personDocumentNoteContext, personDocumentNumberContext, personNotesContext } from "../../lib/crypto-contexts";
import { resetEnvCache } from "../../lib/env";
import { ENCRYPTED_COLUMNS, rotateFieldKeys, UNROTATED_COLUMNS } from "../../scripts/lib/rotate-keys";
import { createOrg, ownerQuery } from "../helpers/factories";

function useActiveKey(id: string) {
  process.env.ENCRYPTION_ACTIVE_KEY = id;
  resetEnvCache();
}

describe("encryption key rotation", () => {
  it("re-encrypts every value written under an old key, and they still decrypt after the old key is gone", async () => {
    const org = await createOrg("Rotation group", "RT");
    useActiveKey("test0");
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const [row] = await ownerQuery<{ id: string }>(
        `INSERT INTO people ("organizationId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`,
        [org.id, `Person ${i}`],
      );
      ids.push(row!.id);
      await ownerQuery(`UPDATE people SET "contactEnc" = $1, "notesEnc" = $2 WHERE id = $3`, [
        encryptField(`phone ${i}`, personContactContext(row!.id)),
        encryptField(`note ${i}`, personNotesContext(row!.id)),
        row!.id,
      ]);
    }

    useActiveKey("test1");
    const result = await rotateFieldKeys(process.env.DATABASE_URL as string, { batchSize: 3 });
    expect(result.byColumn["people.contactEnc"]).toBe(7);
    expect(result.byColumn["people.notesEnc"]).toBe(7);

    // Only the new key remains configured: everything still reads.
    const saved = process.env.ENCRYPTION_KEYS as string;
    process.env.ENCRYPTION_KEYS = saved.split(",").filter((k) => k.startsWith("test1:")).join(",");
    resetEnvCache();
    try {
      const rows = await ownerQuery<{ id: string; contactEnc: string; notesEnc: string }>(
        `SELECT id, "contactEnc", "notesEnc" FROM people WHERE "organizationId" = $1`,
        [org.id],
      );
      for (const row of rows) {
        expect(keyIdOf(row.contactEnc)).toBe("test1");
        expect(decryptField(row.contactEnc, personContactContext(row.id))).toMatch(/^phone \d$/);
        expect(decryptField(row.notesEnc, personNotesContext(row.id))).toMatch(/^note \d$/);
      }
      // Running again finds nothing left to do.
      expect((await rotateFieldKeys(process.env.DATABASE_URL as string)).reencrypted).toBe(0);
    } finally {
      process.env.ENCRYPTION_KEYS = saved;
      resetEnvCache();
    }
  });

  it("re-encrypts identity document numbers and their notes, whose look-up hashes stay as they were", async () => {
    const org = await createOrg("Rotation documents", "RD");
    useActiveKey("test0");
    const [person] = await ownerQuery<{ id: string }>(
      `INSERT INTO people ("organizationId", "displayName", "updatedAt") VALUES ($1, 'Holder', now()) RETURNING id`,
      [org.id],
    );
    const [document] = await ownerQuery<{ id: string }>(
      `INSERT INTO person_documents ("organizationId", "personId", kind, "numberEnc", "numberHash", "updatedAt")
       VALUES ($1, $2, 'KZ_PASSPORT', '', 'hash-unchanged', now()) RETURNING id`,
      [org.id, person!.id],
    );
    await ownerQuery(`UPDATE person_documents SET "numberEnc" = $1, "noteEnc" = $2 WHERE id = $3`, [
      encryptField("N7654321", personDocumentNumberContext(document!.id)),
      encryptField("renewed in Almaty", personDocumentNoteContext(document!.id)),
      document!.id,
    ]);
    useActiveKey("test1");
    const result = await rotateFieldKeys(process.env.DATABASE_URL as string);
    expect(result.byColumn["person_documents.numberEnc"]).toBe(1);
    expect(result.byColumn["person_documents.noteEnc"]).toBe(1);
    const [row] = await ownerQuery<{ numberEnc: string; noteEnc: string; numberHash: string }>(
      `SELECT "numberEnc", "noteEnc", "numberHash" FROM person_documents WHERE id = $1`,
      [document!.id],
    );
    expect(keyIdOf(row!.numberEnc)).toBe("test1");
    expect(decryptField(row!.numberEnc, personDocumentNumberContext(document!.id))).toBe("N7654321");
    expect(decryptField(row!.noteEnc, personDocumentNoteContext(document!.id))).toBe("renewed in Almaty");
    expect(row!.numberHash).toBe("hash-unchanged");
  });

  it("refuses to decrypt with the wrong key or in the wrong record's context", () => {
    useActiveKey("test1");
    const stored = encryptField("secret", personContactContext("a"));
    expect(() => decryptField(stored, personContactContext("b"))).toThrow(DecryptionError);
    const forged = stored!.replace(".test1.", ".test0.");
    expect(() => decryptField(forged, personContactContext("a"))).toThrow(DecryptionError);
  });

  it("covers every encrypted column of the schema, or says why it leaves one alone", async () => {
    const columns = await ownerQuery<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name LIKE '%Enc' ORDER BY 1`,
    );
    const rotated = new Set(ENCRYPTED_COLUMNS.map(({ table, column }) => `${table}.${column}`));
    const missing = columns.map((c) => c.name).filter((name) => !rotated.has(name) && !(name in UNROTATED_COLUMNS));
    expect(missing).toEqual([]);
  });
});
