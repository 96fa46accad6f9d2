"use client";

import { useMemo } from "react";
import { CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { Skeleton } from "@/components/ui/Skeleton";
import { TREND_WEEKS, useReconciliationTrend } from "@/hooks/use-reconciliation";
import { formatRatio } from "@/lib/reconciliation/screen-format";
import { UnavailableNote } from "@/components/ui/UnavailableNote";

/** Weekly variance rate (left axis) and accuracy (right axis) over the last 12 ISO weeks, oldest first. */
export function TrendChart() {
  const q = useReconciliationTrend();
  const data = useMemo(
    () =>
      q.data?.weeks.map((w) => ({
        week: w.week.replace(/^\d{4}-/, ""),
        label: w.week,
        lines: w.lines,
        rate: w.rate === null ? null : w.rate * 100,
        accuracy: w.accuracy === null ? null : w.accuracy * 100,
      })) ?? null,
    [q.data],
  );
  const any = data?.some((d) => d.lines > 0) ?? false;
  return (
    <section aria-labelledby="trend-title" className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-xs" data-testid="trend-chart">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 px-1">
        <h2 id="trend-title" className="text-sm font-semibold text-slate-900">
          Weekly trend
        </h2>
        <span className="text-xs text-slate-500">variance rate and accuracy · last {TREND_WEEKS} weeks</span>
      </div>
      {q.isError && !data ? (
        <UnavailableNote what="Trend" className="py-16 text-center text-sm text-rose-700" onRetry={() => void q.refetch()} />
      ) : !data ? (
        <Skeleton className="h-[220px] w-full" />
      ) : !any ? (
        <p className="grid h-[220px] place-items-center text-sm text-slate-500">No counted lines in the last {TREND_WEEKS} weeks.</p>
      ) : (
        <ComposedChart responsive data={data} style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 0, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="week" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={16} />
          <YAxis yAxisId="rate" tick={{ fontSize: 11, fill: "#64748b" }} tickFormatter={(v: number) => `${Number(v.toFixed(2))}%`} tickLine={false} axisLine={false} width={44} allowDecimals />
          <YAxis
            yAxisId="accuracy"
            orientation="right"
            domain={[0, 100]}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickFormatter={(v: number) => `${v}%`}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <Tooltip
            labelFormatter={(_, payload) => {
              const p = payload?.[0]?.payload as { label?: string; lines?: number } | undefined;
              return p ? `${p.label} · ${p.lines} line${p.lines === 1 ? "" : "s"}` : "";
            }}
            formatter={(v, name) => [v === null || v === undefined ? "—" : formatRatio(Number(v) / 100), name === "rate" ? "Variance rate" : "Accuracy"]}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
          />
          <Legend formatter={(v) => (v === "rate" ? "Variance rate (left)" : "Accuracy (right)")} wrapperStyle={{ fontSize: 11 }} />
          <Line yAxisId="rate" dataKey="rate" type="monotone" stroke="#e11d48" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          <Line yAxisId="accuracy" dataKey="accuracy" type="monotone" stroke="#0284c7" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        </ComposedChart>
      )}
    </section>
  );
}
