// Importing spreadsheets: CSV in UTF-8 and Windows-1251, XLSX with two sheets and Excel dates, a sheet
// with errors. Each import is previewed, committed as a job and checked record by record; importing the
// same file again creates nothing; a file with errors writes nothing; only coordinators and admins import.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { getJob } from "@/lib/jobs/queue";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { previewImport } from "@/lib/imports/preview-import";
import { requestImport } from "@/lib/imports/request-import";
import { applyTemplate, findImportTemplates, saveImportTemplate } from "@/lib/imports/templates";
import { uploadImport } from "@/lib/imports/upload-import";
import { getPerson } from "@/lib/people/get-person";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;
let volunteer: TestMember;
let admin: TestMember;

beforeAll(async () => {
  org = await createOrg("Import group", "IM");
  coordinator = await createMember(org, "COORDINATOR");
  volunteer = await createMember(org, "VOLUNTEER");
  admin = await createMember(org, "ADMIN");
});

/** Windows-1251 bytes of Russian text (the encoder Node lacks): А–я, Ё, ё, ASCII. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (char === "Ё") return 0xa8;
      if (char === "ё") return 0xb8;
      if (char === "№") return 0xb9;
      throw new Error(`not in Windows-1251: ${char}`);
    }),
  );
}

async function importAndRun(member: TestMember, fileName: string, bytes: Buffer, mapping: Record<string, unknown>) {
  const upload = await uploadImport(member, { fileName, bytes });
  const preview = await previewImport(member, { uploadId: upload.id, ...mapping } as Parameters<typeof previewImport>[1]);
  const job = await requestImport(member, { uploadId: upload.id, ...mapping } as Parameters<typeof requestImport>[1]);
  await runQueuedJobsOnce();
  return { upload, preview, job: await getJob(member, job.id) };
}

async function peopleNamed(value: string) {
  return ownerQuery<{ id: string; displayName: string; birthDate: Date | null; birthDatePrecision: string; gender: string; hometownPlaceId: string | null; hometownText: string | null }>(
    `SELECT p.id, p."displayName", p."birthDate", p."birthDatePrecision", p.gender, p."hometownPlaceId", p."hometownText" FROM people p WHERE p."organizationId" = $1 AND p."displayName" = $2`,
    [org.id, value],
  );
}

const casesCsv = [
  "Список семей;;;;;",
  "ФИО;Дата рождения;Пол;Статус;Откуда;Заявитель;Кем приходится;Телефон",
  "Ербол Қасымұлы;12.03.1975;муж;задержан;Кульджа;Гүлнар Қасым;сестра;+7 701 111 22 33",
  "Айгүл Сәрсенова;1980;жен;в лагере;Алматы;Берік Сәрсен;брат;+7 702 222 33 44",
  ";;;;;;;",
  "Нұрлан Төлеуұлы;наурыз 1968;м;ұсталды;Жаркент ауылы;;;",
].join("\r\n");

describe("importing cases from a CSV in UTF-8 with a byte-order mark and semicolons", () => {
  let result: Awaited<ReturnType<typeof importAndRun>>;
  beforeAll(async () => {
    result = await importAndRun(coordinator, "families.csv", Buffer.from("\uFEFF" + casesCsv, "utf8"), { entity: "cases", locale: "ru" });
  });

  it("finds the header below a title line, suggests every column from the Russian headers and skips the empty row", () => {
    const sheet = result.upload.sheets[0]!;
    expect(result.upload).toMatchObject({ format: "csv", encoding: "utf-8" });
    expect(sheet.headerRow).toBe(2);
    expect(sheet.rows).toBe(3);
    expect(sheet.suggested.cases).toEqual({ "0": "subjectName", "1": "subjectBirthDate", "2": "subjectGender", "3": "status", "4": "subjectHometown", "5": "contactName", "6": "contactRelationship", "7": "contactPhone" });
    expect(sheet.notes.map((note) => note.key)).toEqual(expect.arrayContaining(["importHeaderNotFirst", "importEmptyRowsSkipped"]));
  });

  it("previews three new cases, and a village that is not in the gazetteer as a warning to decide on", () => {
    expect(result.preview.counts).toMatchObject({ rows: 3, new: 3, invalid: 0, undecided: 0 });
    expect(result.preview.unmatchedPlaces).toEqual([{ value: "жаркент ауылы", text: "Жаркент ауылы", rows: [6], rowCount: 1 }]);
    expect(result.preview.issues).toEqual([expect.objectContaining({ row: 6, column: "Откуда", key: "importPlaceUnmatched", severity: "warning" })]);
  });

  it("writes each case with its subject, status, dates at their precision, matched place and family contact", async () => {
    expect(result.job).toMatchObject({ status: "SUCCEEDED", result: { created: 3, cases: 3, people: 5, skipped: 0 } });
    const [erbol] = await peopleNamed("Ербол Қасымұлы");
    expect(erbol).toMatchObject({ gender: "MALE", birthDatePrecision: "DAY", hometownText: null });
    expect(erbol!.birthDate!.toISOString().slice(0, 10)).toBe("1975-03-12");
    const [ghulja] = await ownerQuery<{ id: string }>(`SELECT id FROM places WHERE code = 'XJ-ILI-GHU'`);
    expect(erbol!.hometownPlaceId).toBe(ghulja!.id);
    const [aigul] = await peopleNamed("Айгүл Сәрсенова");
    expect(aigul).toMatchObject({ gender: "FEMALE", birthDatePrecision: "YEAR" });
    const [nurlan] = await peopleNamed("Нұрлан Төлеуұлы");
    expect(nurlan).toMatchObject({ birthDatePrecision: "MONTH", hometownPlaceId: null, hometownText: "Жаркент ауылы" });
    expect(nurlan!.birthDate!.toISOString().slice(0, 10)).toBe("1968-03-01");

    const cases = await ownerQuery<{ reference: string; status: string; subject: string; contact: string | null; relationship: string | null; disclosureLevel: string }>(
      `SELECT c.reference, c.status, s."displayName" AS subject, p."displayName" AS contact, cc.relationship, c."disclosureLevel"
         FROM cases c JOIN people s ON s.id = c."subjectPersonId"
         LEFT JOIN case_contacts cc ON cc."caseId" = c.id LEFT JOIN people p ON p.id = cc."personId"
        WHERE c."organizationId" = $1 ORDER BY c.reference`,
      [org.id],
    );
    expect(cases.map(({ reference: _r, ...rest }) => rest)).toEqual([
      { status: "DETAINED", subject: "Ербол Қасымұлы", contact: "Гүлнар Қасым", relationship: "SISTER", disclosureLevel: "PRIVATE" },
      { status: "IN_CAMP", subject: "Айгүл Сәрсенова", contact: "Берік Сәрсен", relationship: "BROTHER", disclosureLevel: "PRIVATE" },
      { status: "DETAINED", subject: "Нұрлан Төлеуұлы", contact: null, relationship: null, disclosureLevel: "PRIVATE" },
    ]);
    expect(cases.every((row) => /^IM-\d{4}-\d{4}$/.test(row.reference))).toBe(true);
  });

  it("keeps the contact's phone encrypted and readable on the person's record, with the file, sheet and row as its source", async () => {
    const [gulnar] = await peopleNamed("Гүлнар Қасым");
    const person = await getPerson(coordinator, gulnar!.id);
    expect(person.contact?.phone).toBe("+7 701 111 22 33");
    const [stored] = await ownerQuery<{ contactEnc: string }>(`SELECT "contactEnc" FROM people WHERE id = $1`, [gulnar!.id]);
    expect(stored!.contactEnc).not.toMatch(/111.?22.?33/);
    const sources = await ownerQuery<{ fileName: string; sheet: string; rowNumber: number; role: string }>(`SELECT "fileName", sheet, "rowNumber", role FROM import_records WHERE "entityId" = $1`, [gulnar!.id]);
    expect(sources).toEqual([{ fileName: "families.csv", sheet: "families", rowNumber: 3, role: "contact.0" }]);
  });

  it("names the file, sheet and row of every created record in the audit log, and the chain stays intact", async () => {
    const events = await ownerQuery<{ action: string; metadata: { source?: { file: string; sheet: string; row: number } } }>(
      `SELECT action, metadata FROM audit_events WHERE "organizationId" = $1 AND action IN ('case.create', 'person.create') ORDER BY id`,
      [org.id],
    );
    expect(events.filter((event) => event.action === "case.create").map((event) => event.metadata.source)).toEqual([
      { file: "families.csv", sheet: "families", row: 3 },
      { file: "families.csv", sheet: "families", row: 4 },
      { file: "families.csv", sheet: "families", row: 6 },
    ]);
    expect(events.filter((event) => event.action === "person.create")).toHaveLength(5);
    const verified = await verifyAuditChains(process.env.DATABASE_URL!);
    expect(verified.problems.filter((problem) => problem.organizationId === org.id)).toEqual([]);
  });

  it("has the people it wrote compared for likely duplicates by the background scan it queued", async () => {
    // the queue ran once after the import, and with it the scan the import queued
    const [row] = await ownerQuery<{ scannedAt: Date | null }>(`SELECT "duplicatesScannedAt" AS "scannedAt" FROM organizations WHERE id = $1`, [org.id]);
    expect(row!.scannedAt).not.toBeNull();
  });

  it("importing the same file again creates nothing: every row is recognised as already imported", async () => {
    const again = await importAndRun(coordinator, "families.csv", Buffer.from("\uFEFF" + casesCsv, "utf8"), { entity: "cases", locale: "ru" });
    expect(again.preview.counts).toMatchObject({ rows: 3, new: 0, imported: 3 });
    expect(again.job).toMatchObject({ status: "SUCCEEDED", result: { created: 0, alreadyImported: 3 } });
    const [count] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM cases WHERE "organizationId" = $1`, [org.id]);
    expect(Number(count!.n)).toBe(3);
  });
});

describe("importing people from a CSV in Windows-1251 with commas", () => {
  it("detects the encoding, reads the Russian text and offers the existing person as a likely duplicate to link, create or skip", async () => {
    const csv = "Имя,Другие имена,Дата рождения,Пол\r\nЕрбол Касымулы,Yerbol Kassymuly,1975,м\r\nЖанар Абенова,,05.06.1990,ж\r\n";
    const upload = await uploadImport(coordinator, { fileName: "people.csv", bytes: cp1251(csv) });
    expect(upload.encoding).toBe("windows-1251");
    const ask = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    // "Ербол Касымулы" is the same name key as "Ербол Қасымұлы" imported above
    expect(ask.counts).toMatchObject({ rows: 2, new: 1, undecided: 1 });
    const [existing] = await peopleNamed("Ербол Қасымұлы");
    expect(ask.duplicates).toEqual([expect.objectContaining({ row: 2, name: "Ербол Касымулы", candidates: [expect.objectContaining({ id: existing!.id })], decision: null })]);

    // an undecided duplicate is refused by the job, which writes nothing
    const refused = await requestImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, refused.id)).toMatchObject({ status: "FAILED", error: "importUndecided" });
    expect(await peopleNamed("Жанар Абенова")).toEqual([]);

    const decided = { uploadId: upload.id, entity: "people" as const, locale: "ru" as const, decisions: { "2": { action: "link" as const, personId: existing!.id } } };
    expect((await previewImport(coordinator, decided)).counts).toMatchObject({ new: 2, undecided: 0 });
    const job = await requestImport(coordinator, decided);
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "SUCCEEDED", result: { created: 1, linked: 1 } });
    expect(await peopleNamed("Ербол Касымулы")).toEqual([]);
    const [zhanar] = await peopleNamed("Жанар Абенова");
    expect(zhanar).toMatchObject({ gender: "FEMALE", birthDatePrecision: "DAY" });
  });
});

async function twoSheetWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const people = workbook.addWorksheet("People");
  people.addRow(["Full name", "Date of birth", "Gender", "Hometown", "Phone"]);
  people.addRow(["Dauletbek Maksutkhan", new Date(Date.UTC(1969, 10, 2)), "male", "Ghulja", "+7 705 000 11 22"]);
  // an Excel serial number: 29221 is 1 January 1980
  people.addRow(["Saule Maqsutqyzy", 29221, "F", "Almaty", { formula: '"+7 705 000 33 44"', result: "+7 705 000 33 44" }]);
  const cases = workbook.addWorksheet("Cases");
  cases.addRow(["Relative", "Status", "Contact", "Relationship"]);
  cases.addRow(["Qairat Maksutkhan", "sentenced", "Saule Maqsutqyzy", "wife"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("importing an XLSX workbook with two sheets", () => {
  it("lists both sheets and imports each with Excel dates, a serial date and a formula's result", async () => {
    const bytes = await twoSheetWorkbook();
    const upload = await uploadImport(admin, { fileName: "register.xlsx", bytes });
    expect(upload.sheets.map((sheet) => [sheet.name, sheet.rows])).toEqual([["People", 2], ["Cases", 1]]);
    expect(upload.sheets[0]!.notes).toEqual([{ key: "importFormulasRead", values: { n: 1 } }]);

    const people = await requestImport(admin, { uploadId: upload.id, sheet: "People", entity: "people", locale: "en" });
    await runQueuedJobsOnce();
    expect(await getJob(admin, people.id)).toMatchObject({ status: "SUCCEEDED", result: { created: 2 } });
    const [dauletbek] = await peopleNamed("Dauletbek Maksutkhan");
    expect(dauletbek!.birthDate!.toISOString().slice(0, 10)).toBe("1969-11-02");
    const [saule] = await peopleNamed("Saule Maqsutqyzy");
    expect(saule).toMatchObject({ gender: "FEMALE", birthDatePrecision: "DAY" });
    expect(saule!.birthDate!.toISOString().slice(0, 10)).toBe("1980-01-01");
    expect((await getPerson(admin, saule!.id)).contact?.phone).toBe("+7 705 000 33 44");

    const cases = await requestImport(admin, { uploadId: upload.id, sheet: "Cases", entity: "cases", locale: "en" });
    await runQueuedJobsOnce();
    expect(await getJob(admin, cases.id)).toMatchObject({ status: "SUCCEEDED", result: { cases: 1 } });
    const [qairat] = await ownerQuery<{ status: string; contact: string; relationship: string }>(
      `SELECT c.status, p."displayName" AS contact, cc.relationship FROM cases c JOIN people s ON s.id = c."subjectPersonId" JOIN case_contacts cc ON cc."caseId" = c.id JOIN people p ON p.id = cc."personId" WHERE s."displayName" = 'Qairat Maksutkhan'`,
    );
    expect(qairat).toEqual({ status: "SENTENCED", contact: "Saule Maqsutqyzy", relationship: "WIFE" });
  });
});

describe("a sheet with errors", () => {
  const bad = ["ФИО,Статус,Дата рождения,Заявитель,Кем приходится", "Асхат Ержанұлы,исчез навсегда,31.02.1980,,", ",задержан,1970,,", "Болат Серікұлы,задержан,2090,Мама Болата,", "Ерлан Нұрұлы,задержан,1971,,"].join("\n");

  it("names every problem by row and column, lists the unknown status for a decision and writes nothing, even for the good row", async () => {
    const upload = await uploadImport(coordinator, { fileName: "bad.csv", bytes: Buffer.from(bad, "utf8") });
    const before = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "organizationId" = $1`, [org.id]);
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "cases", locale: "ru" });
    expect(preview.counts).toMatchObject({ rows: 4, invalid: 3, new: 1 });
    const errors = preview.issues.filter((issue) => issue.severity === "error").map(({ row, column, key }) => ({ row, column, key }));
    expect(errors).toEqual([
      { row: 2, column: "Статус", key: "importUnknownValue" },
      { row: 2, column: "Дата рождения", key: "invalidDate" },
      { row: 3, column: "ФИО", key: "required" },
      { row: 4, column: "Дата рождения", key: "dateInFuture" },
      { row: 4, column: "Кем приходится", key: "required" },
    ]);
    expect(preview.unknownValues).toEqual([expect.objectContaining({ field: "status", column: "Статус", text: "исчез навсегда", rows: [2] })]);

    const job = await requestImport(coordinator, { uploadId: upload.id, entity: "cases", locale: "ru" });
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "FAILED", error: "importHasErrors" });
    const after = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "organizationId" = $1`, [org.id]);
    expect(after).toEqual(before);
    expect(await peopleNamed("Ерлан Нұрұлы")).toEqual([]);
  });

  it("maps the unknown status once decided, and the template saved for the sheet suggests the same columns next time", async () => {
    const upload = await uploadImport(coordinator, { fileName: "bad.csv", bytes: Buffer.from(bad, "utf8") });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "cases", locale: "ru", values: { status: { "исчез навсегда": "MISSING" } } });
    expect(preview.unknownValues).toEqual([]);
    const template = await saveImportTemplate(coordinator, { name: "Семьи 2019", entity: "cases", columns: { ФИО: "subjectName", Статус: "status" }, values: { status: { "исчез навсегда": "MISSING" } } });
    expect((await findImportTemplates(admin)).map((t) => t.name)).toEqual(["Семьи 2019"]);
    expect(applyTemplate(template, ["Статус", "ФИО"])).toEqual({ "0": "status", "1": "subjectName" });
  });
});

describe("bad files", () => {
  it("refuses a file that is not a spreadsheet, an old .xls, a broken XLSX, an empty file and one larger than the upload limit, each with its reason", async () => {
    const reason = (fileName: string, bytes: Buffer) => uploadImport(coordinator, { fileName, bytes }).then(() => "accepted", (error: { key?: string }) => error.key);
    expect(await reason("photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBe("importWrongType");
    expect(await reason("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toBe("importOldExcel");
    expect(await reason("broken.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toBe("importUnreadableXlsx");
    expect(await reason("empty.csv", Buffer.alloc(0))).toBe("importEmptyFile");
    expect(await reason("huge.csv", Buffer.alloc(200 * 1024 * 1024, 0x41))).toBe("importTooLarge");
    const [uploads] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM import_uploads WHERE "fileName" IN ('photo.png', 'old.xls', 'broken.xlsx', 'empty.csv', 'huge.csv')`);
    expect(Number(uploads!.n)).toBe(0);
  });

  it("lets only coordinators and admins import", async () => {
    await expect(uploadImport(volunteer, { fileName: "a.csv", bytes: Buffer.from("Name\nA B\n") })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
