// npm run archive:import -- --file <archive.zip> --passphrase-file <file> [--organization <slug>]
// Imports an organisation archive (lib/archive/FORMAT.md) into this installation (DATABASE_URL, as its
// owner): into a new organisation made from the archive, or into the named one if it holds no records.
// Nothing is written unless the whole archive checks out; then everything is written in one transaction.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ArchiveImportError, importArchive } from "../lib/archive/import-archive";
import { ConfigError, getEnv } from "../lib/env";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith("--")) throw new ConfigError(`Give a value after ${name}.`);
  return value;
}

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name this installation's database, as its owner.");
  const file = argument("--file");
  const passphraseFile = argument("--passphrase-file");
  if (!file || !passphraseFile) throw new ConfigError("Usage: npm run archive:import -- --file <archive.zip> --passphrase-file <file> [--organization <slug>]");
  // the passphrase comes from a file, never the command line (which other users of the machine can see)
  const passphrase = readFileSync(path.resolve(passphraseFile), "utf8").replace(/\r?\n$/, "");
  const result = await importArchive({
    ownerUrl: env.DATABASE_URL,
    file: path.resolve(file),
    passphrase,
    organizationSlug: argument("--organization"),
    log: (line) => console.log(line),
  });
  const records = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(
    `Imported ${records} records, ${result.files} files and ${result.auditEvents} audit events into the organisation "${result.slug}" (${result.organizationId}).`,
  );
  console.log(`Members: ${result.members.created} new accounts without a password (send each a password reset from Administration → Members), ${result.members.matched} already known here.`);
  if (result.unmatchedPlaces.length) console.warn(`Places this installation's gazetteer lacks (their references were cleared): ${result.unmatchedPlaces.join(", ")}.`);
  console.log("Run npm run audit:verify to check the audit log.");
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof ArchiveImportError;
  console.error(known ? (error as Error).message : `The import failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
