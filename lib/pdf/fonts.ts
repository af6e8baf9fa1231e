// The bundled Noto fonts for PDF output, registered once per process. No font is ever fetched: the files
// ship in public/fonts. Each unicode subset is its own family and a text style names them all in order,
// so a line mixing Kazakh Cyrillic, Chinese characters and Uyghur Arabic finds a glyph for every letter.
import "server-only";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

const FONT_DIR = path.join(process.cwd(), "public", "fonts");

// Cyrillic comes from the whole Noto Sans font, not from the web subsets: Kazakh letters are split
// between the cyrillic (і, ұ) and cyrillic-ext (ә, қ, ң) subsets, and a word spread over two fonts was
// broken mid-word at the seam with a hyphen neither font has. Latin stays on its subset, listed first:
// with the whole font embedded in several documents in turn, a Latin "T" went missing from later ones.
const SUBSETS = [
  { family: "NotoLatin", file: "noto-sans-latin", bold: true, ext: "woff" },
  { family: "NotoSans", file: "noto-sans-full", bold: true, ext: "ttf" },
  { family: "NotoArabic", file: "noto-sans-arabic-arabic", bold: true, ext: "woff" },
  { family: "NotoSC", file: "noto-sans-sc-chinese-simplified", bold: false, ext: "woff" },
] as const;

/** The font family list every PDF text style uses (fallback order). */
export const PDF_FONT_FAMILIES: string[] = SUBSETS.map((subset) => subset.family);

let registered = false;

export function registerPdfFonts(): void {
  if (registered) return;
  for (const subset of SUBSETS) {
    const regular = path.join(FONT_DIR, `${subset.file}-400-normal.${subset.ext}`);
    const bold = subset.bold ? path.join(FONT_DIR, `${subset.file}-700-normal.${subset.ext}`) : regular;
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
