// Pieces the report PDFs share: the rules box, label/value lines, tables and bar charts. Charts are
// drawn with the PDF library's own vector shapes from numbers computed here; nothing is rasterised.
import "server-only";
import type { ReactNode } from "react";
import { Rect, Svg, Text, View } from "@react-pdf/renderer";
import { pdfStyles } from "@/lib/pdf/report-document";

export function Section({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <View>
      <Text style={pdfStyles.heading} minPresenceAhead={40}>
        {title}
      </Text>
      {children}
    </View>
  );
}

export function RulesBox({ heading, lines }: { heading: string; lines: string[] }) {
  return (
    <View style={{ borderWidth: 0.5, borderColor: "#94a3b8", backgroundColor: "#f8fafc", padding: 6, marginBottom: 10 }} wrap={false}>
      <Text style={{ fontWeight: 700, fontSize: 9, marginBottom: 2 }}>{heading}</Text>
      {lines.map((line, i) => (
        <Text key={i} style={{ fontSize: 8.5, color: "#334155" }}>
          • {line}
        </Text>
      ))}
    </View>
  );
}

export function Field({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <View style={{ flexDirection: "row", marginBottom: 2 }}>
      <Text style={{ width: 130, color: "#475569" }}>{label}</Text>
      <Text style={{ flex: 1 }}>{value}</Text>
    </View>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <Text style={[pdfStyles.muted, pdfStyles.paragraph]}>{children}</Text>;
}

/** A simple table; `widths` are flex weights so long columns (authority, legal basis) get room. */
export function Table({ header, rows, widths, fontSize = 8.5 }: { header: string[]; rows: string[][]; widths?: number[]; fontSize?: number }) {
  const flex = (i: number) => ({ flex: widths?.[i] ?? 1, paddingRight: 4 });
  return (
    <View style={{ fontSize, lineHeight: 1.25 }}>
      <View style={[pdfStyles.row, { borderBottomWidth: 1, borderBottomColor: "#64748b" }]} fixed>
        {header.map((cell, i) => (
          <Text key={i} style={[flex(i), { fontWeight: 700 }]}>
            {cell}
          </Text>
        ))}
      </View>
      {rows.map((row, r) => (
        <View key={r} style={pdfStyles.row} wrap={false}>
          {row.map((cell, i) => (
            <Text key={i} style={flex(i)}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export interface Bar {
  label: string;
  /** the number drawn; null for a hidden (small) count, which is drawn as no bar */
  value: number | null;
  /** what is written beside the bar ("12", "fewer than 5") */
  caption: string;
}

/** Horizontal bars scaled to the largest value, each with its label and caption. */
export function BarChart({ bars, width = 260, colour = "#2563eb" }: { bars: Bar[]; width?: number; colour?: string }) {
  const largest = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  return (
    <View style={{ marginBottom: 6 }}>
      {bars.map((bar, i) => (
        <View key={i} style={{ flexDirection: "row", alignItems: "center", marginBottom: 2 }} wrap={false}>
          <Text style={{ width: 150, fontSize: 8.5, paddingRight: 4 }}>{bar.label}</Text>
          <Svg width={width} height={10}>
            <Rect x={0} y={1} width={width} height={8} fill="#f1f5f9" />
            {bar.value ? <Rect x={0} y={1} width={Math.max(1, (bar.value / largest) * width)} height={8} fill={colour} /> : null}
          </Svg>
          <Text style={{ fontSize: 8.5, paddingLeft: 4, width: 80 }}>{bar.caption}</Text>
        </View>
      ))}
    </View>
  );
}
