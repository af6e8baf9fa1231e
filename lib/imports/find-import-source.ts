// Where a record came from, when it was imported from a spreadsheet: file, sheet and row. Shown on the
// record's page; the same marks are in the record's audit event.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";

export interface ImportSourceView {
  fileName: string;
  sheet: string;
  row: number;
  importedAt: string;
}

/** The source mark of a case or person the caller may see (the page has already read the record itself). */
export async function findImportSource(ctx: Ctx, entityType: "Case" | "Person", entityId: string): Promise<ImportSourceView | null> {
  authorize(ctx, entityType === "Case" ? "cases.read" : "people.read");
  const record = await withTenant(ctx, (tx) => tx.importRecord.findFirst({ where: { organizationId: ctx.organizationId, entityType, entityId }, orderBy: { createdAt: "asc" } }));
  return record ? { fileName: record.fileName, sheet: record.sheet, row: record.rowNumber, importedAt: record.createdAt.toISOString() } : null;
}
