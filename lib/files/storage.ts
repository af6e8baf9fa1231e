// Encrypted file storage outside the database: one file per attachment or report file under
// <QAMQOR_DATA_DIR>/files/<organisation>/<random key>, holding AES-256-GCM ciphertext only.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { decryptBytes, encryptBytes } from "@/lib/crypto";
import { storedFileLocation } from "./location";

export const attachmentContext = (attachmentId: string) => `attachment:${attachmentId}`;
export { jobFileContext } from "@/lib/crypto-contexts";

const filePath = storedFileLocation;

export function newStorageKey(): string {
  return randomBytes(24).toString("hex");
}

/** What an attachment row records of a stored file: its type, size, checksum and where it lies encrypted. */
export interface StoredUpload {
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  keyId: string;
}

/** Stores a checked upload encrypted under a new key, for the attachment row `attachmentId`. */
export async function storeUpload(organizationId: string, attachmentId: string, checked: { bytes: Buffer; mimeType: string }): Promise<StoredUpload> {
  const storageKey = newStorageKey();
  const { keyId } = await writeEncrypted(organizationId, storageKey, attachmentId, checked.bytes);
  return { mimeType: checked.mimeType, sizeBytes: checked.bytes.length, sha256: createHash("sha256").update(checked.bytes).digest("hex"), storageKey, keyId };
}

export async function writeEncrypted(organizationId: string, storageKey: string, attachmentId: string, plain: Buffer): Promise<{ keyId: string }> {
  return writeEncryptedFile(organizationId, storageKey, attachmentContext(attachmentId), plain);
}

/** Writes any stored file (attachments, report files) bound to its own context string. */
export async function writeEncryptedFile(organizationId: string, storageKey: string, context: string, plain: Buffer): Promise<{ keyId: string }> {
  const target = filePath(organizationId, storageKey);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const { keyId, data } = encryptBytes(plain, context);
  const temporary = `${target}.part`;
  await writeFile(temporary, data, { mode: 0o600 });
  await rename(temporary, target);
  return { keyId };
}

export async function readDecrypted(organizationId: string, storageKey: string, attachmentId: string, keyId: string): Promise<Buffer> {
  return readDecryptedFile(organizationId, storageKey, attachmentContext(attachmentId), keyId);
}

export async function readDecryptedFile(organizationId: string, storageKey: string, context: string, keyId: string): Promise<Buffer> {
  const data = await readFile(filePath(organizationId, storageKey));
  return decryptBytes(data, keyId, context);
}

export async function removeStored(organizationId: string, storageKey: string): Promise<void> {
  await unlink(filePath(organizationId, storageKey)).catch(() => undefined);
}

/** Where a stored file lives on disk (for tests and backups). */
export function storedFilePath(organizationId: string, storageKey: string): string {
  return filePath(organizationId, storageKey);
}
