import type { EffectiveLatency } from "@/lib/allocation/effective-latency";
import { formatLatency, latencySourceText } from "@/client/format/latency";

/** MIN_ACKS_FOR_MEASURED (server/outbound/measured-latency.ts): a value, not an import, so no server code reaches the bundle. */
export const MIN_ACKS = 20;

function why(l: EffectiveLatency): string {
  if (l.source === "measured")
    return `The p95 of the end-to-end lag (event → the channel's acknowledgement) of the ${l.acks} changes the channel acknowledged in the last 24 h. Dynamic buffers multiply it.`;
  if (l.source === "configured") return `Configured on the channel. Dynamic buffers multiply it until ${MIN_ACKS} changes acknowledged within 24 h measure it.`;
  return "Dynamic buffers (k × sales per day × latency) withhold nothing until a latency is configured or measured.";
}

/**
 * The latency a channel's dynamic buffer uses, with where it comes from: "20 min (measured p95 over
 * 24 h, 312 acks)". The same words on the Rules page, in the editor, the explanation and the pushes panel.
 */
export function LatencyText({ latency, stacked = false, className }: { latency: EffectiveLatency; stacked?: boolean; className?: string }) {
  const value = latency.ms === null ? "none" : formatLatency(latency.ms);
  return (
    <span data-testid="effective-latency" data-source={latency.source} data-ms={latency.ms ?? undefined} title={why(latency)} className={className}>
      {/* Two spans, one text: latencyText(latency). `stacked` puts the source under the value (table columns). */}
      <span className="font-medium">{value}</span> <span className={stacked ? "block text-[11px] font-normal whitespace-nowrap text-slate-500" : "font-normal"}>({latencySourceText(latency)})</span>
    </span>
  );
}
