// Deciding what an uploaded file really is from its bytes (never its name), refusing anything outside
// the allow-list, and removing image metadata (EXIF, GPS) by re-encoding.
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { AppError } from "@/lib/errors";

/** Types a case file may have, as detected from content. */
export const ALLOWED_MIME_TYPES = new Set([
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/webp",
  "video/mp4",
  "video/webm",
  "audio/mpeg",
  "audio/mp4",
  "audio/x-m4a",
  "audio/ogg",
  "audio/opus",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
  "text/plain",
]);

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

// a name promising one of these while the content is text is a disguise
const BINARY_EXTENSIONS = new Set([
  "pdf", "jpg", "jpeg", "png", "webp", "gif", "heic", "mp4", "webm", "mp3", "m4a", "ogg", "docx", "odt", "doc", "exe", "dll", "zip",
]);

// Text that a browser would treat as a page or a script is never accepted, whatever it is called.
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|\?xml|form|img)\b/i;

export class UploadRefused extends AppError {
  constructor(reason: "fileTooLarge" | "fileTypeNotAllowed" | "fileEmpty", message: string) {
    super("INVALID", message, { fieldErrors: { file: [reason === "fileEmpty" ? "required" : reason] }, details: { reason } });
  }
}

function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // control characters other than tab, newlines and form feed mean binary data
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return false;
  return !MARKUP.test(text);
}

export interface CheckedFile {
  bytes: Buffer;
  mimeType: string;
  extension: string;
}

/**
 * Checks size and real type and returns the bytes to store: images re-encoded (orientation applied,
 * all metadata dropped), other types unchanged. Throws UploadRefused with a reason otherwise.
 */
export async function checkUpload(bytes: Buffer, fileName: string, maxBytes: number): Promise<CheckedFile> {
  if (bytes.length === 0) throw new UploadRefused("fileEmpty", "The file is empty.");
  if (bytes.length > maxBytes) throw new UploadRefused("fileTooLarge", `The file is larger than the limit of ${Math.floor(maxBytes / 1024 / 1024)} MB.`);
  const detected = await fileTypeFromBuffer(bytes);
  const declaredExtension = fileName.includes(".") ? (fileName.split(".").pop() ?? "").toLowerCase() : "";
  if (!detected) {
    if (!isPlainText(bytes) || BINARY_EXTENSIONS.has(declaredExtension)) {
      throw new UploadRefused("fileTypeNotAllowed", "This kind of file is not accepted (its content does not match an allowed type).");
    }
    return { bytes, mimeType: "text/plain", extension: "txt" };
  }
  if (!ALLOWED_MIME_TYPES.has(detected.mime)) {
    throw new UploadRefused("fileTypeNotAllowed", "This kind of file is not accepted (its content does not match an allowed type).");
  }
  if (IMAGE_TYPES.has(detected.mime)) return { bytes: await stripImageMetadata(bytes, detected.mime), mimeType: detected.mime, extension: detected.ext };
  return { bytes, mimeType: detected.mime, extension: detected.ext };
}

/** Re-encodes an image without any metadata; EXIF orientation is applied to the pixels first. */
export async function stripImageMetadata(bytes: Buffer, mimeType: string): Promise<Buffer> {
  try {
    const image = sharp(bytes, { failOn: "error" }).rotate();
    if (mimeType === "image/png") return await image.png().toBuffer();
    if (mimeType === "image/webp") return await image.webp({ quality: 90 }).toBuffer();
    return await image.jpeg({ quality: 90 }).toBuffer();
  } catch {
    throw new UploadRefused("fileTypeNotAllowed", "The image could not be read.");
  }
}
