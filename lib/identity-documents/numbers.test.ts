import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkChineseResidentId,
  checkDocumentNumber,
  checkKazakhIin,
  chineseIdCheckCharacter,
  compareFacts,
  divisionCodeCandidates,
  iinCheckDigit,
  maskDocumentNumber,
  normaliseDocumentNumber,
} from "./numbers";

const NOW = new Date("2026-06-01T00:00:00Z");
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(""));
const birthDates = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));

/** A valid 18-character Chinese resident ID and the facts it carries. */
const chineseIds = fc
  .record({ area: fc.integer({ min: 110000, max: 659999 }), birth: birthDates, seq: digits(3) })
  .map(({ area, birth, seq }) => {
    const first17 = `${area}${birth.y}${pad(birth.m, 2)}${pad(birth.d, 2)}${seq}`;
    return { id: first17 + chineseIdCheckCharacter(first17), birth, area: String(area), male: Number(seq[2]) % 2 === 1 };
  });

/** A valid Kazakh IIN; numbers whose check digit cannot exist (a second remainder of 10) are skipped. */
const iins = fc
  .record({ birth: birthDates, serial: digits(4) })
  .map(({ birth, serial }) => {
    const male = Number(serial[0]) % 2 === 1;
    const centuryDigit = (birth.y >= 2000 ? 5 : 3) + (male ? 0 : 1);
    const first11 = `${pad(birth.y % 100, 2)}${pad(birth.m, 2)}${pad(birth.d, 2)}${centuryDigit}${serial}`;
    const check = iinCheckDigit(first11);
    return { iin: check === null ? null : `${first11}${check}`, birth, male };
  })
  .filter((v): v is { iin: string; birth: { y: number; m: number; d: number }; male: boolean } => v.iin !== null);

/** The number with one character at `index` replaced by another digit (or X in a Chinese check place). */
function corrupt(value: string, index: number, shift: number): string {
  const alphabet = index === 17 && value.length === 18 ? "0123456789X" : "0123456789";
  const current = alphabet.indexOf(value[index]!);
  const next = alphabet[(current + 1 + (shift % (alphabet.length - 1))) % alphabet.length]!;
  return value.slice(0, index) + next + value.slice(index + 1);
}

const firstPass = (first11: string) => [...first11].reduce((sum, d, i) => sum + Number(d) * (i + 1), 0) % 11;

describe("Chinese resident identity numbers", () => {
  it("accepts every generated valid number and reads its birth date, sex and division code", () => {
    fc.assert(
      fc.property(chineseIds, ({ id, birth, area, male }) => {
        const result = checkChineseResidentId(id, NOW);
        expect(result.valid).toBe(true);
        if (!result.valid) return;
        expect(result.facts.birthDate).toBe(`${birth.y}-${pad(birth.m, 2)}-${pad(birth.d, 2)}`);
        expect(result.facts.gender).toBe(male ? "MALE" : "FEMALE");
        expect(result.facts.divisionCode).toBe(area);
      }),
    );
  });

  it("catches every single-character change", () => {
    fc.assert(
      fc.property(chineseIds, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 20 }), ({ id }, index, shift) => {
        expect(checkChineseResidentId(corrupt(id, index, shift), NOW).valid).toBe(false);
      }),
    );
  });

  it("catches two neighbouring digits swapped", () => {
    fc.assert(
      fc.property(chineseIds, fc.integer({ min: 0, max: 15 }), ({ id }, index) => {
        fc.pre(id[index] !== id[index + 1]);
        const swapped = id.slice(0, index) + id[index + 1] + id[index] + id.slice(index + 2);
        expect(checkChineseResidentId(swapped, NOW).valid).toBe(false);
      }),
    );
  });

  it("accepts the published example number, with a lower-case x, spaces and dashes", () => {
    const result = checkChineseResidentId(" 110105-1949 1231 002x ", NOW);
    expect(result).toEqual({ valid: true, normalized: "11010519491231002X", facts: { birthDate: "1949-12-31", gender: "FEMALE", divisionCode: "110105" } });
  });

  it("reads a number issued in Ghulja (Yining city, 654002)", () => {
    const first17 = "65400219780315041";
    const result = checkChineseResidentId(first17 + chineseIdCheckCharacter(first17), NOW);
    expect(result.valid && result.facts).toEqual({ birthDate: "1978-03-15", gender: "MALE", divisionCode: "654002" });
  });

  it("recognises the old 15-digit form: area, YYMMDD of the 1900s, three serial digits", () => {
    expect(checkChineseResidentId("654002780315042", NOW)).toEqual({
      valid: true,
      normalized: "654002780315042",
      facts: { birthDate: "1978-03-15", gender: "FEMALE", divisionCode: "654002", legacy: true },
    });
    expect(checkChineseResidentId("654002781315042", NOW)).toMatchObject({ valid: false, problem: "documentBirthDate" });
  });

  it("says what is wrong: a 17-digit number, letters, an impossible birth date", () => {
    expect(checkChineseResidentId("11010519491231002", NOW)).toMatchObject({ valid: false, problem: "documentLength" });
    expect(checkChineseResidentId("1101051949123100AB", NOW)).toMatchObject({ valid: false, problem: "documentCharacters" });
    expect(checkChineseResidentId("X10105194912310021", NOW)).toMatchObject({ valid: false, problem: "documentCharacters" });
    const feb30 = "65400219800230041";
    expect(checkChineseResidentId(feb30 + chineseIdCheckCharacter(feb30), NOW)).toMatchObject({ valid: false, problem: "documentBirthDate" });
    const future = "65400220300101041";
    expect(checkChineseResidentId(future + chineseIdCheckCharacter(future), NOW)).toMatchObject({ valid: false, problem: "documentBirthDate" });
  });
});

describe("Kazakh individual identification numbers (IIN)", () => {
  it("accepts every generated valid IIN and reads its birth date and sex", () => {
    fc.assert(
      fc.property(iins, ({ iin, birth, male }) => {
        const result = checkKazakhIin(iin, NOW);
        expect(result.valid).toBe(true);
        if (!result.valid) return;
        expect(result.facts).toEqual({ birthDate: `${birth.y}-${pad(birth.m, 2)}-${pad(birth.d, 2)}`, gender: male ? "MALE" : "FEMALE" });
      }),
    );
  });

  it("catches every single-digit change that the first weighting decides, except in the eleventh digit", () => {
    fc.assert(
      fc.property(iins, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 20 }), ({ iin }, index, shift) => {
        const changed = corrupt(iin, index, shift);
        // a first remainder of 10 hands the decision to the second weights, which may agree by chance
        // the eleventh digit weighs 11 ≡ 0 (mod 11) in the first pass: the official algorithm cannot see it change
        fc.pre(index !== 10);
        fc.pre(index === 11 || (firstPass(iin.slice(0, 11)) !== 10 && firstPass(changed.slice(0, 11)) !== 10));
        expect(checkKazakhIin(changed, NOW).valid).toBe(false);
      }),
    );
  });

  it("uses the second weights when the first remainder is 10, and refuses a number whose second remainder is 10 too", () => {
    let second: string | null = null;
    let none: string | null = null;
    for (let n = 0; n < 200_000 && (!second || !none); n++) {
      const first11 = `850101${pad(n, 5)}`.slice(0, 11).replace(/^(\d{6})\d/, "$13");
      if (firstPass(first11) !== 10) continue;
      if (iinCheckDigit(first11) === null) none ??= first11;
      else second ??= first11;
    }
    expect(second).not.toBeNull();
    expect(none).not.toBeNull();
    const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    const expected = [...second!].reduce((sum, d, i) => sum + Number(d) * secondWeights[i]!, 0) % 11;
    expect(checkKazakhIin(`${second}${expected}`, NOW).valid).toBe(true);
    for (let digit = 0; digit <= 9; digit++) expect(checkKazakhIin(`${none}${digit}`, NOW).valid).toBe(false);
  });

  it("accepts real-format examples and reads the century from the seventh digit", () => {
    const man1985 = `8503153${"0012"}`;
    const iin = `${man1985}${iinCheckDigit(man1985)}`;
    expect(checkKazakhIin(iin.replace(/(\d{6})(\d{6})/, "$1 $2"), NOW)).toEqual({ valid: true, normalized: iin, facts: { birthDate: "1985-03-15", gender: "MALE" } });
    const girl2004 = "0407226001";
    const base = `${girl2004}4`;
    const check = iinCheckDigit(base);
    if (check !== null) expect(checkKazakhIin(`${base}${check}`, NOW)).toMatchObject({ valid: true, facts: { birthDate: "2004-07-22", gender: "FEMALE" } });
  });

  it("says what is wrong: letters, eleven digits, a seventh digit that names no century, an impossible date", () => {
    expect(checkKazakhIin("85031530O12A", NOW)).toMatchObject({ valid: false, problem: "documentCharacters" });
    expect(checkKazakhIin("85031530012", NOW)).toMatchObject({ valid: false, problem: "documentLength" });
    expect(checkKazakhIin("850315900120", NOW)).toMatchObject({ valid: false, problem: "documentCenturyDigit" });
    const badDate = "8513153001";
    const first11 = `${badDate}2`;
    const check = iinCheckDigit(first11);
    expect(check).not.toBeNull();
    expect(checkKazakhIin(`${first11}${check}`, NOW)).toMatchObject({ valid: false, problem: "documentBirthDate" });
  });
});

describe("other documents and helpers", () => {
  it("accepts passport numbers as letters and digits, and refuses punctuation inside them", () => {
    expect(checkDocumentNumber("CN_PASSPORT", "e1234 5678", NOW)).toEqual({ valid: true, normalized: "E12345678", facts: {} });
    expect(checkDocumentNumber("KZ_PASSPORT", "N1234#567", NOW)).toMatchObject({ valid: false, problem: "documentCharacters" });
    expect(checkDocumentNumber("OTHER", "12", NOW)).toMatchObject({ valid: false, problem: "documentLength" });
  });

  it("normalises spaces, dashes and lower case the same way for every kind, so one number has one look-up hash", () => {
    fc.assert(
      fc.property(chineseIds, fc.array(fc.constantFrom(" ", "-", "."), { maxLength: 4 }), ({ id }, noise) => {
        const noisy = noise.reduce((text, mark, i) => text.slice(0, i * 3) + mark + text.slice(i * 3), id.toLowerCase());
        expect(normaliseDocumentNumber(noisy)).toBe(id);
      }),
    );
  });

  it("masks all but the last four characters", () => {
    expect(maskDocumentNumber("11010519491231002X")).toBe("•••• 002X");
  });

  it("looks a county up by its own code first, then by its prefecture", () => {
    expect(divisionCodeCandidates("654002")).toEqual(["654002", "654000"]);
    expect(divisionCodeCandidates("654000")).toEqual(["654000"]);
    expect(divisionCodeCandidates("65400")).toEqual([]);
  });

  it("offers what the person lacks and names what disagrees", () => {
    const facts = { birthDate: "1978-03-15", gender: "MALE" as const, divisionCode: "654002" };
    expect(compareFacts(facts, { birthDate: null, gender: "UNKNOWN", hometownPlaceId: null }, { id: "p1" })).toEqual([
      { field: "birthDate", state: "offer", fromNumber: "1978-03-15" },
      { field: "gender", state: "offer", fromNumber: "MALE" },
      { field: "hometown", state: "offer", fromNumber: "p1" },
    ]);
    expect(compareFacts(facts, { birthDate: "1978", gender: "MALE", hometownPlaceId: "p1" }, { id: "p1" })).toEqual([]);
    expect(compareFacts(facts, { birthDate: "1979-01", gender: "FEMALE", hometownPlaceId: "p2" }, { id: "p1" })).toEqual([
      { field: "birthDate", state: "differs", fromNumber: "1978-03-15" },
      { field: "gender", state: "differs", fromNumber: "MALE" },
      { field: "hometown", state: "differs", fromNumber: "p1" },
    ]);
  });
});
