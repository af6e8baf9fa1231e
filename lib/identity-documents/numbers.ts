// Identity numbers as families copy them: normalised, checked by their own algorithms, and read for the
// facts they carry (birth date, sex, the county that issued a Chinese resident ID). Pure functions, used
// by the forms in the browser and by the services on the server.

export const DOCUMENT_KINDS = ["CN_RESIDENT_ID", "KZ_IIN", "CN_PASSPORT", "KZ_PASSPORT", "OTHER"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Why a number failed its check; each is a message key in the "validation" area. */
export type NumberProblem =
  | "documentCharacters"
  | "documentLength"
  | "documentChecksum"
  | "documentBirthDate"
  | "documentCenturyDigit";

export interface NumberFacts {
  /** "YYYY-MM-DD" */
  birthDate?: string;
  gender?: "MALE" | "FEMALE";
  /** first six digits of a Chinese resident ID: the issuing county's GB/T 2260 code */
  divisionCode?: string;
  /** the pre-1999 15-digit form of the Chinese resident ID */
  legacy?: boolean;
}

export type NumberCheck =
  | { valid: true; normalized: string; facts: NumberFacts }
  | { valid: false; normalized: string; problem: NumberProblem };

/** Spaces, dashes, dots and slashes go; letters become capitals (a lower-case x is the check character X). */
export function normaliseDocumentNumber(value: string): string {
  return value.normalize("NFKC").replace(/[\s\-–—./]/g, "").toUpperCase();
}

/** The number as someone without the right to see it is shown it: only the last four characters. */
export function maskDocumentNumber(normalized: string): string {
  return `•••• ${normalized.slice(-4)}`;
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CN_CHECK = "10X98765432";

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a Chinese resident ID. */
export function chineseIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11]!;
}

/** A real calendar date not in the future, as "YYYY-MM-DD", or null. */
function realDate(year: number, month: number, day: number, now: Date): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (date.getTime() > now.getTime()) return null;
  return date.toISOString().slice(0, 10);
}

/** Chinese resident identity number: 18 characters (check by ISO 7064 MOD 11-2) or the old 15-digit form. */
export function checkChineseResidentId(value: string, now: Date = new Date()): NumberCheck {
  const normalized = normaliseDocumentNumber(value);
  if (!/^\d*X?$/.test(normalized) || (normalized.endsWith("X") && normalized.length !== 18)) {
    return { valid: false, normalized, problem: "documentCharacters" };
  }
  if (normalized.length === 15) {
    const birthDate = realDate(1900 + Number(normalized.slice(6, 8)), Number(normalized.slice(8, 10)), Number(normalized.slice(10, 12)), now);
    if (!birthDate) return { valid: false, normalized, problem: "documentBirthDate" };
    const gender = Number(normalized[14]) % 2 === 1 ? "MALE" : "FEMALE";
    return { valid: true, normalized, facts: { birthDate, gender, divisionCode: normalized.slice(0, 6), legacy: true } };
  }
  if (normalized.length !== 18) return { valid: false, normalized, problem: "documentLength" };
  if (chineseIdCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) return { valid: false, normalized, problem: "documentChecksum" };
  const year = Number(normalized.slice(6, 10));
  const birthDate = year >= 1850 ? realDate(year, Number(normalized.slice(10, 12)), Number(normalized.slice(12, 14)), now) : null;
  if (!birthDate) return { valid: false, normalized, problem: "documentBirthDate" };
  const gender = Number(normalized[16]) % 2 === 1 ? "MALE" : "FEMALE";
  return { valid: true, normalized, facts: { birthDate, gender, divisionCode: normalized.slice(0, 6) } };
}

const IIN_FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const IIN_SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

/**
 * The check digit of the first 11 digits of a Kazakh IIN by the official algorithm: weights 1..11 mod 11;
 * a remainder of 10 calls for the second weights 3..11, 1, 2; a second 10 means no such IIN is issued (null).
 */
export function iinCheckDigit(first11: string): number | null {
  const weighted = (weights: readonly number[]) => weights.reduce((sum, weight, i) => sum + weight * Number(first11[i]), 0) % 11;
  const first = weighted(IIN_FIRST);
  if (first !== 10) return first;
  const second = weighted(IIN_SECOND);
  return second === 10 ? null : second;
}

/** Kazakh individual identification number (IIN): YYMMDD, century and sex digit, serial, check digit. */
export function checkKazakhIin(value: string, now: Date = new Date()): NumberCheck {
  const normalized = normaliseDocumentNumber(value);
  if (!/^\d*$/.test(normalized)) return { valid: false, normalized, problem: "documentCharacters" };
  if (normalized.length !== 12) return { valid: false, normalized, problem: "documentLength" };
  const centuryDigit = Number(normalized[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return { valid: false, normalized, problem: "documentCenturyDigit" };
  if (iinCheckDigit(normalized.slice(0, 11)) !== Number(normalized[11])) return { valid: false, normalized, problem: "documentChecksum" };
  // 1, 2: born in the 1800s; 3, 4: the 1900s; 5, 6: the 2000s; odd for men
  const century = 1800 + 100 * Math.floor((centuryDigit - 1) / 2);
  const birthDate = realDate(century + Number(normalized.slice(0, 2)), Number(normalized.slice(2, 4)), Number(normalized.slice(4, 6)), now);
  if (!birthDate) return { valid: false, normalized, problem: "documentBirthDate" };
  return { valid: true, normalized, facts: { birthDate, gender: centuryDigit % 2 === 1 ? "MALE" : "FEMALE" } };
}

/** Passports and other papers have no public check algorithm: letters and digits, 4 to 30 of them. */
function checkPlainNumber(value: string): NumberCheck {
  const normalized = normaliseDocumentNumber(value);
  if (!/^[\p{L}\p{N}]*$/u.test(normalized)) return { valid: false, normalized, problem: "documentCharacters" };
  if (normalized.length < 4 || normalized.length > 30) return { valid: false, normalized, problem: "documentLength" };
  return { valid: true, normalized, facts: {} };
}

/** Checks a number by the rules of its kind. */
export function checkDocumentNumber(kind: DocumentKind, value: string, now: Date = new Date()): NumberCheck {
  if (kind === "CN_RESIDENT_ID") return checkChineseResidentId(value, now);
  if (kind === "KZ_IIN") return checkKazakhIin(value, now);
  return checkPlainNumber(value);
}

/** The country that issues each kind, offered when the user gives none. */
export const DEFAULT_ISSUING_COUNTRY: Record<DocumentKind, string | null> = {
  CN_RESIDENT_ID: "CN",
  CN_PASSPORT: "CN",
  KZ_IIN: "KZ",
  KZ_PASSPORT: "KZ",
  OTHER: null,
};

/** The division codes to look a place up by: the county itself, then its prefecture (…00). */
export function divisionCodeCandidates(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  const prefecture = `${code.slice(0, 4)}00`;
  return prefecture === code ? [code] : [code, prefecture];
}

export interface RecordedFacts {
  birthDate: string | null;
  gender: string | null;
  hometownPlaceId: string | null;
}

export interface FactComparison {
  field: "birthDate" | "gender" | "hometown";
  /** "offer": the person has none, "differs": the number says otherwise */
  state: "offer" | "differs";
  fromNumber: string;
}

/**
 * What a valid number offers for the person's record: facts the person lacks, and facts that disagree
 * with what is recorded (the user chooses). A recorded year or month agrees with a day inside it.
 */
export function compareFacts(facts: NumberFacts, recorded: RecordedFacts, placeFromNumber: { id: string } | null): FactComparison[] {
  const out: FactComparison[] = [];
  if (facts.birthDate) {
    const mine = recorded.birthDate?.trim() ?? "";
    if (!mine) out.push({ field: "birthDate", state: "offer", fromNumber: facts.birthDate });
    else if (!facts.birthDate.startsWith(mine)) out.push({ field: "birthDate", state: "differs", fromNumber: facts.birthDate });
  }
  if (facts.gender) {
    if (!recorded.gender || recorded.gender === "UNKNOWN") out.push({ field: "gender", state: "offer", fromNumber: facts.gender });
    else if (recorded.gender !== facts.gender) out.push({ field: "gender", state: "differs", fromNumber: facts.gender });
  }
  if (placeFromNumber) {
    if (!recorded.hometownPlaceId) out.push({ field: "hometown", state: "offer", fromNumber: placeFromNumber.id });
    else if (recorded.hometownPlaceId !== placeFromNumber.id) out.push({ field: "hometown", state: "differs", fromNumber: placeFromNumber.id });
  }
  return out;
}
