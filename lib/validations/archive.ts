// What an archive download asks for: the passphrase that will protect the archive (never stored).
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { MIN_PASSPHRASE_LENGTH } from "@/lib/archive/format";

export const archivePassphraseSchema = z.object({
  passphrase: z.string("required").min(MIN_PASSPHRASE_LENGTH, "passphraseTooShort").max(1000, "tooLong"),
});
export type ArchivePassphraseInput = z.input<typeof archivePassphraseSchema>;

/** An archive import: its passphrase (as given at its download) and the uploaded file's name. */
export const archiveImportSchema = z.object({
  passphrase: z.string("required").min(1, "required").max(1000, "tooLong"),
  fileName: z.string().max(500, "tooLong"),
});
