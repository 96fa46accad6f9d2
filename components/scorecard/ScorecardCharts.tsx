"use client";

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { COVER_BUCKETS, type Scorecard } from "@/lib/contracts/scorecard";
import { pick } from "./scorecard-format";

const card = "min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-xs print:break-inside-avoid print:rounded print:p-1.5 print:shadow-none";
// Recharts sizes its SVG in pixels for the screen; printed, the page is narrower, so the SVG (it has a viewBox) scales to the card.
const printScale = "print:[&_.recharts-wrapper]:!w-full print:[&_svg.recharts-surface]:!h-auto print:[&_svg.recharts-surface]:!w-full";

/** Hours out of stock this week for the 20 best sellers of the 4 weeks before, longest first. */
export function StockoutChart({ s }: { s: Scorecard }) {
  const rows = s.figures
    .filter((f) => f.key === "stockout_hours" && f.channel === null && f.sku !== undefined)
    .map((f) => ({ sku: f.sku!, hours: f.value ?? 0 }))
    .sort((a, b) => b.hours - a.hours || a.sku.localeCompare(b.sku));
  // Bars only for the SKUs that ran out; the others are one line under the chart.
  const out = rows.filter((r) => r.hours > 0);
  const height = Math.max(120, out.length * 18 + 30);
  return (
    <section aria-labelledby="stockout-title" className={card} data-testid="stockout-chart">
      <h2 id="stockout-title" className="text-sm font-semibold text-slate-900 print:text-[10px]">
        Stockout hours, top 20 SKUs
      </h2>
      <p className="text-xs text-slate-500 print:hidden">Hours this week with nothing available, for the 20 best sellers of the 4 weeks before.</p>
      {rows.length === 0 ? (
        <p className="grid h-28 place-items-center text-sm text-slate-500">No sales in the 4 weeks before: no top SKUs.</p>
      ) : rows.every((r) => r.hours === 0) ? (
        <p className="grid h-28 place-items-center text-sm text-emerald-700" data-testid="stockout-none">
          None of the top {rows.length} SKUs ran out this week.
        </p>
      ) : (
        <div className={`mt-2 ${printScale}`}>
          <BarChart responsive layout="vertical" data={out} style={{ width: "100%", height }} margin={{ top: 0, right: 12, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={false} unit=" h" allowDecimals={false} />
            <YAxis type="category" dataKey="sku" width={120} tick={{ fontSize: 10, fill: "#334155" }} tickLine={false} axisLine={false} interval={0} />
            <Tooltip formatter={(v) => [`${Number(v).toFixed(1)} h`, "Out of stock"]} contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }} />
            <Bar dataKey="hours" fill="#f43f5e" radius={[0, 3, 3, 0]} barSize={11} isAnimationActive={false} />
          </BarChart>
          {out.length < rows.length && (
            <p className="mt-1 text-xs text-slate-500 print:text-[8px]">
              The other {rows.length - out.length} of the top {rows.length} never ran out.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** SKUs by days of inventory at the end of the week. */
export function CoverChart({ s }: { s: Scorecard }) {
  const rows = COVER_BUCKETS.map((bucket) => ({ bucket, skus: pick(s, { key: "cover_skus", bucket })?.value ?? 0 }));
  const fill: Record<string, string> = { "0": "#e11d48", "<7": "#f59e0b", "7-30": "#10b981", "30-90": "#0ea5e9", ">90": "#6366f1", "∞": "#94a3b8" };
  const total = rows.reduce((a, r) => a + r.skus, 0);
  return (
    <section aria-labelledby="cover-title" className={card} data-testid="cover-chart">
      <h2 id="cover-title" className="text-sm font-semibold text-slate-900 print:text-[10px]">
        Cover at week end
      </h2>
      <p className="text-xs text-slate-500 print:hidden">SKUs by days of inventory left at the pace they sell (∞: no sales), in days.</p>
      {total === 0 ? (
        <p className="grid h-28 place-items-center text-sm text-slate-500">No SKUs with stock at the end of this week.</p>
      ) : (
        <div className={`mt-2 ${printScale}`}>
          <BarChart
            responsive
            data={rows.map((r) => ({ ...r, label: r.bucket.replace("-", "–") }))}
            style={{ width: "100%", height: 170 }}
            margin={{ top: 12, right: 4, bottom: 0, left: 0 }}
            accessibilityLayer
          >
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 10, fill: "#334155" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} interval={0} />
            <YAxis tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={false} width={34} allowDecimals={false} />
            <Tooltip formatter={(v) => [String(v), "SKUs"]} contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }} />
            <Bar dataKey="skus" radius={[3, 3, 0, 0]} isAnimationActive={false} label={{ position: "top", fontSize: 10, fill: "#334155" }}>
              {rows.map((r) => (
                <Cell key={r.bucket} fill={fill[r.bucket]} />
              ))}
            </Bar>
          </BarChart>
        </div>
      )}
    </section>
  );
}
