// Re-encrypts every encrypted column still written under an older key with the active key.
// Works in small batches and only touches values whose key id differs, so it can be stopped and
// resumed at any time; an update only lands if the value was not changed meanwhile.
import pg from "pg";
import { decryptField, encryptField, keyIdOf } from "../../lib/crypto";
import * as contexts from "../../lib/crypto-contexts";
import { getEnv } from "../../lib/env";

interface EncryptedColumn {
  table: string;
  column: string;
  context: (id: string) => string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: "people", column: "contactEnc", context: contexts.personContactContext },
  { table: "people", column: "notesEnc", context: contexts.personNotesContext },
  { table: "cases", column: "summaryEnc", context: contexts.caseSummaryContext },
  { table: "cases", column: "consentNotesEnc", context: contexts.caseConsentNotesContext },
  { table: "case_events", column: "descriptionEnc", context: contexts.eventDescriptionContext },
  { table: "notes", column: "bodyEnc", context: contexts.noteBodyContext },
  { table: "protests", column: "descriptionEnc", context: contexts.protestDescriptionContext },
  { table: "police_actions", column: "descriptionEnc", context: contexts.policeDescriptionContext },
  { table: "advocacy_actions", column: "descriptionEnc", context: contexts.advocacyDescriptionContext },
  { table: "advocacy_actions", column: "responseEnc", context: contexts.advocacyResponseContext },
  { table: "tasks", column: "descriptionEnc", context: contexts.taskDescriptionContext },
  { table: "sources", column: "descriptionEnc", context: contexts.sourceDescriptionContext },
  { table: "attachments", column: "fileNameEnc", context: contexts.attachmentFileNameContext },
  { table: "users", column: "totpSecretEnc", context: contexts.userTotpSecretContext },
  { table: "person_documents", column: "numberEnc", context: contexts.personDocumentNumberContext },
  { table: "person_documents", column: "noteEnc", context: contexts.personDocumentNoteContext },
];

export interface RotationResult {
  reencrypted: number;
  byColumn: Record<string, number>;
}

export async function rotateFieldKeys(
  ownerUrl: string,
  options: { batchSize?: number; onProgress?: (column: string, done: number) => void } = {},
): Promise<RotationResult> {
  const active = getEnv().activeKeyId;
  const batchSize = options.batchSize ?? 500;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const byColumn: Record<string, number> = {};
  let reencrypted = 0;
  try {
    for (const { table, column, context } of ENCRYPTED_COLUMNS) {
      const name = `${table}.${column}`;
      byColumn[name] = 0;
      const t = pg.escapeIdentifier(table);
      const c = pg.escapeIdentifier(column);
      for (;;) {
        const { rows } = await client.query<{ id: string; value: string }>(
          `SELECT id::text, ${c} AS value FROM ${t} WHERE ${c} IS NOT NULL AND split_part(${c}, '.', 2) <> $1 LIMIT $2`,
          [active, batchSize],
        );
        if (rows.length === 0) break;
        await client.query("BEGIN");
        try {
          for (const row of rows) {
            if (keyIdOf(row.value) === active) continue;
            const plain = decryptField(row.value, context(row.id));
            const fresh = encryptField(plain, context(row.id));
            await client.query(`UPDATE ${t} SET ${c} = $1 WHERE id = $2 AND ${c} = $3`, [fresh, row.id, row.value]);
          }
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
        byColumn[name] += rows.length;
        reencrypted += rows.length;
        options.onProgress?.(name, byColumn[name]);
      }
    }
  } finally {
    await client.end();
  }
  return { reencrypted, byColumn };
}
