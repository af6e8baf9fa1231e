// Property-based attack on the one road every output takes: organisations with cases of every
// disclosure level (names in several scripts, contacts, birth dates, free text), every report an analyst
// may make, and no identifying value of a non-public case in any of them: not in PDF text, XLSX cells
// or CSV. Pseudonyms are stable across reports and differ across organisations.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/authz";
import { derivePseudonymKey, pseudonym } from "@/lib/disclosure";
import { pseudonymKey } from "@/lib/disclosure/key";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format/date";
import { generateReport } from "@/lib/reports/generate-report";
import { createMember, createOrg } from "../helpers/factories";
import { writeFixtureCases, type FixtureCase } from "../helpers/report-fixtures";
import { reportText } from "../helpers/report-text";

const SYLLABLES = {
  latin: ["ker", "bol", "nur", "sul", "tan", "dau", "let", "mak", "sut", "khan", "yer", "zhan"],
  cyrillic: ["қай", "рат", "нұр", "сұл", "тан", "дәу", "лет", "мақ", "сұт", "хан", "ер", "жан"],
  han: ["卡", "斯", "木", "努", "尔", "苏", "坦", "道", "列", "马", "汗", "江"],
  arabic: ["قاي", "رات", "نۇر", "سۇل", "تان", "داۋ", "لەت", "ماق", "سۇت", "خان", "ەر", "جان"],
} as const;
// per-case distinguishing letters in each script, so two generated cases never share a value
const TAGS = { latin: "qwxzvjfpgh", cyrillic: "щэюфцчшъыё", han: "甲乙丙丁戊己庚辛壬癸", arabic: "ضظغثصذڭپچژ" } as const;

const word = (script: keyof typeof SYLLABLES) => fc.array(fc.constantFrom(...SYLLABLES[script]), { minLength: 2, maxLength: 3 }).map((parts) => parts.join(""));
const tag = (script: keyof typeof TAGS, n: number) => String(n).padStart(3, "0").split("").map((d) => TAGS[script][Number(d)]).join("");

const caseArb = fc.record({
  level: fc.constantFrom("PRIVATE", "ANONYMISED", "PUBLIC" as const),
  latin: word("latin"),
  cyrillic: word("cyrillic"),
  han: word("han"),
  arabic: word("arabic"),
  relative: word("cyrillic"),
  year: fc.integer({ min: 1950, max: 2004 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  phone: fc.integer({ min: 1_000_000, max: 9_999_999 }),
  story: fc.array(fc.constantFrom("camp", "лагерь", "лагерьде", "营", "ئاتا"), { minLength: 2, maxLength: 4 }),
  policeMonth: fc.integer({ min: 1, max: 12 }),
  policeDay: fc.integer({ min: 1, max: 28 }),
  authority: fc.constantFrom("district police department", "аудандық полиция бөлімі", "РУВД", "city court", "облыстық сот", "police"),
});

let serial = 0;
type CaseInput = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function toFixture(input: CaseInput): FixtureCase {
  serial += 1;
  const n = serial;
  const pad = (x: number) => String(x).padStart(2, "0");
  const latin = `${input.latin[0]?.toUpperCase()}${input.latin.slice(1)}${tag("latin", n)}`;
  return {
    level: input.level,
    names: [latin, `${input.cyrillic}${tag("cyrillic", n)}`, `${input.han}${tag("han", n)}`, `${input.arabic}${tag("arabic", n)}`],
    relativeName: `${input.relative}${tag("cyrillic", n)}ова`,
    phone: `+7 701 ${input.phone}${n}`,
    birthDate: `${input.year}-${pad(input.month)}-${pad(input.day)}`,
    summary: `Summary ${input.story.join(" ")} ${tag("latin", n)}sum`,
    eventDescription: `Testimony ${input.story.join(" ")} ${tag("latin", n)}evt`,
    facility: `Facility ${tag("latin", n)}fac`,
    placeText: `Village ${tag("latin", n)}vil`,
    sourceTitle: `Source ${tag("latin", n)}src`,
    advocacyResponse: `Reply ${tag("latin", n)}rsp`,
    policeDescription: `Held ${tag("latin", n)}pol`,
    lawyer: `Lawyer ${tag("latin", n)}law`,
    policeAuthority: `${tag("cyrillic", n)} ${input.authority}`,
    policeDate: `2026-${pad(input.policeMonth)}-${pad(input.policeDay)}`,
    policeCity: `Town ${tag("latin", n)}twn`,
  };
}

const ANALYST_REPORTS = [
  { kind: "summary", format: "pdf", from: "2000-01-01", to: "2026-12-31" },
  { kind: "register", format: "csv" },
  { kind: "register", format: "xlsx" },
  { kind: "register", format: "pdf" },
  { kind: "statistics", format: "csv" },
  { kind: "statistics", format: "xlsx" },
] as const;

async function analystTexts(analyst: Ctx, caseIds: string[], locale: "kk" | "ru" | "en"): Promise<{ texts: string[]; privateDossiersRefused: number }> {
  const texts: string[] = [];
  let refused = 0;
  for (const request of ANALYST_REPORTS) texts.push(await reportText(await generateReport(analyst, { ...request, locale })));
  for (const caseId of caseIds) {
    try {
      texts.push(await reportText(await generateReport(analyst, { kind: "dossier", caseId, locale })));
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") refused += 1;
      else throw error;
    }
  }
  return { texts, privateDossiersRefused: refused };
}

describe("an anonymised case's police actions", () => {
  it("reach an analyst by month, region and authority level, and a coordinator by day, town and authority", async () => {
    const org = await createOrg("Generalised police", "GP");
    const analyst = await createMember(org, "ANALYST");
    const coordinator = await createMember(org, "COORDINATOR");
    const input: CaseInput = { level: "ANONYMISED", latin: "kerbol", cyrillic: "нұрлан", han: "卡斯", arabic: "نۇرجان", relative: "сұлтан", year: 1970, month: 5, day: 9, phone: 5551234, story: ["camp", "лагерь"], policeMonth: 6, policeDay: 15, authority: "district police department" };
    await writeFixtureCases(org.id, "GP", [toFixture(input)]);
    const analystCsv = (await generateReport(analyst, { kind: "register", format: "csv", locale: "en" })).bytes.toString("utf8");
    const row = analystCsv.split("\r\n").find((line) => line.includes("Detention")) ?? "";
    expect(row).toContain("June 2026");
    expect(row).toContain("Almaty Region");
    expect(row).toContain("District authority");
    for (const value of ["15/06/2026", "2026-06-15", "district police department", "Town ", "Konaev"]) expect(analystCsv).not.toContain(value);
    const analystXlsx = await reportText(await generateReport(analyst, { kind: "register", format: "xlsx", locale: "ru" }));
    expect(analystXlsx).toContain("Алматинская область");
    expect(analystXlsx).toContain("Районный орган");
    expect(analystXlsx).not.toContain("2026-06-15");
    const coordinatorCsv = (await generateReport(coordinator, { kind: "register", format: "csv", locale: "en" })).bytes.toString("utf8");
    expect(coordinatorCsv).toContain("district police department");
    expect(coordinatorCsv).toMatch(/Town [a-z]+twn/);
  });
});

/** The days writeFixtureCases gives every case: opened, advocacy sent, its answer received. */
const FIXTURE_DAYS = ["2026-03-02", "2026-05-10", "2026-07-01"];

/** The days a report made now may print as its generation date: today in Almaty (the reports' zone) and in UTC. */
const generationDays = () => ["Asia/Almaty", "UTC"].map((timeZone) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date()));

/** A date as a whole: no digit runs on into it, so "2 March 2026" is not found inside "12 March 2026". */
const wholeDate = (value: string) => new RegExp(`(?<!\\d)${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\d)`);
const leaks = (text: string, value: string) => (/^\d/.test(value) ? wholeDate(value).test(text) : text.includes(value));

describe("disclosure in every report an analyst may make", () => {
  it("never shows an identifying value of a private or anonymised case, in any format or language", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 3, maxLength: 5 }), fc.constantFrom("kk" as const, "ru" as const, "en" as const), async (inputs, locale) => {
        const org = await createOrg("Property group", "PG");
        const analyst = await createMember(org, "ANALYST");
        const fixtures = inputs.map(toFixture);
        const built = await writeFixtureCases(org.id, "PG", fixtures);
        const { texts, privateDossiersRefused } = await analystTexts(analyst, built.map((c) => c.id), locale);
        const everything = texts.join("\n\u0000\n");
        for (const [i, item] of built.entries()) {
          const fixture = fixtures[i] as FixtureCase;
          if (item.level === "PUBLIC") continue;
          // a police action's exact day, unless a public case shows that day: its own police action on it,
          // or one of the days every fixture case carries (opened, advocacy sent, answer received)
          const policeDay = fixture.policeDate as string;
          const anyPublic = built.some((other) => other.level === "PUBLIC");
          // (and every report says the day it was made: a police day that is today is not told apart)
          const sharedDay =
            generationDays().includes(policeDay) ||
            (anyPublic && FIXTURE_DAYS.includes(policeDay)) ||
            built.some((other, j) => other.level === "PUBLIC" && fixtures[j]?.policeDate === policeDay);
          // the exact birth date too, unless a public case's subject was born the same day (shown in full)
          const sharedBirth = built.some((other, j) => other.level === "PUBLIC" && fixtures[j]?.birthDate === fixture.birthDate);
          const forbidden = [...item.identifying, ...(sharedBirth ? [] : [formatDate(fixture.birthDate, locale)]), ...(sharedDay ? [] : [formatDate(policeDay, locale), policeDay])];
          for (const value of forbidden) expect(leaks(everything, value), `${item.level} case leaked "${value}"`).toBe(false);
        }
        expect(privateDossiersRefused).toBe(built.filter((c) => c.level === "PRIVATE").length);
        // public cases are there in full
        for (const item of built.filter((c) => c.level === "PUBLIC")) expect(everything).toContain(fixtures[built.indexOf(item)]?.names[0]);
      }),
      { numRuns: 2, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 300_000);

  it("names an anonymised case by the same pseudonym in every report, and by another in another organisation", async () => {
    const org = await createOrg("Pseudonym group", "PS");
    const analyst = await createMember(org, "ANALYST");
    const [anonymised] = await writeFixtureCases(org.id, "PS", [toFixture({ level: "ANONYMISED", latin: "kerbol", cyrillic: "нұрлан", han: "卡斯", arabic: "نۇرجان", relative: "сұлтан", year: 1970, month: 5, day: 9, phone: 5551234, story: ["camp", "лагерь"], policeMonth: 3, policeDay: 3, authority: "police" })]);
    const code = pseudonym(pseudonymKey(org.id), "case", anonymised!.id);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    const dossier = await reportText(await generateReport(analyst, { kind: "dossier", caseId: anonymised!.id, locale: "en" }));
    const register = await reportText(await generateReport(analyst, { kind: "register", format: "csv", locale: "en" }));
    const summary = await reportText(await generateReport(analyst, { kind: "summary", from: "2026-01-01", to: "2026-12-31", locale: "en" }));
    for (const text of [dossier, register, summary]) expect(text).toContain(code);
    const other = await createOrg("Another group", "AN");
    expect(pseudonym(pseudonymKey(other.id), "case", anonymised!.id)).not.toBe(code);
    // not reversible without the installation's secret: another secret gives another code
    expect(pseudonym(derivePseudonymKey("another secret", org.id), "case", anonymised!.id)).not.toBe(code);
  });
});
