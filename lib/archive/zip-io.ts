// Streaming ZIP access for archives: entries are written from and read into streams, so neither side
// holds more than one batch of lines (or one attached file) at a time. Encryption is WinZip AES-256
// (AE-2) through zip.js, which 7-Zip and other standard tools read.
import { createHash } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { Writable } from "node:stream";
import {
  BlobReader,
  ERR_INVALID_PASSWORD,
  ERR_ENCRYPTED,
  ZipReader,
  ZipWriter,
  configure,
  type FileEntry,
} from "@zip.js/zip.js";
import type { ManifestEntry } from "./format";

// no web workers on the server: zip.js would try to spawn them from a URL
configure({ useWebWorkers: false });

const CHUNK_BYTES = 256 * 1024;

export interface ArchiveZipWriter {
  /** adds an entry from lines of JSON (one record each); returns its manifest entry */
  addLines(path: string, lines: AsyncIterable<string>): Promise<ManifestEntry>;
  addBytes(path: string, bytes: Uint8Array): Promise<ManifestEntry>;
  /** adds an entry from chunks as they come (an attached file, an entry of another archive) */
  addStream(path: string, chunks: AsyncIterable<Uint8Array>): Promise<ManifestEntry>;
  close(): Promise<void>;
}

export function openZipWriter(file: string, password?: string): ArchiveZipWriter {
  return zipWriterTo(Writable.toWeb(createWriteStream(file, { mode: 0o600 })) as WritableStream<Uint8Array>, password);
}

/** A ZIP written into a stream (a download): zip.js waits for each write to be taken, so memory holds a chunk. */
export function zipWriterTo(out: WritableStream<Uint8Array>, password?: string): ArchiveZipWriter {
  const zip = new ZipWriter(out, password ? { password, encryptionStrength: 3, zipCrypto: false } : {});
  return {
    async addLines(path, lines) {
      const hash = createHash("sha256");
      let bytes = 0;
      let records = 0;
      const iterator = lines[Symbol.asyncIterator]();
      let done = false;
      const readable = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // batch lines into chunks so that zip.js sees few, large writes
          let text = "";
          while (!done && text.length < CHUNK_BYTES) {
            const next = await iterator.next();
            if (next.done) done = true;
            else {
              text += `${next.value}\n`;
              records += 1;
            }
          }
          if (text) {
            const chunk = Buffer.from(text, "utf8");
            hash.update(chunk);
            bytes += chunk.length;
            controller.enqueue(new Uint8Array(chunk));
          }
          if (done) controller.close();
        },
      });
      await zip.add(path, readable);
      return { path, bytes, sha256: hash.digest("hex"), records };
    },
    async addBytes(path, data) {
      await zip.add(path, new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(data), c.close()) }));
      return { path, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") };
    },
    async addStream(path, chunks) {
      const hash = createHash("sha256");
      let bytes = 0;
      const iterator = chunks[Symbol.asyncIterator]();
      await zip.add(
        path,
        new ReadableStream<Uint8Array>({
          async pull(controller) {
            const next = await iterator.next();
            if (next.done) controller.close();
            else {
              hash.update(next.value);
              bytes += next.value.byteLength;
              controller.enqueue(next.value);
            }
          },
          async cancel() {
            await iterator.return?.();
          },
        }),
      );
      return { path, bytes, sha256: hash.digest("hex") };
    },
    async close() {
      await zip.close();
    },
  };
}

export class ArchiveReadError extends Error {
  constructor(
    readonly reason: "passphrase" | "damaged" | "format",
    message: string,
  ) {
    super(message);
    this.name = "ArchiveReadError";
  }
}

/** What went wrong reading an entry, in the words an operator needs. */
export function readFailure(error: unknown): ArchiveReadError {
  if (error instanceof ArchiveReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message === ERR_INVALID_PASSWORD || message === ERR_ENCRYPTED) return new ArchiveReadError("passphrase", "The passphrase does not open this archive.");
  return new ArchiveReadError("damaged", "The archive is damaged or was altered: an entry does not read back as written.");
}

export interface ArchiveZipReader {
  entries: Map<string, FileEntry>;
  /** streams one entry, chunk by chunk */
  chunks(path: string): AsyncIterable<Uint8Array>;
  lines(path: string): AsyncIterable<string>;
  bytes(path: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openZipReader(file: string, password: string | undefined): Promise<ArchiveZipReader> {
  let reader: ZipReader<unknown>;
  const entries = new Map<string, FileEntry>();
  try {
    // a Blob backed by the file: zip.js reads the parts it needs, never the whole file
    reader = new ZipReader(new BlobReader(await openAsBlob(file)), password ? { password } : {});
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue;
      if (entries.has(entry.filename)) throw new ArchiveReadError("damaged", `The archive holds the entry ${entry.filename} twice.`);
      entries.set(entry.filename, entry);
    }
  } catch (error) {
    throw error instanceof ArchiveReadError ? error : new ArchiveReadError("format", "This file is not an organisation archive (it is not a readable ZIP file).");
  }
  const chunks = (path: string): AsyncIterable<Uint8Array> => ({
    async *[Symbol.asyncIterator]() {
      const entry = entries.get(path);
      if (!entry) throw new ArchiveReadError("damaged", `The archive has no entry ${path}.`);
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      // getData pipes into the writable side; it only rejects (closing it ends the reading side)
      const failed = entry.getData(writable).then(
        () => new Promise<never>(() => undefined),
        (error: unknown) => {
          throw readFailure(error);
        },
      );
      failed.catch(() => undefined);
      const streamReader = readable.getReader();
      try {
        for (;;) {
          const next = await Promise.race([streamReader.read(), failed]);
          if (next.done) break;
          yield next.value;
        }
      } catch (error) {
        throw readFailure(error);
      } finally {
        streamReader.releaseLock();
      }
    },
  });
  return {
    entries,
    chunks,
    lines: (path) => ({
      async *[Symbol.asyncIterator]() {
        const decoder = new TextDecoder("utf-8", { fatal: true });
        let rest = "";
        for await (const chunk of chunks(path)) {
          rest += decoder.decode(chunk, { stream: true });
          const parts = rest.split("\n");
          rest = parts.pop() ?? "";
          for (const line of parts) if (line) yield line;
        }
        rest += decoder.decode();
        if (rest) yield rest;
      },
    }),
    async bytes(path) {
      const parts: Buffer[] = [];
      for await (const chunk of chunks(path)) parts.push(Buffer.from(chunk));
      return Buffer.concat(parts);
    },
    close: () => reader.close(),
  };
}

/** SHA-256 and size of one entry as it reads back. */
export async function digestEntry(reader: ArchiveZipReader, path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of reader.chunks(path)) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    throw readFailure(error);
  }
  return { sha256: hash.digest("hex"), bytes };
}
