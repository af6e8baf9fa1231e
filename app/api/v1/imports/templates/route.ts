import { apiHandler } from "@/lib/api/route";
import { findImportTemplates, saveImportTemplate } from "@/lib/imports/templates";

// GET /api/v1/imports/templates — the organisation's saved column and value mappings
export const GET = apiHandler(async ({ ctx }) => ({ items: await findImportTemplates(ctx) }), { permission: "imports.run" });

// POST /api/v1/imports/templates — save (or replace, by name) a mapping for sheets of the same shape
export const POST = apiHandler(async ({ ctx, body }) => saveImportTemplate(ctx, body), { permission: "imports.run", status: 201 });
