"use client";

import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import type { RulePreviewSku } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { bucketChanges } from "./preview-buckets";

const COLORS = { down: "#f59e0b", up: "#10b981" } as const;

/** How many numbers move by how much: amber bars show less, emerald bars show more. */
export function PreviewChart({ skus }: { skus: RulePreviewSku[] }) {
  const data = useMemo(() => bucketChanges(skus), [skus]);
  if (!data.length) return null;
  return (
    <figure data-testid="preview-chart" aria-label="Distribution of changes: how many numbers move by how much">
      <BarChart responsive data={data} style={{ width: "100%", height: 140 }} margin={{ top: 6, right: 4, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={false} width={40} />
        <Tooltip
          formatter={(v) => [formatInt(Number(v)), "SKU · channel pairs"]}
          labelFormatter={(l) => `Change ${String(l)} units shown`}
          contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
          cursor={{ fill: "#f1f5f9" }}
        />
        <Bar dataKey="count" radius={[2, 2, 0, 0]} isAnimationActive={false}>
          {data.map((b) => (
            <Cell key={b.label} fill={COLORS[b.sign]} />
          ))}
        </Bar>
      </BarChart>
      <figcaption className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-0.5 px-1 text-[11px] text-slate-500">
        <span className="inline-flex items-center gap-1 whitespace-nowrap">
          <span aria-hidden className="inline-block size-2.5 rounded-sm bg-amber-500" />
          shows less
        </span>
        <span className="inline-flex items-center gap-1 whitespace-nowrap">
          <span aria-hidden className="inline-block size-2.5 rounded-sm bg-emerald-500" />
          shows more
        </span>
        <span>change in units shown, per SKU and channel</span>
      </figcaption>
    </figure>
  );
}
