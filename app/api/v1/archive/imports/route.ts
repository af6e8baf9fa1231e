import { apiHandler } from "@/lib/api/route";
import { findArchiveImports, startArchiveImport } from "@/lib/archive/run-import";
import { getEnv } from "@/lib/env";

const header = (request: Request, name: string): string | null => {
  const value = request.headers.get(name);
  if (value === null) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

// GET /api/v1/archive/imports — the organisation's archive imports with state, progress and final report
export const GET = apiHandler(async ({ ctx }) => ({ items: await findArchiveImports(ctx) }), { permission: "archive.import" });

// POST /api/v1/archive/imports — upload an archive (the body, application/zip) with its passphrase (header X-Archive-Passphrase, percent-encoded) into this empty organisation: the import job (201)
export const POST = apiHandler(
  async ({ ctx, request }) =>
    Response.json(
      { job: await startArchiveImport(ctx, { body: request.body, fileName: header(request, "x-file-name"), passphrase: header(request, "x-archive-passphrase") }) },
      { status: 201 },
    ),
  { permission: "archive.import", idempotency: false, rawUpload: () => getEnv().MAX_ARCHIVE_MB * 1024 * 1024 },
);
