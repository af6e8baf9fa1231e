// The bundled Noto fonts for PDF output, registered once per process. No font is ever fetched: the files
// ship in public/fonts. Each unicode subset is its own family and a text style names them all in order,
// so a line mixing Kazakh Cyrillic, Chinese characters and Uyghur Arabic finds a glyph for every letter.
import "server-only";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

const FONT_DIR = path.join(process.cwd(), "public", "fonts");

const SUBSETS = [
  { family: "NotoLatin", file: "noto-sans-latin", bold: true },
  { family: "NotoLatinExt", file: "noto-sans-latin-ext", bold: true },
  { family: "NotoCyrillic", file: "noto-sans-cyrillic", bold: true },
  { family: "NotoCyrillicExt", file: "noto-sans-cyrillic-ext", bold: true },
  { family: "NotoArabic", file: "noto-sans-arabic-arabic", bold: true },
  { family: "NotoSC", file: "noto-sans-sc-chinese-simplified", bold: false },
] as const;

/** The font family list every PDF text style uses (fallback order). */
export const PDF_FONT_FAMILIES: string[] = SUBSETS.map((subset) => subset.family);

let registered = false;

export function registerPdfFonts(): void {
  if (registered) return;
  for (const subset of SUBSETS) {
    const regular = path.join(FONT_DIR, `${subset.file}-400-normal.woff`);
    const bold = subset.bold ? path.join(FONT_DIR, `${subset.file}-700-normal.woff`) : regular;
    Font.register({
      family: subset.family,
      fonts: [
        { src: regular, fontWeight: 400 },
        { src: bold, fontWeight: 700 },
      ],
    });
  }
  // names are never hyphenated: a split name reads as two people
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
