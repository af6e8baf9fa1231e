// npm run keys:rotate — after adding a new key to ENCRYPTION_KEYS and making it ENCRYPTION_ACTIVE_KEY,
// re-encrypt everything written under older keys. Safe to interrupt and run again.
import { ConfigError, getEnv } from "../lib/env";
import { DecryptionError } from "../lib/crypto";
import { rotateFieldKeys, rotateJobFiles } from "./lib/rotate-keys";

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database, as its owner.");
  console.log(`Re-encrypting with key "${env.activeKeyId}"…`);
  const result = await rotateFieldKeys(env.DATABASE_URL, { onProgress: (column, done) => console.log(`  ${column}: ${done}`) });
  const files = await rotateJobFiles(env.DATABASE_URL);
  console.log(`  report files of finished jobs: ${files.reencrypted}${files.missing ? ` (${files.missing} already deleted)` : ""}`);
  console.log(`Done: ${result.reencrypted} values and ${files.reencrypted} report files re-encrypted. Old keys can be removed from ENCRYPTION_KEYS once backups made with them have expired.`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DecryptionError;
  console.error(known ? (error as Error).message : `Key rotation stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
