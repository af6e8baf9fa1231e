import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("+7 700 000")).toBe("'+7 700 000");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
  });

  it("quotes commas, quotes and line breaks and keeps other text as it is", () => {
    expect(csvCell("Қасым, Ерлан")).toBe(`"Қасым, Ерлан"`);
    expect(csvCell('say "no"')).toBe(`"say ""no"""`);
    expect(csvCell("line\nbreak")).toBe(`"line\nbreak"`);
    expect(csvCell("Алматы")).toBe("Алматы");
    expect(csvCell(null)).toBe("");
  });

  it("starts with a byte-order mark and ends rows with CRLF", () => {
    const text = toCsv(["a", "b"], [[1, "x"]]);
    expect(text.startsWith("\uFEFFa,b\r\n1,x\r\n")).toBe(true);
  });
});
