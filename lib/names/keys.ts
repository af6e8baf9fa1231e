// Search keys for people's names written in Latin, Kazakh/Russian Cyrillic, Chinese characters or
// Arabic script. Pure and cheap: the large seed computes them for hundreds of thousands of names, and
// services store them in person_names.normalized / person_names.skeleton for trigram search.
import type { NameScript } from "@/lib/generated/prisma/enums";

export type { NameScript };

const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;

// Code point ranges rather than a regular expression per character: keys are computed in bulk.
function scriptOf(code: number): NameScript | null {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? "LATIN" : null;
  if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff)) return "LATIN";
  if ((code >= 0x400 && code <= 0x52f) || (code >= 0x1c80 && code <= 0x1c8f) || (code >= 0xa640 && code <= 0xa69f)) return "CYRILLIC";
  if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x750 && code <= 0x77f) || (code >= 0x8a0 && code <= 0x8ff) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) {
    return "ARABIC";
  }
  if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x323af)) return "HAN";
  return null;
}

/** The script most of the letters are written in (OTHER when there are no letters we know). */
export function detectScript(value: string): NameScript {
  const counts: Record<NameScript, number> = { LATIN: 0, CYRILLIC: 0, HAN: 0, ARABIC: 0, OTHER: 0 };
  for (const char of value) {
    const script = scriptOf(char.codePointAt(0) ?? 0);
    if (script) counts[script]++;
    else if (/\p{L}/u.test(char)) counts.OTHER++;
  }
  // Ties go to the script listed first: a Han character outweighs the Latin letters of a pinyin gloss.
  const order: NameScript[] = ["HAN", "ARABIC", "CYRILLIC", "LATIN", "OTHER"];
  let best: NameScript = "OTHER";
  let bestCount = 0;
  for (const script of order) {
    if (counts[script] > bestCount) {
      best = script;
      bestCount = counts[script];
    }
  }
  return best;
}

// Combining marks removed when folding accents: Latin/Cyrillic accents and Arabic vowel signs
// (harakat, superscript alef). Hamza above/below (U+0654/U+0655) stay so that letters such as ئ
// recompose instead of turning into a different letter.
const FOLDED_MARKS = /[\u0300-\u036f\u064b-\u0653\u0656-\u065f\u0670\u06d6-\u06ed]/g;
const SHORT_I = "\ue000";
const SHORT_I_UPPER = "\ue001";

/** Lower-case, accents folded (й kept), tatweel removed, punctuation and separators → single spaces. */
export function normalizeName(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/й/g, SHORT_I)
    .replace(/Й/g, SHORT_I_UPPER)
    .normalize("NFD")
    .replace(FOLDED_MARKS, "")
    .normalize("NFC")
    .replace(/[\ue000\ue001]/g, "й")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/\u0640/g, "") // tatweel only stretches a line
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Kazakh and Russian Cyrillic to one canonical Latin spelling; the letter classes below then fold the
// differences between romanisation schemes.
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", ә: "a", б: "b", в: "v", г: "g", ғ: "g", д: "d", е: "e", ё: "e", ж: "j", з: "z", и: "i", й: "i",
  к: "k", қ: "k", л: "l", м: "m", н: "n", ң: "n", о: "o", ө: "o", п: "p", р: "r", с: "s", т: "t", у: "u",
  ұ: "u", ү: "u", ф: "f", х: "k", һ: "k", ц: "c", ч: "c", ш: "s", щ: "s", ъ: "", ы: "i", і: "i", ь: "",
  э: "e", ю: "iu", я: "ia",
};

// Uyghur (and Kazakh) Arabic script is fully vowelled, so letters map to Latin almost one to one.
const ARABIC_TO_LATIN: Record<string, string> = {
  ا: "a", ٵ: "a", أ: "a", إ: "a", آ: "a", ە: "e", ه: "k", ھ: "k", ة: "e", ب: "b", پ: "p", ت: "t", ث: "s",
  ج: "j", چ: "c", ح: "k", خ: "k", د: "d", ذ: "z", ر: "r", ز: "z", ژ: "j", س: "s", ش: "s", ص: "s", ض: "z",
  ط: "t", ظ: "z", ع: "", غ: "g", ف: "f", ق: "k", ك: "k", ک: "k", گ: "g", ڭ: "n", ل: "l", م: "m", ن: "n",
  و: "o", ۇ: "u", ۆ: "o", ۈ: "u", ۋ: "u", ې: "e", ى: "i", ي: "i", ی: "i", ئ: "", ء: "", ؤ: "u", ٷ: "u", ٶ: "o",
};

// Romanisation variants folded to one letter per class, in one left-to-right pass; longer spellings
// are listed first so "dzh" wins over "zh" and "ye" over "y". Cyrillic and Arabic letters are mapped
// straight to these classes above, so only Latin spellings meet the digraphs.
const LATIN_CLASSES: Record<string, string> = {
  dzh: "j",
  zh: "j",
  kh: "k",
  gh: "g",
  sh: "s",
  ch: "c",
  ts: "c",
  ng: "n",
  uw: "u",
  ck: "k",
  ye: "e", // Yerlan/Erlan, Tokayev/Toqaev, Vasilyev/Vasilev
  q: "k",
  x: "k",
  // Қ, К, Х and Һ are all written k, q, kh, h or x in real documents (Bakhytzhan = Бақытжан).
  h: "k",
  w: "u",
  y: "i",
};
const LATIN_CLASS_PATTERN = /dzh|zh|kh|gh|sh|ch|ts|ng|uw|ck|ye|[qxhwy]|[^a-z0-9]/g;

// Son/daughter-of markers and surname endings that are added or dropped freely
// (Dauletbek / Dauletbekuly / Dauletbekov), already in skeleton spelling.
const PATRONYMIC_TOKENS = new Set(["uli", "ulu", "kizi", "oglu", "ogli"]);
const ENDINGS = ["ovic", "evic", "ovna", "evna", "kizi", "uli", "ova", "eva", "ov", "ev"];
const MIN_STEM = 3;

function foldLatin(token: string): string {
  return token.replace(LATIN_CLASS_PATTERN, (match) => LATIN_CLASSES[match] ?? "");
}

// After the ending is gone, so that "Tokaev" loses "-ev" before "ae" (as in Aesel = Äsel) folds.
function foldVowelDigraphs(key: string): string {
  return key.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u").replace(/(.)\1+/g, "$1");
}

function stripEnding(key: string): string {
  for (const ending of ENDINGS) {
    if (key.endsWith(ending) && key.length - ending.length >= MIN_STEM) return key.slice(0, -ending.length);
  }
  return key;
}

function mapLetters(token: string, table: Record<string, string>): string {
  let out = "";
  for (const char of token) out += table[char] ?? char;
  return out;
}

const NOT_ASCII = /[^\x00-\x7f]/;

function tokenKey(token: string): string {
  let latin = token;
  if (NOT_ASCII.test(latin)) {
    if (HAN.test(latin)) return [...latin].filter((char) => HAN.test(char)).join("");
    if (CYRILLIC.test(latin)) latin = mapLetters(latin, CYRILLIC_TO_LATIN);
    if (ARABIC.test(latin)) latin = mapLetters(latin, ARABIC_TO_LATIN);
  }
  return foldVowelDigraphs(stripEnding(foldLatin(latin)));
}

/**
 * Transliteration-independent key: Қасым, Qasym and Kassym share "kasim"; tokens are sorted so word
 * order does not matter ("Toqaev Qasym-Zhomart" = "Қасым-Жомарт Тоқаев"). Hyphens count as spaces.
 * Chinese characters are kept as they are, joined without the middle dot.
 */
export function skeletonKey(value: string): string {
  return skeletonOfNormalized(normalizeName(value));
}

function skeletonOfNormalized(normalized: string): string {
  if (!normalized) return "";
  const tokens = normalized.split(" ");
  const han = tokens.filter((token) => HAN.test(token));
  if (han.length > 0 && han.length === tokens.length) return han.map(tokenKey).join("");
  const keys = tokens
    .map(tokenKey)
    .filter((key) => key.length > 0 && !PATRONYMIC_TOKENS.has(key));
  return keys.sort().join(" ");
}

export function nameKeys(value: string): { script: NameScript; normalized: string; skeleton: string } {
  const normalized = normalizeName(value);
  return { script: detectScript(value), normalized, skeleton: skeletonOfNormalized(normalized) };
}
