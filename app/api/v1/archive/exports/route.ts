import { apiHandler } from "@/lib/api/route";
import { findArchiveExports, requestArchiveExport } from "@/lib/archive/export-archive";

// GET /api/v1/archive/exports — the caller's organisation archive exports with state and progress
export const GET = apiHandler(async ({ ctx }) => ({ items: await findArchiveExports(ctx) }), { permission: "archive.export" });

// POST /api/v1/archive/exports — start exporting the whole organisation: the job it creates (201), to follow
export const POST = apiHandler(async ({ ctx }) => Response.json({ job: await requestArchiveExport(ctx) }, { status: 201 }), { permission: "archive.export" });
