// Uploading a spreadsheet for import: the file is read once (so a wrong type, a broken encoding or an
// unreadable sheet is refused at once, with its reason), then kept encrypted until it is imported.
// Nothing is written to the records.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, importUploadScope } from "@/lib/authz";
import { forgetStatementArguments, withTenant } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { newStorageKey, readDecryptedFile, writeEncryptedFile } from "@/lib/files/storage";
import { IMPORT_ENTITIES, suggestMapping, type ImportEntity } from "./fields";
import { readSheetRows, readWorkbook, type Encoding, type SheetRow, type Workbook } from "./read-sheet";

export const importUploadContext = (uploadId: string) => `import.upload:${uploadId}`;

export interface UploadedSheet {
  name: string;
  headerRow: number;
  headers: string[];
  rows: number;
  notes: Workbook["sheets"][number]["notes"];
  /** column index → field, suggested from the headers, per kind of record */
  suggested: Record<ImportEntity, Record<string, string>>;
  /** the first rows' cells as text, so the member recognises the sheet */
  sample: string[][];
}

export interface UploadView {
  id: string;
  fileName: string;
  format: "csv" | "xlsx";
  encoding: Encoding | null;
  sizeBytes: number;
  sheets: UploadedSheet[];
}

const cellText = (cell: unknown) => (cell === null || cell === undefined ? "" : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));

export function describeWorkbook(workbook: Workbook): UploadedSheet[] {
  return workbook.sheets.map((sheet) => ({
    name: sheet.name,
    headerRow: sheet.headerRow,
    headers: sheet.headers,
    rows: sheet.rowCount,
    notes: sheet.notes,
    suggested: Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, suggestMapping(entity, sheet.headers)])) as UploadedSheet["suggested"],
    sample: sheet.sample.slice(0, 5).map((row) => sheet.headers.map((_, index) => cellText(row.cells[index]).slice(0, 100))),
  }));
}

export async function uploadImport(ctx: Ctx, input: { fileName: string; bytes: Buffer }): Promise<UploadView> {
  authorize(ctx, "imports.run");
  const fileName = input.fileName.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200) || "import.csv";
  const max = getEnv().MAX_UPLOAD_MB;
  if (input.bytes.length > max * 1024 * 1024) throw new AppError("PAYLOAD_TOO_LARGE", "The file is too large.", { key: "importTooLarge", values: { max } });
  const workbook = await readWorkbook(fileName, input.bytes);
  const id = randomUUID();
  const storageKey = newStorageKey();
  const { keyId } = await writeEncryptedFile(ctx.organizationId, storageKey, importUploadContext(id), input.bytes);
  await withTenant(ctx, async (tx) => {
    await tx.importUpload.create({
      data: { id, organizationId: ctx.organizationId, createdById: ctx.userId, fileName, format: workbook.format, encoding: workbook.encoding, sizeBytes: input.bytes.length, storageKey, keyId },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "import.upload",
      entityType: "ImportUpload",
      entityId: id,
      metadata: { format: workbook.format, encoding: workbook.encoding, sizeBytes: input.bytes.length, sheets: workbook.sheets.length, rows: workbook.sheets.reduce((sum, sheet) => sum + sheet.rowCount, 0) },
      ipHash: ctx.ipHash,
    });
  });
  return { id, fileName, format: workbook.format, encoding: workbook.encoding, sizeBytes: input.bytes.length, sheets: describeWorkbook(workbook) };
}

export interface LoadedUpload {
  upload: { id: string; fileName: string };
  /** the first pass over the file: each sheet's header, row count and first rows */
  workbook: Workbook;
  /** one sheet's rows, in batches, read again from the file (which stays as uploaded: bytes, not cells) */
  rows(sheet: string): AsyncGenerator<SheetRow[]>;
}

/** The member's own upload (an admin's: any of the organisation's), read again from storage. */
export async function loadUpload(ctx: Ctx, uploadId: string, options: { encoding?: Encoding } = {}): Promise<LoadedUpload> {
  if (!/^[0-9a-f-]{36}$/i.test(uploadId)) throw notFound("upload");
  const upload = await withTenant(ctx, (tx) =>
    tx.importUpload.findFirst({ where: { ...importUploadScope(ctx, { own: true }), id: uploadId } }),
  );
  if (!upload) throw notFound("upload");
  const bytes = await readDecryptedFile(ctx.organizationId, upload.storageKey, importUploadContext(upload.id), upload.keyId);
  const read = { encoding: options.encoding ?? ((upload.encoding as Encoding | null) ?? undefined) };
  const workbook = await readWorkbook(upload.fileName, bytes, read);
  return { upload: { id: upload.id, fileName: upload.fileName }, workbook, rows: (sheet) => forgettingEachBatch(readSheetRows(upload.fileName, bytes, sheet, read)) };
}

/** The batches of `source`; once one has been prepared and written (the next is asked for), the values its statements carried are forgotten. */
async function* forgettingEachBatch(source: AsyncGenerator<SheetRow[]>): AsyncGenerator<SheetRow[]> {
  for await (const batch of source) {
    yield batch;
    forgetStatementArguments();
  }
}
