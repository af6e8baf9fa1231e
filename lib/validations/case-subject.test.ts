import { describe, expect, it } from "vitest";
import { dayAndTimeInstant, dayAndTimeInstantForForm } from "@/lib/protests/format";
import { createCaseSchema } from "./case";

const paths = (subject: unknown) => {
  const result = createCaseSchema.safeParse({ subject, contacts: [], disclosureLevel: "PRIVATE" });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the subject of a new case", () => {
  it("reports a bad birth date of a new person at the birth date, not as no option fitting the subject", () => {
    expect(paths({ person: { names: [{ value: "Ali" }], birthDate: "32.13.2018" } })).toEqual(["subject.person.birthDate: invalidDate"]);
  });

  it("reports an empty name at the first name only", () => {
    expect(paths({ person: { names: [{ value: "" }] } })).toEqual(["subject.person.names.0.value: required"]);
  });

  it("asks for someone when neither a recorded person nor a new one is given", () => {
    expect(paths({})).toEqual(["subject.personId: required"]);
  });

  it("accepts someone already recorded or someone new", () => {
    expect(paths({ personId: "7c9e6679-7425-40de-944b-e07fc1f90ae7" })).toEqual([]);
    expect(paths({ person: { names: [{ value: "Ali" }], birthDate: "наурыз 2018" } })).toEqual([]);
  });
});

describe("a hearing's or a protest's day and time", () => {
  it("become one instant in Almaty time", () => {
    expect(dayAndTimeInstant("12.03.2026", "9:30", "ru")).toBe("2026-03-12T09:30:00+05:00");
    expect(dayAndTimeInstant("12 наурыз 2026", "14.00", "kk")).toBe("2026-03-12T14:00:00+05:00");
  });

  it("go on as typed when the day names no single day, for the schema to refuse", () => {
    expect(dayAndTimeInstant("March 2026", "10:00", "en")).toBe("March 2026");
    expect(dayAndTimeInstant("", "", "en")).toBe("");
  });

  it("leave a right day unmarked in a form while only the time is missing or mistyped", () => {
    expect(dayAndTimeInstantForForm("12.03.2026", "", "ru")).toBe("2026-03-12T00:00:00+05:00");
    expect(dayAndTimeInstantForForm("12.03.2026", "25:00", "ru")).toBe("2026-03-12T00:00:00+05:00");
    expect(dayAndTimeInstantForForm("12.03.2026", "9.30", "ru")).toBe("2026-03-12T09:30:00+05:00");
    expect(dayAndTimeInstantForForm("March 2026", "", "en")).toBe("March 2026");
  });
});
