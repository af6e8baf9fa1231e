import { createElement } from "react";
import { Document, Page, Text, View } from "@react-pdf/renderer";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../tests/helpers/pdf-text";
import { PDF_FONT_FAMILIES } from "./fonts";
import { ReportDocument, renderPdf } from "./report-document";

describe("the PDF report frame", () => {
  it("puts the organisation, the marking and page numbers on every page and keeps names in every script", async () => {
    const lines = Array.from({ length: 90 }, (_, i) => createElement(Text, { key: i }, `${i + 1}. Қасым Жұмабекұлы 卡斯木 Kassym`));
    const bytes = await renderPdf(
      createElement(ReportDocument, {
        frame: {
          organizationName: "Atazhurt demo",
          title: "Case dossier",
          reference: "AT-2026-0001",
          marking: "PRIVATE",
          markingLabel: "PRIVATE — not to leave the organisation",
          generatedLabel: "Generated 1 December 2026",
          pageLabel: "Page {page} of {pages}",
          language: "en",
        },
      }, lines),
    );
    const { pages } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain("Atazhurt demo");
      expect(page).toContain("PRIVATE — not to leave the organisation");
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pages[0]).toContain("Қасым Жұмабекұлы");
    expect(pages[0]).toContain("卡斯木");
  });

  // Noto Sans Arabic draws a dotted letter in initial form as a dotless base plus a dot mark; the text
  // layout used to keep only the mark at the start of a run or a line (see lib/pdf/vendor/textkit).
  it("keeps the first Uyghur letter of a run, after another script and after a line break", async () => {
    const family = PDF_FONT_FAMILIES as unknown as string;
    const words = "غۇلجا غەربىي غۇلجا";
    const bytes = await renderPdf(
      createElement(Document, null,
        createElement(Page, { size: "A5", style: { padding: 24, fontFamily: family, fontSize: 14 } },
          createElement(Text, null, "غۇلجا"),
          createElement(Text, null, "Ghulja غۇلجا"),
          createElement(Text, null, "Құлжа غۇلجا 伊宁"),
          // a narrow box: every word starts a line
          createElement(View, { style: { width: 40 } }, createElement(Text, null, words)),
        ),
      ),
    );
    // the marks of decomposed letters carry no character in the text layer; drop those controls
    const text = (await pdfText(bytes)).text.replace(/[\u0000-\u0008\u000b-\u001f]/g, "");
    const lines = text.split("\n");
    expect(lines[0]).toBe("غۇلجا");
    expect(lines[1]).toContain("غۇلجا");
    expect(lines[2]).toContain("غۇلجا");
    expect((text.match(/غ/g) ?? []).length).toBe(6);
  });
});
