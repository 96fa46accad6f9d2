"use client";

import { useMemo } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate } from "@/client/format/numbers";
import { formatShortDay } from "@/client/format/time";
import { Skeleton } from "@/components/ui/Skeleton";
import { SALES_DAYS, useSkuSales } from "@/hooks/use-sku-sales";
import { UnavailableNote } from "@/components/ui/UnavailableNote";

/** Trailing 7-day mean per day (fewer days at the start of the series). */
function withAverage(days: { day: string; units: number }[]) {
  return days.map((d, i) => {
    const window = days.slice(Math.max(0, i - 6), i + 1);
    return { ...d, avg7: Math.round((window.reduce((s, x) => s + x.units, 0) / window.length) * 10) / 10 };
  });
}

/** Daily units sold over 60 days with the 7-day average (order.placed − order.cancelled). */
export function VelocityChart({ code }: { code: string }) {
  const q = useSkuSales(code);
  const data = useMemo(() => (q.data ? withAverage(q.data.days) : null), [q.data]);
  const total = data?.reduce((s, d) => s + d.units, 0) ?? 0;
  return (
    <section aria-labelledby="velocity-title" className="rounded-lg border border-slate-200 bg-white p-3 shadow-xs">
      <div className="mb-1 flex items-baseline justify-between gap-2 px-1">
        <h2 id="velocity-title" className="text-sm font-semibold text-slate-900">
          Units sold per day
        </h2>
        <span className="flex items-center gap-3 text-xs text-slate-500">
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block size-2.5 rounded-sm bg-slate-300" />
            daily
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block h-0.5 w-3 bg-sky-600" />
            7-day average
          </span>
          <span>last {SALES_DAYS} days</span>
        </span>
      </div>
      {q.isError ? (
        <UnavailableNote what="Sales history" className="py-16 text-center text-sm text-rose-700" onRetry={() => void q.refetch()} />
      ) : !data ? (
        <Skeleton className="h-[220px] w-full" />
      ) : total === 0 ? (
        <p className="grid h-[220px] place-items-center text-sm text-slate-500">No sales in the last {SALES_DAYS} days.</p>
      ) : (
        <ComposedChart responsive data={data} style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={44} />
          <Tooltip
            labelFormatter={(l) => formatShortDay(String(l))}
            formatter={(v, name) => [name === "avg7" ? formatRate(Number(v)) : String(v), name === "avg7" ? "7-day average" : "Units"]}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Bar dataKey="units" fill="#cbd5e1" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          <Line dataKey="avg7" type="monotone" stroke="#0284c7" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      )}
    </section>
  );
}
