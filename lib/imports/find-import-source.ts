// Where a record came from, when it was imported from a spreadsheet: file, sheet and row. Shown on the
// record's page; the same marks are in the record's audit event.
import "server-only";
import { authorize, type Ctx, importRecordScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";

export interface ImportSourceView {
  fileName: string;
  sheet: string;
  row: number;
  importedAt: string;
}

const READ = { Case: "cases.read", Person: "people.read", Protest: "protests.read", PoliceAction: "protests.read" } as const;

/** The source mark of a record the caller may see (the page has already read the record itself). */
export async function findImportSource(ctx: Ctx, entityType: keyof typeof READ, entityId: string): Promise<ImportSourceView | null> {
  authorize(ctx, READ[entityType]);
  const record = await withTenant(ctx, (tx) => tx.importRecord.findFirst({ where: { ...importRecordScope(ctx), entityType, entityId }, orderBy: { createdAt: "asc" } }));
  return record ? { fileName: record.fileName, sheet: record.sheet, row: record.rowNumber, importedAt: record.createdAt.toISOString() } : null;
}
