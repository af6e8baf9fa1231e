// Uploaded sheets are deleted once every sheet of them has been imported, or after a week when left
// unfinished; the imported records and their source marks stay.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanupExpiredImportUploads } from "@/lib/imports/delete-upload";
import { previewImport } from "@/lib/imports/preview-import";
import { getImportJob, requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;

beforeAll(async () => {
  org = await createOrg("Uploads group", "UP");
  coordinator = await createMember(org, "COORDINATOR");
});

const uploadRow = async (id: string) => ownerQuery<{ id: string }>(`SELECT id FROM import_uploads WHERE id = $1`, [id]);
const auditOf = async (id: string) => (await ownerQuery<{ action: string }>(`SELECT action FROM audit_events WHERE "entityId" = $1 ORDER BY id`, [id])).map((row) => row.action);

async function importSheet(uploadId: string, sheet: string) {
  const job = await requestImport(coordinator, { uploadId, sheet, entity: "people", locale: "en" });
  await runQueuedJobsOnce();
  return getImportJob(coordinator, job.id);
}

describe("uploaded sheets", () => {
  it("are deleted, file and row, once their one sheet is imported; the people stay with their source", async () => {
    const upload = await uploadImport(coordinator, { fileName: "people.csv", bytes: Buffer.from("Name\nAsel Uploadova\n", "utf8") });
    expect(await importSheet(upload.id, "people")).toMatchObject({ status: "SUCCEEDED", result: { created: 1 } });
    expect(await uploadRow(upload.id)).toEqual([]);
    expect(await auditOf(upload.id)).toEqual(["import.upload", "import.upload.delete"]);
    await expect(previewImport(coordinator, { uploadId: upload.id, entity: "people" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [source] = await ownerQuery<{ fileName: string }>(`SELECT r."fileName" FROM import_records r JOIN people p ON p.id = r."entityId" WHERE p."displayName" = 'Asel Uploadova'`);
    expect(source).toEqual({ fileName: "people.csv" });
  });

  it("stay while a sheet of the workbook is still to import", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("First").addRows([["Name"], ["Bolat Pervyi"]]);
    book.addWorksheet("Second").addRows([["Name"], ["Dana Vtoraya"]]);
    const upload = await uploadImport(coordinator, { fileName: "two.xlsx", bytes: Buffer.from(await book.xlsx.writeBuffer()) });
    expect(await importSheet(upload.id, "First")).toMatchObject({ status: "SUCCEEDED" });
    expect(await uploadRow(upload.id)).toHaveLength(1);
    expect(await importSheet(upload.id, "Second")).toMatchObject({ status: "SUCCEEDED" });
    expect(await uploadRow(upload.id)).toEqual([]);
  });

  it("left unfinished for more than a week are deleted by the cleanup, audited; a recent one stays", async () => {
    const old = await uploadImport(coordinator, { fileName: "old.csv", bytes: Buffer.from("Name\nOld Row\n", "utf8") });
    const recent = await uploadImport(coordinator, { fileName: "recent.csv", bytes: Buffer.from("Name\nNew Row\n", "utf8") });
    await ownerQuery(`UPDATE import_uploads SET "createdAt" = now() - interval '8 days' WHERE id = $1`, [old.id]);
    expect(await cleanupExpiredImportUploads()).toBeGreaterThanOrEqual(1);
    expect(await uploadRow(old.id)).toEqual([]);
    expect(await auditOf(old.id)).toEqual(["import.upload", "import.upload.expired"]);
    expect(await uploadRow(recent.id)).toHaveLength(1);
  });
});
