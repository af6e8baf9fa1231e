import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRelative, formatUncertainDate } from "./date";
import { formatDateTime as formatProtestDateTime, formatDay } from "@/lib/protests/format";
import { formatMoney, formatNumber } from "./number";

const march12 = new Date(Date.UTC(2018, 2, 12));

describe("uncertain dates", () => {
  it("shows a year alone the way each language writes it", () => {
    expect(formatUncertainDate(new Date(Date.UTC(2017, 0, 1)), "YEAR", "kk")).toBe("2017 ж.");
    expect(formatUncertainDate(new Date(Date.UTC(2017, 0, 1)), "YEAR", "ru")).toBe("2017 г.");
    expect(formatUncertainDate("2017-01-01", "YEAR", "en")).toBe("2017");
  });

  it("shows month and year with the month's name in Kazakh, Russian and English", () => {
    expect(formatUncertainDate(march12, "MONTH", "kk")).toBe("наурыз 2018 ж.");
    expect(formatUncertainDate(march12, "MONTH", "ru")).toBe("март 2018 г.");
    expect(formatUncertainDate(march12, "MONTH", "en")).toBe("March 2018");
  });

  it("shows full dates day first", () => {
    expect(formatUncertainDate(march12, "DAY", "kk")).toBe("12 наурыз 2018 ж.");
    expect(formatUncertainDate(march12, "DAY", "ru")).toBe("12 марта 2018 г.");
    expect(formatUncertainDate(march12, "DAY", "en")).toBe("12 March 2018");
    expect(formatDate("2018-03-12", "en")).toBe("12 March 2018");
  });

  it("says unknown, translated, when there is no date or no precision", () => {
    expect(formatUncertainDate(null, "DAY", "kk")).toBe("белгісіз");
    expect(formatUncertainDate(march12, "UNKNOWN", "ru")).toBe("неизвестно");
    expect(formatUncertainDate("not a date", "YEAR", "en")).toBe("unknown");
  });

  it("writes Kazakh dates day first on every page, with or without the time", () => {
    expect(formatDate("2026-12-01", "kk")).toBe("1 желтоқсан 2026 ж.");
    expect(formatDay("2026-11-29", "kk")).toBe("29 қараша 2026 ж.");
    expect(formatDateTime("2026-11-29T10:05:00Z", "kk")).toBe("29 қараша 2026 ж., 15:05");
    expect(formatProtestDateTime("2026-11-29T10:05:00Z", "kk")).toBe("29 қараша 2026 ж., 15:05");
    expect(formatDateTime("2026-11-29T10:05:00Z", "ru")).toBe("29 ноября 2026 г., 15:05");
    expect(formatDateTime("2026-11-29T20:05:00Z", "en")).toBe("30 November 2026, 01:05");
  });

  it("does not shift a stored calendar date to the previous day in any time zone", () => {
    expect(formatUncertainDate(new Date("2018-03-01T00:00:00.000Z"), "DAY", "en")).toBe("1 March 2018");
  });
});

describe("numbers and money", () => {
  it("writes tenge amounts with the tenge sign and the language's separators", () => {
    expect(formatMoney(1_500_000, "kk").replace(/\s/g, " ")).toBe("1 500 000 ₸");
    expect(formatMoney(1_500_000, "ru").replace(/\s/g, " ")).toBe("1 500 000 ₸");
    expect(formatMoney("2500.5", "en")).toBe("₸2,500.50");
  });

  it("groups digits per language", () => {
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(12345, "ru").replace(/\s/g, " ")).toBe("12 345");
  });

  it("says how long ago something happened", () => {
    const now = new Date(Date.UTC(2026, 0, 10));
    expect(formatRelative(new Date(Date.UTC(2026, 0, 7)), "en", now)).toBe("3 days ago");
    expect(formatRelative(new Date(Date.UTC(2026, 0, 7)), "kk", now)).toBe("3 күн бұрын");
  });
});
