// Bad input, each case with the message a member sees, naming the row and column where there is one, and
// nothing written: a file that is no spreadsheet, a 200 MB upload refused before it is read, a wrong
// encoding, merged cells, formulas, empty rows and columns, a header below a title, a name in the date
// column.
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as uploadRoute } from "@/app/api/v1/imports/route";
import { hashApiToken } from "@/lib/auth/api-tokens";
import { getJob } from "@/lib/jobs/queue";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { previewImport } from "@/lib/imports/preview-import";
import { requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;

beforeAll(async () => {
  org = await createOrg("Bad input group", "BI");
  coordinator = await createMember(org, "COORDINATOR");
});

async function tokenFor(member: TestMember): Promise<string> {
  const token = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'test', $3)`, [member.organizationId, member.userId, hashApiToken(token)]);
  return token;
}

const reason = (fileName: string, bytes: Buffer) => uploadImport(coordinator, { fileName, bytes }).then(() => "accepted", (error: { key?: string }) => error.key);

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet("Семьи"));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("files that cannot be imported", () => {
  it("refuses a Word document (a ZIP, but no workbook) as the wrong type", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("x").addRow(["a"]);
    expect(await reason("letter.docx", Buffer.from(await book.xlsx.writeBuffer()))).toBe("importWrongType");
  });

  it("refuses a 200 MB upload from its declared size, before reading it or asking who sent it", async () => {
    const response = await uploadRoute(
      new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) }, body: "--x--" }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(413);
    const [uploads] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM import_uploads WHERE "organizationId" = $1`, [org.id]);
    expect(uploads!.n).toBe("0");
  });

  it("refuses a 200 MB upload sent without a declared size once the limit is passed, without reading the rest", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'));
      },
      pull(controller) {
        if (sent >= 200) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await uploadRoute(
      new Request("http://localhost/api/v1/imports", { method: "POST", headers: { authorization: `Bearer ${await tokenFor(coordinator)}`, "content-type": "multipart/form-data; boundary=x" }, body, duplex: "half" } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(200);
    const [uploads] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM import_uploads WHERE "organizationId" = $1`, [org.id]);
    expect(uploads!.n).toBe("0");
  });

  it("names a broken encoding when the member confirms UTF-8 for a Windows-1251 file", async () => {
    // "Имя\r\nЕрбол" in Windows-1251
    const bytes = Buffer.from([0xc8, 0xec, 0xff, 0x0d, 0x0a, 0xc5, 0xf0, 0xe1, 0xee, 0xeb, 0x0d, 0x0a]);
    const upload = await uploadImport(coordinator, { fileName: "names.csv", bytes });
    expect(upload.encoding).toBe("windows-1251");
    await expect(previewImport(coordinator, { uploadId: upload.id, entity: "people", encoding: "utf-8" })).rejects.toMatchObject({ key: "importBrokenEncoding" });
  });
});

describe("sheets that need a second look", () => {
  it("warns about merged cells by range, row and column, and reads the merged-over cells as empty", async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(["ФИО", "Статус", "Откуда"]);
      sheet.addRow(["Ербол Қасымұлы", "задержан", "Кульджа"]);
      sheet.addRow(["Айгүл Сәрсенова", "задержан", ""]);
      sheet.mergeCells("C2:C3");
    });
    const upload = await uploadImport(coordinator, { fileName: "merged.xlsx", bytes });
    expect(upload.sheets[0]!.notes).toContainEqual({ key: "importMergedCells", values: { n: 1, ranges: "C2:C3" } });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "cases", locale: "ru" });
    expect(preview.issues).toContainEqual(expect.objectContaining({ row: 2, column: "Откуда", key: "importMergedCells", severity: "warning", value: "C2:C3" }));
    expect(preview.counts).toMatchObject({ new: 2, invalid: 0 });
  });

  it("reads formulas as their last results, a formula's error as an empty cell, skips empty rows and columns, and finds the header below a title", async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(["Список на 2019 год"]);
      sheet.addRow([]);
      sheet.addRow(["ФИО", null, "Дата рождения", "Пол"]);
      sheet.addRow([{ formula: 'CONCATENATE("Ербол"," Қасымұлы")', result: "Ербол Қасымұлы" }, null, 1975, { formula: "1/0", result: { error: "#DIV/0!" } }]);
      sheet.addRow([]);
      sheet.addRow(["Айгүл Сәрсенова", null, "12.03.1980", "ж"]);
    });
    const upload = await uploadImport(coordinator, { fileName: "formulas.xlsx", bytes });
    const sheet = upload.sheets[0]!;
    expect(sheet.headerRow).toBe(3);
    expect(sheet.rows).toBe(2);
    expect(sheet.notes.map((note) => note.key)).toEqual(expect.arrayContaining(["importFormulasRead", "importHeaderNotFirst"]));
    expect(sheet.suggested.people).toEqual({ "0": "name", "2": "birthDate", "3": "gender" });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    expect(preview.counts).toMatchObject({ rows: 2, new: 2, invalid: 0 });
    expect(preview.sample.map((row) => row.cells[0])).toEqual(["Ербол Қасымұлы", "Айгүл Сәрсенова"]);
  });

  it("names the row and column of a person's name typed into the date or the gender column", async () => {
    const csv = ["ФИО;Дата рождения;Пол", "Ербол Қасымұлы;1975;м", "1980;Айгүл Сәрсенова;ж", "Нұрлан Төлеуұлы;1968;Нұрлан Төлеуұлы"].join("\r\n");
    const upload = await uploadImport(coordinator, { fileName: "shifted.csv", bytes: Buffer.from(csv, "utf8") });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    expect(preview.issues.filter((issue) => issue.severity === "error").map(({ row, column, key, value }) => ({ row, column, key, value }))).toEqual([
      { row: 3, column: "Дата рождения", key: "invalidDate", value: "Айгүл Сәрсенова" },
      { row: 4, column: "Пол", key: "importUnknownValue", value: "Нұрлан Төлеуұлы" },
    ]);
    expect(preview.counts).toMatchObject({ new: 1, invalid: 2 });
  });
});

describe("a file that fails after part of it was written", () => {
  it("keeps nothing of the first batch when a row of a later batch has an error, and names it", async () => {
    const lines = ["ФИО;Дата рождения", ...Array.from({ length: 2_500 }, (_, index) => `Человек Номер${index};${index === 2_400 ? "тридцатое февраля" : "1980"}`)];
    const upload = await uploadImport(coordinator, { fileName: "late-error.csv", bytes: Buffer.from(lines.join("\n"), "utf8") });
    const job = await requestImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru", duplicateDefault: "create" });
    await runQueuedJobsOnce();
    const finished = await getJob(coordinator, job.id);
    expect(finished.status).toBe("FAILED");
    expect(finished.error).toBe("importHasErrors");
    const [people] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "organizationId" = $1 AND "displayName" LIKE 'Человек Номер%'`, [org.id]);
    expect(people!.n).toBe("0");
    // every row after the first warns of the same name: the error is on the third page of a thousand
    const issues = [];
    for (let page = 1; page <= 3; page++) issues.push(...(await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru", duplicateDefault: "create", issuesPage: page, issuesPageSize: 1000 })).issues);
    expect(issues.filter((issue) => issue.severity === "error")).toEqual([expect.objectContaining({ row: 2_402, column: "Дата рождения", value: "тридцатое февраля" })]);
    // a job and three previews of 2 500 rows: one job and one preview took 25–33 s on a loaded 2-core machine
  }, 180_000);
});
