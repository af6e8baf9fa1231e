// Authenticated encryption (AES-256-GCM) for sensitive fields and files, with keys from configuration
// (never from the database) and the key id on every ciphertext so keys can be rotated.
import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual, type CipherGCM, type DecipherGCM } from "node:crypto";
import { getEnv } from "./env";

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(message = "The data could not be decrypted with the configured keys.") {
    super(message);
    this.name = "DecryptionError";
  }
}

function keyFor(id: string): Buffer {
  const key = getEnv().ENCRYPTION_KEYS.get(id);
  if (!key) throw new DecryptionError(`No encryption key with id "${id}" is configured.`);
  return key;
}

/**
 * Binding the ciphertext to what it belongs to (e.g. "person.contact:<id>") stops a value being
 * copied into another record or field and still decrypting.
 */
export function encryptBytes(plain: Buffer, context: string): { keyId: string; data: Buffer } {
  const keyId = getEnv().activeKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(keyId), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId, data: Buffer.concat([iv, cipher.getAuthTag(), body]) };
}

export function decryptBytes(data: Buffer, keyId: string, context: string): Buffer {
  if (data.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv("aes-256-gcm", keyFor(keyId), data.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** The header of a stored file (IV, then GCM tag) comes before its body; a streamed file writes it last. */
export const STORED_HEADER_BYTES = IV_BYTES + TAG_BYTES;

/** encryptBytes as a stream, for files too large to hold: the same layout (IV | tag | body). */
export function encryptingStream(context: string): { keyId: string; iv: Buffer; cipher: CipherGCM } {
  const keyId = getEnv().activeKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(keyId), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  return { keyId, iv, cipher };
}

/** decryptBytes as a stream: its final() throws DecryptionError when the file was altered. */
export function decryptingStream(header: Buffer, keyId: string, context: string): DecipherGCM {
  if (header.length < STORED_HEADER_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv("aes-256-gcm", keyFor(keyId), header.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(header.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return decipher;
}

/** Encrypts text for a `…Enc` column: "v1.<keyId>.<base64url>". Null stays null. */
export function encryptField(plain: string | null | undefined, context: string): string | null {
  if (plain === null || plain === undefined || plain === "") return null;
  const { keyId, data } = encryptBytes(Buffer.from(plain, "utf8"), context);
  return `${FORMAT}.${keyId}.${data.toString("base64url")}`;
}

export function decryptField(stored: string | null | undefined, context: string): string | null {
  if (!stored) return null;
  const [format, keyId, payload] = stored.split(".");
  if (format !== FORMAT || !keyId || payload === undefined) throw new DecryptionError("The stored value is not in a known encrypted format.");
  return decryptBytes(Buffer.from(payload, "base64url"), keyId, context).toString("utf8");
}

/** The key id an encrypted field was written with (for rotation). */
export function keyIdOf(stored: string): string | null {
  const [format, keyId] = stored.split(".");
  return format === FORMAT && keyId ? keyId : null;
}

export function encryptJson(value: unknown, context: string): string | null {
  if (value === null || value === undefined) return null;
  return encryptField(JSON.stringify(value), context);
}

export function decryptJson<T>(stored: string | null | undefined, context: string): T | null {
  const text = decryptField(stored, context);
  return text === null ? null : (JSON.parse(text) as T);
}

/**
 * Keyed hash for exact look-ups over data we do not keep in clear (e-mail in sign-in attempts, phone
 * numbers): equal inputs give equal hashes, but the hash cannot be reversed without the key.
 */
export function lookupHash(value: string, purpose: string): string {
  return createHmac("sha256", getEnv().LOOKUP_HMAC_KEY).update(`${purpose}:${value}`).digest("base64url");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
