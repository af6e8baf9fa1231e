// Writes a UN submission draft as a PDF in the product's report frame (organisation, title, reference,
// the PRIVATE marking and page numbers on every page).
import "server-only";
import { Text, View } from "@react-pdf/renderer";
import { formatDate } from "@/lib/format/date";
import { PortraitView } from "@/lib/pdf/portrait-view";
import { ReportDocument, pdfStyles, renderPdf } from "@/lib/pdf/report-document";
import type { DraftDocument, DraftRow } from "./draft-content";

const styles = {
  label: { width: "32%", paddingRight: 6, fontWeight: 700, lineHeight: 1.3 },
  value: { width: "68%", lineHeight: 1.3 },
  urgent: { color: "#b91c1c", fontWeight: 700, marginBottom: 6 },
} as const;

function DraftRowView({ row }: { row: DraftRow }) {
  // a row moves to the next page whole, unless it is too long to fit on one
  return (
    <View style={pdfStyles.row} wrap={row.value.length > 1200}>
      <Text style={styles.label}>{row.label}</Text>
      <Text style={styles.value}>{row.value}</Text>
    </View>
  );
}

export async function renderDraftPdf(draft: DraftDocument, now: Date = new Date()): Promise<Buffer> {
  return renderPdf(
    <ReportDocument
      frame={{
        organizationName: draft.organizationName,
        title: draft.type,
        reference: draft.reference,
        marking: "PRIVATE",
        markingLabel: draft.labels.marking,
        generatedLabel: draft.labels.generated.replace("{date}", formatDate(now, "en")),
        pageLabel: draft.labels.page,
        language: draft.language,
      }}
    >
      <Text style={pdfStyles.title}>{draft.title}</Text>
      <Text style={pdfStyles.subtitle}>{draft.intro}</Text>
      {draft.urgent ? <Text style={styles.urgent}>{draft.urgent}</Text> : null}
      {draft.sections.map((section) => {
        const [first, ...rest] = section.rows;
        return (
          <View key={section.key}>
            {/* the heading never stays alone at the foot of a page: it moves with its first row */}
            <View wrap={false}>
              <Text style={pdfStyles.heading}>{section.heading}</Text>
              {section.portrait ? <PortraitView portrait={section.portrait} /> : null}
              {first ? <DraftRowView row={first} /> : null}
            </View>
            {rest.map((row, i) => (
              <DraftRowView key={i} row={row} />
            ))}
          </View>
        );
      })}
    </ReportDocument>,
  );
}
