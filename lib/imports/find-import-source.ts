// Where a record came from, when it was imported from a spreadsheet: file, sheet and row.
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";

export interface ImportSourceView {
  fileName: string;
  sheet: string;
  row: number;
  importedAt: string;
}

/** The source marks of a record the caller already may see (the caller's own read checks that). */
export async function findImportSource(tx: Tx, ctx: Ctx, entityType: "Case" | "Person", entityId: string): Promise<ImportSourceView | null> {
  const record = await tx.importRecord.findFirst({ where: { organizationId: ctx.organizationId, entityType, entityId }, orderBy: { createdAt: "asc" } });
  return record ? { fileName: record.fileName, sheet: record.sheet, row: record.rowNumber, importedAt: record.createdAt.toISOString() } : null;
}
