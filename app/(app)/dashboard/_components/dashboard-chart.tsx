"use client";
// One dashboard chart, drawn as SVG by recharts in the browser: no request leaves the page, and its
// inline styles are allowed by the page's style-src. The numbers are also in a table beside it.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  label: string;
}

// distinguishable colours (Okabe–Ito and neighbours), repeated if a chart has more series
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#8C564B", "#7F7F7F", "#17BECF", "#BCBD22", "#1F77B4"];

export function DashboardChart({
  data,
  categoryKey,
  series,
  stacked = false,
  horizontal = false,
  label,
}: {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: ChartSeries[];
  stacked?: boolean;
  horizontal?: boolean;
  label: string;
}) {
  const height = horizontal ? Math.max(160, data.length * 28 + 60) : 260;
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }} data-testid="dashboard-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 8 : 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey={categoryKey} width={140} fontSize={12} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} width={40} />
            </>
          )}
          <Tooltip />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((item, index) => (
            <Bar key={item.key} dataKey={item.key} name={item.label} stackId={stacked ? "stack" : undefined} fill={COLORS[index % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
