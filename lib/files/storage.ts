// Encrypted file storage outside the database: one file per attachment or report file under
// <QAMQOR_DATA_DIR>/files/<organisation>/<random key>, holding AES-256-GCM ciphertext only.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { DecryptionError, STORED_HEADER_BYTES, decryptBytes, decryptingStream, encryptBytes, encryptingStream } from "@/lib/crypto";
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

/**
 * writeEncryptedFile for a file that arrives in chunks (archives, large attachments): memory holds one
 * chunk. The IV and tag go into the header, written once the body is done; the file appears whole or not at all.
 */
export async function writeEncryptedStream(organizationId: string, storageKey: string, context: string, chunks: AsyncIterable<Uint8Array>): Promise<{ keyId: string; bytes: number }> {
  const target = filePath(organizationId, storageKey);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = `${target}.part`;
  const { keyId, iv, cipher } = encryptingStream(context);
  const handle = await open(temporary, "w", 0o600);
  let bytes = 0;
  try {
    let position = STORED_HEADER_BYTES;
    const write = async (data: Buffer) => {
      if (data.length === 0) return;
      await handle.write(data, 0, data.length, position);
      position += data.length;
    };
    for await (const chunk of chunks) {
      bytes += chunk.byteLength;
      await write(cipher.update(chunk));
    }
    await write(cipher.final());
    await handle.write(Buffer.concat([iv, cipher.getAuthTag()]), 0, STORED_HEADER_BYTES, 0);
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await rename(temporary, target);
  return { keyId, bytes };
}

/**
 * A stored file decrypted chunk by chunk. The last step checks the tag and throws DecryptionError when the
 * file was altered, so a reader must treat what it got as valid only once the iteration has ended.
 */
export async function* readDecryptedStream(organizationId: string, storageKey: string, context: string, keyId: string): AsyncGenerator<Buffer> {
  const source = filePath(organizationId, storageKey);
  const handle = await open(source, "r");
  const header = Buffer.alloc(STORED_HEADER_BYTES);
  try {
    const { bytesRead } = await handle.read(header, 0, STORED_HEADER_BYTES, 0);
    if (bytesRead < STORED_HEADER_BYTES) throw new DecryptionError();
  } finally {
    await handle.close();
  }
  const decipher = decryptingStream(header, keyId, context);
  for await (const chunk of createReadStream(source, { start: STORED_HEADER_BYTES, highWaterMark: 256 * 1024 })) {
    const plain = decipher.update(chunk as Buffer);
    if (plain.length) yield plain;
  }
  let last: Buffer;
  try {
    last = decipher.final();
  } catch {
    throw new DecryptionError();
  }
  if (last.length) yield last;
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
