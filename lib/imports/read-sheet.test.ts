// The streamed CSV reading gives the same rows as reading the whole text at once, wherever the pieces
// are cut: inside a quoted field with a line break, between an escaped quote's two quotes, between a
// carriage return and its line feed, and inside a two-byte letter.
import { describe, expect, it } from "vitest";
import { CsvParser, MAX_ROWS, parseCsv, readSheetRows, readWorkbook } from "./read-sheet";

const pieces = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, index) => text.slice(index * size, (index + 1) * size));

describe("CSV read a piece at a time", () => {
  const text = 'ФИО;Примечание\r\n"Ербол ""Еркош"" Қасымұлы";"две\r\nстроки; и точка с запятой"\r\nАйгүл;\r\n\r\n;последняя';
  const whole = parseCsv(text);

  it("gives the rows of the whole text for pieces of every size", () => {
    expect(whole).toEqual([["ФИО", "Примечание"], ['Ербол "Еркош" Қасымұлы', "две\r\nстроки; и точка с запятой"], ["Айгүл", ""], [""], ["", "последняя"]]);
    for (let size = 1; size <= text.length; size += 1) {
      const parser = new CsvParser(";");
      const rows = [...pieces(text, size).flatMap((piece) => parser.push(piece)), ...parser.end()];
      expect(rows, `pieces of ${size}`).toEqual(whole);
    }
  });

  it("reads a file larger than a piece with a letter cut between two pieces, row by row and in batches", async () => {
    const header = "Имя;Дата рождения\n";
    const filler = Array.from({ length: 40_000 }, (_, index) => `a${index};1\n`).join("");
    // a padding row that makes the next row's first letter (two bytes in UTF-8) start one byte before 1 MiB
    const used = Buffer.byteLength(header + filler) + ";1\n".length;
    const padding = `${"b".repeat((1 << 20) - 1 - used)};1\n`;
    const bytes = Buffer.from(`${header}${filler}${padding}Жанар Серікқызы;1980\nСоңғы;2\n`, "utf8");
    expect(bytes.subarray((1 << 20) - 1, (1 << 20) + 1).toString("utf8")).toBe("Ж");
    const workbook = await readWorkbook("big.csv", bytes);
    expect(workbook.encoding).toBe("utf-8");
    expect(workbook.sheets[0]).toMatchObject({ headers: ["Имя", "Дата рождения"], rowCount: 40_003 });
    expect(workbook.sheets[0]!.sample).toHaveLength(200);
    const batches: number[] = [];
    const last: unknown[] = [];
    for await (const batch of readSheetRows("big.csv", bytes, workbook.sheets[0]!.name)) {
      batches.push(batch.length);
      last.splice(0, last.length, ...batch.slice(-2));
    }
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(40_003);
    expect(Math.max(...batches)).toBe(2_000);
    expect(last).toEqual([
      { row: 40_003, cells: ["Жанар Серікқызы", "1980"] },
      { row: 40_004, cells: ["Соңғы", "2"] },
    ]);
  });

  it("refuses a sheet of more rows than the limit while reading it, naming the limit", async () => {
    const bytes = Buffer.from(["Имя;Год", ...Array.from({ length: MAX_ROWS + 1 }, (_, index) => `a${index};1980`)].join("\n"), "utf8");
    await expect(readWorkbook("many.csv", bytes)).rejects.toMatchObject({ key: "importTooManyRows", values: { max: MAX_ROWS } });
  });
});
