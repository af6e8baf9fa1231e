// The preview of a sheet with more problems and likely duplicates than a page answers one page at a time:
// each page continues exactly where the one before ended, the pages together are the whole sorted list,
// the counts and totals cover the whole sheet, a choice for all rows reaches rows on pages never opened,
// wrong paging values are refused with a clear message, and every problem downloads as CSV, in the
// member's language, from the server; another organisation's upload is not found.
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as issuesRoute } from "@/app/api/v1/imports/[uploadId]/issues/route";
import { POST as previewRoute } from "@/app/api/v1/imports/[uploadId]/preview/route";
import { hashApiToken } from "@/lib/auth/api-tokens";
import { createCase } from "@/lib/cases/create-case";
import { withTenant } from "@/lib/db";
import { createPreparer, type Prepared } from "@/lib/imports/prepare";
import { pickSheet, previewImport } from "@/lib/imports/preview-import";
import { parseCsv } from "@/lib/imports/read-sheet";
import { loadUpload, uploadImport } from "@/lib/imports/upload-import";
import { createPerson } from "@/lib/people/create-person";
import { importCommitSchema, type ImportPreviewInput } from "@/lib/validations/import";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;
let otherCoordinator: TestMember;
let token: string;
let otherToken: string;
/** a sheet of people with three problems in most rows, a merged range and a formula-like value */
let problems: { id: string };
/** a sheet of people each named as someone already recorded */
let namesakes: { id: string };

// more rows than one batch of the reader (2 000), so that pages and the download cross batches
const ROWS = 2300;
const NAMESAKES = 250;

async function tokenFor(member: TestMember): Promise<string> {
  const value = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'test', $3)`, [member.organizationId, member.userId, hashApiToken(value)]);
  return value;
}

/**
 * The columns are not in the order the rows are checked in (date, then gender, then hometown), and the
 * merged range's warning is found before any row: the page must still follow row, then column.
 */
async function problemSheet(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Люди");
  sheet.addRow(["ФИО", "Откуда", "Пол", "Дата рождения"]);
  for (let i = 0; i < ROWS; i++) {
    const row = i + 2;
    // every fifth row is clean; one row's date looks like a formula
    if (i % 5 === 4) sheet.addRow([`Чистый Человек ${row}`, "", "м", "1970"]);
    else sheet.addRow([`Человек Проблемный ${row}`, `Нигдеград ${row}`, `пол${i % 3}`, row === 40 ? "=1+2" : `не дата ${row}`]);
  }
  // over two rows of the name column, in the second batch
  sheet.mergeCells("A2101:A2102");
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What the preparation finds when it keeps everything: the whole list, sorted, that pages are cut from. */
async function unpaged(member: TestMember, uploadId: string, entity: "people" | "events"): Promise<Prepared> {
  const mapping = importCommitSchema.parse({ uploadId, entity, locale: "en" });
  const loaded = await loadUpload(member, uploadId);
  const sheet = pickSheet(loaded.workbook, "");
  return withTenant(member, async (tx) => {
    const preparer = await createPreparer({ ctx: member, tx, sheet, mapping });
    for await (const batch of loaded.rows(sheet.name)) await preparer.add(batch);
    return (await preparer.finish()).prepared;
  });
}

function post(route: typeof previewRoute, uploadId: string, body: unknown, bearer = token) {
  const kind = route === previewRoute ? "preview" : "issues";
  return route(
    new Request(`http://localhost/api/v1/imports/${uploadId}/${kind}`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ uploadId }) },
  );
}

beforeAll(async () => {
  org = await createOrg("Paged preview group", "PP");
  const other = await createOrg("Another paged group", "AP");
  coordinator = await createMember(org, "COORDINATOR");
  otherCoordinator = await createMember(other, "COORDINATOR");
  token = await tokenFor(coordinator);
  otherToken = await tokenFor(otherCoordinator);
  problems = await uploadImport(coordinator, { fileName: "problems.xlsx", bytes: await problemSheet() });
  await createPerson(coordinator, { names: [{ value: "Ербол Қасымұлы" }], gender: "MALE", birthDate: "1950", birthDatePrecision: "YEAR" });
  // each row its own birthday, so that no row is the same row twice
  const lines = ["ФИО;Дата рождения", ...Array.from({ length: NAMESAKES }, (_, i) => `Ербол Қасымұлы;${String(1 + (i % 28)).padStart(2, "0")}.01.${1951 + (i % 40)}`)];
  namesakes = await uploadImport(coordinator, { fileName: "namesakes.csv", bytes: Buffer.from(lines.join("\r\n"), "utf8") });
});

describe("the preview's pages of problems", () => {
  it("answers the first page and the whole sheet's totals, and the next pages continue exactly where each ended", async () => {
    const whole = await unpaged(coordinator, problems.id, "people");
    // far more problems than the largest page, so that the window is cut from the sorted whole
    expect(whole.issueTotal).toBe(whole.issues.length);
    expect(whole.issueTotal).toBeGreaterThan(1000);
    // the merged range was found first but sorts at its row
    expect(whole.issues.findIndex((issue) => issue.key === "importMergedCells")).toBeGreaterThan(100);

    const size = 1000;
    const base: ImportPreviewInput = { uploadId: problems.id, entity: "people", locale: "en", issuesPageSize: size };
    const first = await previewImport(coordinator, base);
    expect(first.issues).toHaveLength(size);
    expect(first).toMatchObject({ issueTotal: whole.issueTotal, issuesPage: 1, issuesPageSize: size, counts: whole.counts });
    const pages = [first.issues];
    for (let page = 2; page <= Math.ceil(whole.issueTotal / size); page++) {
      const next = await previewImport(coordinator, { ...base, issuesPage: page });
      expect(next.counts).toEqual(whole.counts);
      expect(next.issueTotal).toBe(whole.issueTotal);
      // the first problem of this page is the one after the last of the page before
      expect(next.issues[0]).toEqual(whole.issues[(page - 1) * size]);
      pages.push(next.issues);
    }
    expect(pages.flat()).toEqual(whole.issues);
    // within a row, the columns' order in the sheet: hometown, gender, date of birth
    expect(first.issues.filter((issue) => issue.row === 2).map((issue) => issue.column)).toEqual(["Откуда", "Пол", "Дата рождения"]);

    // past the end: no problems, the same totals
    const beyond = await previewImport(coordinator, { ...base, issuesPage: Math.ceil(whole.issueTotal / size) + 1 });
    expect(beyond.issues).toEqual([]);
    expect(beyond.issueTotal).toBe(whole.issueTotal);
  });

  it("names a value's rows up to a limit and counts them all", async () => {
    const preview = await previewImport(coordinator, { uploadId: problems.id, entity: "people", locale: "en", issuesPageSize: 1 });
    const gender = preview.unknownValues.find((unknown) => unknown.text === "пол0")!;
    expect(gender.rowCount).toBe(614);
    expect(gender.rows).toHaveLength(20);
    expect(gender.rows.slice(0, 3)).toEqual([2, 5, 8]);
    expect(preview.unmatchedPlaces.find((place) => place.text === "Нигдеград 2")).toMatchObject({ rows: [2], rowCount: 1 });
  });
});

describe("the preview's pages of likely duplicates", () => {
  it("pages the rows with likely duplicates in row order, each page where the last ended, with the whole sheet's total", async () => {
    const whole = await unpaged(coordinator, namesakes.id, "people");
    expect(whole.duplicateTotal).toBe(NAMESAKES);
    const base: ImportPreviewInput = { uploadId: namesakes.id, entity: "people", locale: "en" };
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const preview = await previewImport(coordinator, { ...base, duplicatesPage: page });
      expect(preview).toMatchObject({ duplicateTotal: NAMESAKES, duplicatesPage: page, duplicatesPageSize: 100, counts: { rows: NAMESAKES, undecided: NAMESAKES } });
      pages.push(preview.duplicates);
    }
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(pages[1]![0]!.row).toBe(pages[0]![99]!.row + 1);
    expect(pages.flat()).toEqual(whole.duplicates);
  });

  it("applies a choice for all rows to rows on pages never opened, a row's own decision first", async () => {
    const preview = await previewImport(coordinator, { uploadId: namesakes.id, entity: "people", locale: "en", duplicateDefault: "create", decisions: { "240": { action: "skip" } }, duplicatesPageSize: 10 });
    // only ten rows were answered, but every row is decided
    expect(preview.duplicates).toHaveLength(10);
    expect(preview.counts).toMatchObject({ rows: NAMESAKES, new: NAMESAKES - 1, skip: 1, undecided: 0 });
    const last = await previewImport(coordinator, { uploadId: namesakes.id, entity: "people", locale: "en", duplicateDefault: "create", decisions: { "240": { action: "skip" } }, duplicatesPage: 24, duplicatesPageSize: 10 });
    expect(last.duplicates.map((duplicate) => [duplicate.row, duplicate.decision])).toContainEqual([240, { action: "skip" }]);
    expect(last.duplicates.find((duplicate) => duplicate.row === 241)!.decision).toEqual({ action: "create" });
  });
});

describe("the pages of a sheet of timeline events", () => {
  it("puts a timeline made impossible by a later row at its own row, though it is found only once the sheet is read", async () => {
    const { reference } = await createCase(coordinator, { subject: { person: { names: [{ value: "Серік Хронологиялық" }] } } });
    const lines = ["Номер дела;Событие;Дата", `${reference};задержан;2018`, `${reference};освобожден;2010`, `${reference};увезли куда-то;2019`, `${reference};осуждён;не дата`];
    const upload = await uploadImport(coordinator, { fileName: "events.csv", bytes: Buffer.from(lines.join("\r\n"), "utf8") });
    const whole = await unpaged(coordinator, upload.id, "events");
    expect(whole.issues.map(({ row, key }) => [row, key])).toEqual([
      [3, "importTimelineImpossible"],
      [4, "importUnknownValue"],
      [5, "invalidDate"],
    ]);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await previewImport(coordinator, { uploadId: upload.id, entity: "events", locale: "ru", issuesPage: page, issuesPageSize: 1 })).issues);
    expect(pages).toEqual(whole.issues);
    // the download writes each batch's problems as it goes: the timeline's come last
    const csv = parseCsv((await (await post(issuesRoute, upload.id, { entity: "events", locale: "en" })).text()).trimEnd(), ",");
    expect(csv.slice(1).map(([row]) => row)).toEqual(["4", "5", "3"]);
  });
});

describe("paging values", () => {
  it.each([
    ["issuesPageSize", 5000, "This number is too large."],
    ["duplicatesPageSize", 201, "This number is too large."],
    ["issuesPage", 0, "This number is too small."],
    ["duplicatesPage", 1.5, "Enter a number."],
    ["issuesPage", "2", "Enter a number."],
  ])("refuses %s %j with 422 and a clear message for the field", async (field, value, message) => {
    const response = await post(previewRoute, problems.id, { entity: "people", [field]: value });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(body.error.fieldErrors).toEqual({ [field]: [message] });
  });

  it("answers the preview over HTTP with the page asked for", async () => {
    const response = await post(previewRoute, problems.id, { entity: "people", locale: "en", issuesPage: 2, issuesPageSize: 5, duplicatesPageSize: 200 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { issues: unknown[]; issuesPage: number; issueTotal: number };
    expect(body.issues).toHaveLength(5);
    expect(body.issuesPage).toBe(2);
  });
});

describe("the problems as CSV", () => {
  it("lists every problem of the sheet, more than a page, in order and in the member's language", async () => {
    const whole = await unpaged(coordinator, problems.id, "people");
    const response = await post(issuesRoute, problems.id, { entity: "people", locale: "en" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="problems-problems.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    // a byte-order mark, so that spreadsheet programs read the Cyrillic
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = parseCsv(bytes.subarray(3).toString("utf8").trimEnd(), ",").map((cells) => cells.map((cell) => String(cell ?? "")));
    expect(header).toEqual(["Row", "Column", "Severity", "Problem", "Value"]);
    expect(lines).toHaveLength(whole.issueTotal);
    expect(lines.map(([row, column]) => `${row} ${column}`)).toEqual(whole.issues.map((issue) => `${issue.row} ${issue.column}`));
    expect(lines[0]).toEqual(["2", "Откуда", "Warning", "Not found in the list of places: choose a place below, or it is kept as written.", "Нигдеград 2"]);
    expect(lines).toContainEqual(["2", "Пол", "Error", "Unknown value: choose what it means below.", "пол0"]);
    expect(lines).toContainEqual(["2", "Дата рождения", "Error", "Enter a valid date.", "не дата 2"]);
    expect(lines).toContainEqual(["2101", "ФИО", "Warning", "Merged cells (A2101:A2102): only the first cell of the merged range holds the value, the others are read as empty.", "A2101:A2102"]);
    // a value a spreadsheet would run as a formula is written as text
    expect(lines).toContainEqual(["40", "Дата рождения", "Error", "Enter a valid date.", "'=1+2"]);
  });

  it("writes the problems in Russian when the member reads Russian", async () => {
    const response = await post(issuesRoute, problems.id, { entity: "people", locale: "ru" });
    const [header, second] = parseCsv((await response.text()).trimEnd(), ",");
    expect(header).toEqual(["Строка", "Столбец", "Серьёзность", "Проблема", "Значение"]);
    expect(second?.[2]).toBe("Предупреждение");
  });

  it("audits each download with the upload it came from and the member who took it", async () => {
    const before = await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'import.issues.download' AND "entityId" = $1`, [problems.id]);
    expect((await post(issuesRoute, problems.id, { entity: "people", locale: "en" })).status).toBe(200);
    const events = await ownerQuery<{ actorUserId: string; metadata: { entity: string } }>(
      `SELECT "actorUserId", metadata FROM audit_events WHERE action = 'import.issues.download' AND "entityId" = $1 ORDER BY id`,
      [problems.id],
    );
    expect(events).toHaveLength(before.length + 1);
    expect(events.at(-1)).toMatchObject({ actorUserId: coordinator.userId, metadata: { entity: "people" } });
  });

  it("does not find another organisation's upload, for the download or the preview", async () => {
    expect((await post(issuesRoute, problems.id, { entity: "people" }, otherToken)).status).toBe(404);
    expect((await post(previewRoute, problems.id, { entity: "people" }, otherToken)).status).toBe(404);
  });
});
