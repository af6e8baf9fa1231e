// A file download answer: always an attachment, never sniffed, cached or run.
import "server-only";

/** RFC 6266 filename*: keeps non-Latin names intact, with an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function downloadHeaders(file: { fileName: string; mimeType: string }): Record<string, string> {
  return {
    "Content-Type": file.mimeType,
    "Content-Disposition": contentDisposition(file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
}

export function fileResponse(file: { bytes: Buffer | Uint8Array; fileName: string; mimeType: string }, extraHeaders: Record<string, string> = {}): Response {
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: { ...downloadHeaders(file), "Content-Length": String(file.bytes.length), ...extraHeaders },
  });
}

/**
 * A download written while it is read: each chunk is pulled only when the client has taken the last one,
 * so memory holds one chunk whatever the size. A client that goes away stops the source.
 */
export function streamedFileResponse(file: { chunks: AsyncIterator<Uint8Array>; fileName: string; mimeType: string }): Response {
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await file.chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          // the headers are gone already: the client sees a broken download, never half a file as whole
          controller.error(error);
        }
      },
      async cancel() {
        await file.chunks.return?.();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers: downloadHeaders(file) });
}
