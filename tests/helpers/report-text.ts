// Everything a reader would find in a generated file, as one string: PDF text, every XLSX cell, CSV.
import ExcelJS from "exceljs";
import { pdfText } from "./pdf-text";

export async function xlsxCells(bytes: Uint8Array): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const value = cell.value;
        cells.push(value instanceof Date ? value.toISOString() : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value ?? ""));
      });
    });
  });
  return cells;
}

/** The readable text of a report file of any format (controls from the PDF text layer dropped). */
export async function reportText(file: { bytes: Uint8Array; mimeType: string }): Promise<string> {
  if (file.mimeType === "application/pdf") return (await pdfText(file.bytes)).text.replace(/[\u0000-\u0008\u000b-\u001f]/g, "");
  if (file.mimeType.includes("spreadsheetml")) return (await xlsxCells(file.bytes)).join("\n");
  return Buffer.from(file.bytes).toString("utf8");
}
