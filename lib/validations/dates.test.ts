// The shared date rules: real calendar dates only, and per kind of field only the dates that can be true.
import { describe, expect, it } from "vitest";
import { auditQuerySchema } from "@/lib/audit-log/find-audit-events";
import { caseListQuerySchema } from "./case";
import { dashboardQuerySchema } from "./dashboard";
import { policeActionListQuerySchema } from "./police-action";
import { dateTimeSchema, daySchema, filterBoundDay, optionalDaySchema, parseDateTime, parseDay, parseUncertainDate, uncertainDateSchema } from "./dates";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("what a real calendar date is", () => {
  it("refuses days that do not exist instead of rolling them over", () => {
    expect(parseDay("2018-02-30")).toBeNull();
    expect(parseDay("2019-02-29")).toBeNull();
    expect(parseDay("2020-02-29")?.toISOString()).toBe("2020-02-29T00:00:00.000Z");
    expect(parseDay("0000-00-00")).toBeNull();
    expect(parseDay("9999-99-99")).toBeNull();
  });

  it("reads only two-digit months and days, the way the date field writes them", () => {
    expect(parseDay("2018-2-3")).toBeNull();
    expect(parseDay("20180101")).toBeNull();
    expect(parseDay("2018-01-01T00:00:00Z")).toBeNull();
    expect(parseUncertainDate("2018-2")).toBeNull();
    expect(parseUncertainDate("2018-03")).toEqual({ date: new Date(Date.UTC(2018, 2, 1)), precision: "MONTH" });
  });

  it("refuses an hour, minute or offset that does not exist", () => {
    expect(parseDateTime("2024-01-01T25:00:00Z")).toBeNull();
    expect(parseDateTime("2024-01-01T10:60")).toBeNull();
    expect(parseDateTime("2024-02-30T10:00")).toBeNull();
    expect(parseDateTime("not a date")).toBeNull();
    expect(parseDateTime("2024-01-01T10:00:00+05:00")?.toISOString()).toBe("2024-01-01T05:00:00.000Z");
  });
});

describe("which dates can be true for each kind of field", () => {
  it("a past event is not in the future and not before 1900", () => {
    const schema = daySchema("pastEvent");
    expect(schema.safeParse(inDays(-1)).success).toBe(true);
    expect(messages(schema.safeParse(inDays(3)))).toEqual(["dateInFuture"]);
    expect(messages(schema.safeParse("1899-12-31"))).toEqual(["dateTooEarly"]);
    expect(messages(schema.safeParse("0001-01-01"))).toEqual(["dateTooEarly"]);
    expect(messages(schema.safeParse("2200-01-01"))).toEqual(["dateInFuture"]);
    expect(messages(schema.safeParse(""))).toEqual(["required"]);
  });

  it("an upcoming date (a hearing) may be up to two years ahead", () => {
    const schema = dateTimeSchema("upcoming");
    expect(schema.safeParse(`${inDays(700)}T10:00`).success).toBe(true);
    expect(messages(schema.safeParse(`${inDays(800)}T10:00`))).toEqual(["dateTooFarAhead"]);
    expect(messages(schema.safeParse("9999-12-31T10:00:00Z"))).toEqual(["dateTooFarAhead"]);
  });

  it("a birth is from 1850 and not in the future", () => {
    const schema = uncertainDateSchema("birth");
    expect(schema.safeParse("1850").success).toBe(true);
    expect(messages(schema.safeParse("1849-12-31"))).toEqual(["dateTooEarly"]);
    expect(messages(schema.safeParse(String(new Date().getUTCFullYear() + 1)))).toEqual(["dateInFuture"]);
  });

  it("an optional date is null when left empty and refused when it is not a date", () => {
    const schema = optionalDaySchema("pastEvent");
    expect(schema.parse("")).toBeNull();
    expect(schema.parse(null)).toBeNull();
    expect(schema.parse(undefined)).toBeNull();
    expect(messages(schema.safeParse("2018-02-30"))).toEqual(["invalidDate"]);
    expect(messages(schema.safeParse(42))).toEqual(["invalidDate"]);
  });
});

describe("dates typed as people write them, in every schema", () => {
  it("a day field reads a typed day and asks for the day when only a month is given", () => {
    expect(daySchema("pastEvent").parse("12.03.2018")).toEqual(new Date(Date.UTC(2018, 2, 12)));
    expect(optionalDaySchema("pastEvent").parse("12 наурыз 2018 ж.")).toEqual(new Date(Date.UTC(2018, 2, 12)));
    expect(messages(daySchema("pastEvent").safeParse("March 2018"))).toEqual(["dateNeedsDay"]);
    expect(messages(daySchema("pastEvent").safeParse("12.03.18"))).toEqual(["dateYearInFull"]);
  });

  it("an uncertain date field gives on the canonical text of what was typed", () => {
    expect(uncertainDateSchema("pastEvent").parse("наурыз 2018")).toBe("2018-03");
    expect(uncertainDateSchema("pastEvent").parse("марта 2018 г.")).toBe("2018-03");
    expect(uncertainDateSchema("pastEvent").parse("12.03.2018")).toBe("2018-03-12");
    expect(uncertainDateSchema("pastEvent").parse("белгісіз")).toBe("");
    expect(messages(uncertainDateSchema("pastEvent").safeParse("наурыз"))).toEqual(["dateNeedsYear"]);
  });
});

describe("a list's date filter typed as people say it", () => {
  it("reads a year, a month or a day as the first day of the period from, and the last day of it to", () => {
    expect(filterBoundDay("наурыз 2018", "from")).toBe("2018-03-01");
    expect(filterBoundDay("наурыз 2018", "to")).toBe("2018-03-31");
    expect(filterBoundDay("февраль 2020", "to")).toBe("2020-02-29");
    expect(filterBoundDay("2017", "to")).toBe("2017-12-31");
    expect(filterBoundDay("2018-03", "from")).toBe("2018-03-01");
    expect(filterBoundDay("12.03.2018", "to")).toBe("2018-03-12");
    expect(filterBoundDay("12 March 2018", "from")).toBe("2018-03-12");
  });

  it("leaves what is no date for the field's own rule to judge", () => {
    expect(filterBoundDay("March", "from")).toBe("March");
    expect(filterBoundDay("2026-11-23T10:00:00Z", "from")).toBe("2026-11-23T10:00:00Z");
    expect(filterBoundDay("", "to")).toBe("");
    expect(filterBoundDay(undefined, "to")).toBeUndefined();
  });

  it("gives every list the same reading of a typed period", () => {
    expect(caseListQuerySchema.parse({ from: "наурыз 2018", to: "март 2018" })).toMatchObject({ from: "2018-03-01", to: "2018-03-31" });
    expect(policeActionListQuerySchema.parse({ from: "2018", to: "2018" })).toMatchObject({ from: new Date(Date.UTC(2018, 0, 1)), to: new Date(Date.UTC(2018, 11, 31)) });
    expect(dashboardQuerySchema.parse({ from: "March 2018", to: "31.03.2018" })).toMatchObject({ period: "custom", from: "2018-03-01", to: "2018-03-31" });
    // the audit log's "to" is up to the end of the last day
    expect(auditQuerySchema.parse({ from: "наурыз 2018", to: "наурыз 2018" })).toMatchObject({ from: new Date("2018-03-01T00:00:00Z"), to: new Date("2018-04-01T00:00:00Z") });
  });

  it("ignores a filter that is no date instead of failing the list", () => {
    expect(caseListQuerySchema.parse({ from: "soon" }).from).toBeUndefined();
  });
});
