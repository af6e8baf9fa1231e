// Writes a UN submission draft as an editable Word document: the title, the urgent-procedure note when
// it applies, then one heading and one two-column table (label, value) per section.
import "server-only";
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { DraftDocument } from "./draft-content";

const cell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
  });

export async function renderDraftDocx(draft: DraftDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(draft.title)] }),
    new Paragraph({ children: [new TextRun({ text: `${draft.organizationName} · ${draft.reference}`, color: "475569" })] }),
    new Paragraph({ children: [new TextRun({ text: draft.labels.marking, bold: true, color: "B91C1C" })], alignment: AlignmentType.LEFT }),
    new Paragraph({ children: [new TextRun({ text: draft.intro, italics: true })] }),
  ];
  if (draft.urgent) children.push(new Paragraph({ children: [new TextRun({ text: draft.urgent, bold: true, color: "B91C1C" })] }));
  for (const section of draft.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(section.heading)] }));
    if (section.portrait) {
      const { data, format, width, height } = section.portrait;
      // about 3 × 4 cm, proportions kept (sizes in pixels at 96 dpi)
      const shown = { width: 120, height: Math.min(180, Math.round((120 * height) / Math.max(1, width))) };
      children.push(new Paragraph({ children: [new ImageRun({ type: format, data, transformation: shown })] }));
    }
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: section.rows.map((row) => new TableRow({ children: [cell(row.label, 30, true), cell(row.value, 70)] })),
      }),
    );
  }
  const document = new Document({
    creator: draft.organizationName,
    title: `${draft.title} · ${draft.reference}`,
    description: draft.labels.marking,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
