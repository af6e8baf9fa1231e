import { createElement } from "react";
import { Text } from "@react-pdf/renderer";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../tests/helpers/pdf-text";
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
});
