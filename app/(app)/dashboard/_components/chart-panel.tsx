// A chart with its table alternative (for screen readers and printing) and a CSV of its numbers. Hidden
// counts (analysts, small cells) are left out of the chart and shown in words in the table and the CSV.
import { Table, Td, Th } from "@/components/ui/table";
import { toCsv } from "@/lib/csv";
import type { PublishedCount } from "@/lib/stats/small-cell";
import { DashboardChart, type ChartSeries } from "./dashboard-chart";

export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, PublishedCount>;
}

export function ChartPanel({
  id,
  title,
  hint,
  rows,
  series,
  format,
  categoryHeader,
  words,
  stacked,
  horizontal,
  footnote,
}: {
  id: string;
  title: string;
  hint?: string;
  rows: ChartRow[];
  series: ChartSeries[];
  format: (count: PublishedCount) => string;
  categoryHeader: string;
  words: { table: string; csv: string };
  stacked?: boolean;
  horizontal?: boolean;
  footnote?: string;
}) {
  const data = rows.map((row) => ({
    category: row.label,
    ...Object.fromEntries(series.map((item) => [item.key, row.values[item.key]?.value ?? null])),
  }));
  const csv = toCsv(
    [categoryHeader, ...series.map((item) => item.label)],
    rows.map((row) => [row.label, ...series.map((item) => {
      const count = row.values[item.key];
      return count ? (count.value ?? format(count)) : "";
    })]),
  );
  const table = (
    <Table caption={title}>
      <thead>
        <tr>
          <Th>{categoryHeader}</Th>
          {series.map((item) => (
            <Th key={item.key} className="text-right">
              {item.label}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            <Td>{row.label}</Td>
            {series.map((item) => (
              <Td key={item.key} className="text-right tabular-nums">
                {row.values[item.key] ? format(row.values[item.key] as PublishedCount) : ""}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4 break-inside-avoid" data-chart={id}>
      <h3 id={`${id}-title`} className="font-semibold text-slate-900">
        {title}
      </h3>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      <div className="print:hidden">
        <DashboardChart data={data} categoryKey="category" series={series} stacked={stacked} horizontal={horizontal} label={title} />
      </div>
      {footnote ? <p className="text-xs text-slate-600">{footnote}</p> : null}
      <details className="print:hidden">
        <summary className="cursor-pointer text-sm font-medium text-sky-800">{words.table}</summary>
        <div className="mt-2">{table}</div>
      </details>
      <div className="hidden print:block">{table}</div>
      <a
        className="inline-block text-sm font-medium text-sky-800 underline print:hidden"
        href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
        download={`${id}.csv`}
      >
        {words.csv}
      </a>
    </section>
  );
}
