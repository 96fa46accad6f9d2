"use client";

import { Line, LineChart, YAxis } from "recharts";

/** 12 weeks of one figure, this week last; gaps (weeks with no denominator) are bridged. */
export function Sparkline({ points, tone }: { points: { week: string; value: number | null }[]; tone: "good" | "bad" | "neutral" }) {
  const stroke = tone === "good" ? "#059669" : tone === "bad" ? "#e11d48" : "#64748b";
  const label = points.map((p) => `${p.week}: ${p.value === null ? "none" : Number(p.value.toPrecision(4))}`).join(", ");
  return (
    <div role="img" aria-label={`Last 12 weeks: ${label}`} className="h-9 w-full print:h-6">
      <LineChart responsive data={points} style={{ width: "100%", height: "100%" }} margin={{ top: 3, right: 3, bottom: 3, left: 3 }}>
        <YAxis hide domain={["dataMin", "dataMax"]} />
        <Line dataKey="value" type="monotone" stroke={stroke} strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
