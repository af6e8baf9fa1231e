// Password-protected ZIP around one report file: AES-256 (WinZip AE-2), which 7-Zip, WinRAR, macOS
// Archive Utility (recent) and Windows with 7-Zip open. zip.js is pure JavaScript on Web Crypto.
import "server-only";
import { BlobReader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, configure } from "@zip.js/zip.js";
import type { ReportFile } from "./common";

// no web workers on the server: zip.js would try to spawn them from a URL
configure({ useWebWorkers: false });

export async function zipWithPassword(file: ReportFile, password: string): Promise<ReportFile> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, zipCrypto: false });
  await writer.add(file.fileName, new Uint8ArrayReader(new Uint8Array(file.bytes)));
  const bytes = Buffer.from(await writer.close());
  return { bytes, fileName: file.fileName.replace(/\.[a-z]+$/, "") + ".zip", mimeType: "application/zip", records: file.records };
}

/** Reads the one file back (tests and support): fails without the right password. */
export async function unzipWithPassword(bytes: Buffer, password: string): Promise<{ name: string; bytes: Buffer }> {
  const reader = new ZipReader(new BlobReader(new Blob([new Uint8Array(bytes)])), { password });
  const [entry] = await reader.getEntries();
  if (!entry || entry.directory) throw new Error("The archive is empty.");
  const data = await entry.getData(new Uint8ArrayWriter());
  await reader.close();
  return { name: entry.filename, bytes: Buffer.from(data) };
}
