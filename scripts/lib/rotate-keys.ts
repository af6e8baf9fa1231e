// Re-encrypts every encrypted column still written under an older key with the active key.
// Works in small batches and only touches values whose key id differs, so it can be stopped and
// resumed at any time; an update only lands if the value was not changed meanwhile.
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import pg from "pg";
import { decryptBytes, decryptField, encryptBytes, encryptField, keyIdOf } from "../../lib/crypto";
import * as contexts from "../../lib/crypto-contexts";
import { getEnv } from "../../lib/env";
import { storedFileLocation } from "../../lib/files/location";

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
  { table: "un_submissions", column: "arbitraryReasonsEnc", context: contexts.unSubmissionReasonsContext },
  { table: "un_submissions", column: "commentsEnc", context: contexts.unSubmissionCommentsContext },
  { table: "un_submission_replies", column: "summaryEnc", context: contexts.unReplySummaryContext },
];

/**
 * Encrypted columns the rotation leaves alone, and why: a stored replay answer lives 24 hours, so keeping
 * the old key configured for a day after the switch is enough (README, "Encryption keys").
 */
export const UNROTATED_COLUMNS: Record<string, string> = {
  "idempotency_keys.responseEnc": "replay answers expire after 24 hours",
};

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

/**
 * Re-encrypts the files of finished report jobs still under an older key: each is written anew under a
 * fresh storage key, the job row moved to it only if it still points at the old file, then the old file
 * removed. Files already expired or missing are skipped (the cleanup forgets them anyway).
 */
export async function rotateJobFiles(ownerUrl: string): Promise<{ reencrypted: number; missing: number }> {
  const active = getEnv().activeKeyId;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let reencrypted = 0;
  let missing = 0;
  try {
    const { rows } = await client.query<{ id: string; organizationId: string; storageKey: string; keyId: string }>(
      `SELECT id::text, "organizationId"::text AS "organizationId", "storageKey", "keyId" FROM jobs WHERE "storageKey" IS NOT NULL AND "keyId" IS NOT NULL AND "keyId" <> $1`,
      [active],
    );
    for (const job of rows) {
      const from = storedFileLocation(job.organizationId, job.storageKey);
      const data = await readFile(from).catch(() => null);
      if (!data) {
        missing += 1;
        continue;
      }
      const context = contexts.jobFileContext(job.id);
      const fresh = encryptBytes(decryptBytes(data, job.keyId, context), context);
      const storageKey = randomBytes(24).toString("hex");
      const to = storedFileLocation(job.organizationId, storageKey);
      await writeFile(`${to}.part`, fresh.data, { mode: 0o600 });
      await rename(`${to}.part`, to);
      const moved = await client.query(`UPDATE jobs SET "storageKey" = $1, "keyId" = $2 WHERE id = $3 AND "storageKey" = $4`, [storageKey, fresh.keyId, job.id, job.storageKey]);
      // a job deleted or expired meanwhile keeps nothing: the new copy goes, not the row's file
      await unlink(moved.rowCount ? from : to).catch(() => undefined);
      if (moved.rowCount) reencrypted += 1;
    }
  } finally {
    await client.end();
  }
  return { reencrypted, missing };
}
