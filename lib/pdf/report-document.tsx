// The frame every PDF the product writes shares: A4 pages with the organisation, title and reference at
// the top, the confidentiality marking of the most sensitive record inside on every page, and the
// generation date with "page N of M" at the foot. Reports fill it with their own sections.
import "server-only";
import type { ReactNode } from "react";
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { PDF_FONT_FAMILIES, registerPdfFonts } from "./fonts";

/** How a report is marked: by the most sensitive disclosure level it holds, or as aggregate statistics. */
export type ConfidentialityMarking = "PRIVATE" | "ANONYMISED" | "PUBLIC" | "AGGREGATE";

const MARKING_COLOURS: Record<ConfidentialityMarking, string> = {
  PRIVATE: "#b91c1c",
  ANONYMISED: "#b45309",
  PUBLIC: "#15803d",
  AGGREGATE: "#1d4ed8",
};

export const pdfStyles = StyleSheet.create({
  page: { paddingTop: 64, paddingBottom: 56, paddingHorizontal: 44, fontSize: 10, color: "#0f172a" },
  header: { position: "absolute", top: 22, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: "#475569" },
  marking: { position: "absolute", top: 36, left: 44, right: 44, textAlign: "center", fontSize: 8, fontWeight: 700, paddingVertical: 2 },
  footer: { position: "absolute", bottom: 24, left: 44, right: 44, fontSize: 8, color: "#475569" },
  pageNumber: { position: "absolute", bottom: 24, right: 44, textAlign: "right", fontSize: 8, color: "#475569" },
  // lineHeight lives on the body, not the page: a page-number text that inherits one is silently dropped
  body: { lineHeight: 1.4 },
  title: { fontSize: 16, fontWeight: 700, marginBottom: 4 },
  subtitle: { fontSize: 10, color: "#475569", marginBottom: 12 },
  heading: { fontSize: 12, fontWeight: 700, marginTop: 12, marginBottom: 4 },
  paragraph: { marginBottom: 4 },
  muted: { color: "#64748b" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#cbd5e1", paddingVertical: 2 },
  cell: { flex: 1, paddingRight: 4 },
  headerCell: { flex: 1, paddingRight: 4, fontWeight: 700 },
});

export interface ReportFrame {
  organizationName: string;
  title: string;
  /** e.g. the case reference; shown at the top right of every page */
  reference?: string;
  marking: ConfidentialityMarking;
  /** the marking's words in the report's language, e.g. "PRIVATE: not to leave the organisation" */
  markingLabel: string;
  /** "Generated 1 December 2026" in the report's language */
  generatedLabel: string;
  /** "Page {page} of {pages}" with both placeholders */
  pageLabel: string;
  /** document metadata language tag (kk, ru, en) */
  language: string;
  landscape?: boolean;
}

export function ReportDocument({ frame, children }: { frame: ReportFrame; children?: ReactNode }) {
  return (
    <Document title={frame.title} author={frame.organizationName} creator="Qamqor" producer="Qamqor" language={frame.language}>
      <Page size="A4" orientation={frame.landscape ? "landscape" : "portrait"} style={[pdfStyles.page, { fontFamily: PDF_FONT_FAMILIES as unknown as string }]} wrap>
        <View style={pdfStyles.header} fixed>
          <Text>{frame.organizationName}</Text>
          <Text>{frame.reference ? `${frame.title} · ${frame.reference}` : frame.title}</Text>
        </View>
        <Text style={[pdfStyles.marking, { color: MARKING_COLOURS[frame.marking], borderTopWidth: 1, borderBottomWidth: 1, borderColor: MARKING_COLOURS[frame.marking] }]} fixed>
          {frame.markingLabel}
        </Text>
        <Text style={[pdfStyles.footer, { textAlign: "left" }]} fixed>
          {frame.generatedLabel}
        </Text>
        <Text
          style={pdfStyles.pageNumber}
          fixed
          render={({ pageNumber, totalPages }) => frame.pageLabel.replace("{page}", String(pageNumber)).replace("{pages}", String(totalPages))}
        />
        <View style={pdfStyles.body}>{children}</View>
      </Page>
    </Document>
  );
}

/** Renders a document to bytes; fonts are registered on first use. */
export async function renderPdf(document: ReactNode): Promise<Buffer> {
  registerPdfFonts();
  return renderToBuffer(document as Parameters<typeof renderToBuffer>[0]);
}
