// Dates as people type them: every spelling a volunteer uses in Kazakh, Russian or English reads as the
// same stored value, and what is not a date gets a message saying what to fix.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseTypedDate, type TypedDate } from "./typed-date";

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const understood = (result: TypedDate) => (result.ok ? `${result.value.precision} ${result.text}` : `error ${result.error}`);

describe("reading a typed date", () => {
  it("reads March 2018 the same in Kazakh, Russian and English, with or without the year marker", () => {
    for (const typed of ["наурыз 2018", "Наурыз 2018 ж.", "2018 ж. наурыз", "2018 жылғы наурыз", "наурызда 2018", "март 2018", "марта 2018 г.", "в марте 2018 года", "March 2018", "mar 2018", "Mar. 2018", "2018-03", "03.2018", "3/2018", "2018.03"]) {
      expect(understood(parseTypedDate(typed)), typed).toBe("MONTH 2018-03");
    }
  });

  it("reads a full date written day first, year first or with the month's name", () => {
    for (const typed of ["12.03.2018", "12/03/2018", "12-03-2018", "2018-03-12", "12 March 2018", "March 12, 2018", "12th of March 2018", "12 наурыз 2018", "2018 ж. 12 наурыз", "12-ші наурыз 2018 ж.", "12 марта 2018 г.", "12 марта 2018г.", "12марта 2018"]) {
      const result = parseTypedDate(typed);
      expect(understood(result), typed).toBe("DAY 2018-03-12");
      expect(result.ok && result.value.date).toEqual(day(2018, 3, 12));
    }
  });

  it("reads a year alone as the year, stored as its first day", () => {
    for (const typed of ["2018", "2018 ж.", "2018 жыл", "2018 г.", "2018г", "2018 год"]) {
      const result = parseTypedDate(typed);
      expect(understood(result), typed).toBe("YEAR 2018");
      expect(result.ok && result.value.date).toEqual(day(2018, 1, 1));
    }
  });

  it("reads numbers day first, the way all three languages write them", () => {
    expect(understood(parseTypedDate("03.04.2018", "en"))).toBe("DAY 2018-04-03");
    expect(understood(parseTypedDate("1.2.2019"))).toBe("DAY 2019-02-01");
  });

  it("reads May in Russian and an abbreviation in the reader's language", () => {
    expect(understood(parseTypedDate("мая 2019"))).toBe("MONTH 2019-05");
    expect(understood(parseTypedDate("9 мая 2019", "ru"))).toBe("DAY 2019-05-09");
    expect(understood(parseTypedDate("мамыр 2019"))).toBe("MONTH 2019-05");
    expect(understood(parseTypedDate("желт. 2020"))).toBe("MONTH 2020-12");
    expect(understood(parseTypedDate("сент 2020", "ru"))).toBe("MONTH 2020-09");
    expect(understood(parseTypedDate("қыркүйектің 5-і 2020"))).toBe("error invalidDate");
  });

  it("reads an empty field or a typed 'unknown' as an unknown date", () => {
    for (const typed of ["", "   ", "белгісіз", "Неизвестно", "unknown", "?"]) {
      expect(parseTypedDate(typed)).toEqual({ ok: true, value: { date: null, precision: "UNKNOWN" }, text: "" });
    }
    expect(parseTypedDate(null).ok).toBe(true);
  });

  it("refuses days that do not exist instead of rolling them over", () => {
    expect(understood(parseTypedDate("30.02.2018"))).toBe("error invalidDate");
    expect(understood(parseTypedDate("31 сәуір 2018"))).toBe("error invalidDate");
    expect(understood(parseTypedDate("2018-13"))).toBe("error invalidDate");
    expect(understood(parseTypedDate("29.02.2020"))).toBe("DAY 2020-02-29");
  });

  it("asks for the year in full or for a year at all rather than guessing", () => {
    expect(understood(parseTypedDate("12.03.18"))).toBe("error dateYearInFull");
    expect(understood(parseTypedDate("12 March 18"))).toBe("error dateYearInFull");
    expect(understood(parseTypedDate("12 наурыз"))).toBe("error dateNeedsYear");
    expect(understood(parseTypedDate("March"))).toBe("error dateNeedsYear");
  });

  it("refuses what is not a date", () => {
    for (const typed of ["spring 2018", "көктем 2018", "2018 2019", "March April 2018", "12 13 March 2018", "ма 2018", "abc", "2018-03-12T10:00", "1 2 3"]) {
      expect(understood(parseTypedDate(typed)), typed).toBe("error invalidDate");
    }
  });

  it("gives back a text the stored-date schemas read as the same date, for any real day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1850-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }), (when) => {
        const [y, m, d] = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate()];
        const typed = `${d}.${String(m).padStart(2, "0")}.${y}`;
        const result = parseTypedDate(typed);
        expect(result.ok && result.value.date).toEqual(day(y, m, d));
        expect(result.ok && parseTypedDate(result.text)).toEqual(result);
      }),
    );
  });
});
