// A channel's effective latency (lib/allocation/effective-latency.ts) in words, the same on the Rules
// page, in the rule editor, in the explanation and on the Channel pushes panel.
import type { EffectiveLatency } from "@/lib/allocation/effective-latency";
import { formatInt } from "./numbers";

const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

/** "45 s", "20 min", "1.5 h", "2 days": whole seconds and minutes, tenths of hours and days. */
export function formatLatency(ms: number): string {
  if (ms <= 0) return "0 s";
  if (ms < 1000) return "under 1 s";
  if (ms < 59_500) return `${Math.round(ms / 1000)} s`;
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = ms / 3_600_000;
  if (h < 23.95) return `${oneDecimal(h)} h`;
  const d = oneDecimal(h / 24);
  return `${d} ${d === "1" ? "day" : "days"}`;
}

/** "measured p95 over 24 h, 312 acks", "configured", or why there is none. */
export function latencySourceText(l: EffectiveLatency): string {
  if (l.source === "measured") return `measured p95 over 24 h, ${formatInt(l.acks)} ack${l.acks === 1 ? "" : "s"}`;
  if (l.source === "configured") return "configured";
  return "not configured, not measured yet";
}

/** "20 min (measured p95 over 24 h, 312 acks)", "1 min (configured)", "none (not configured, not measured yet)". */
export const latencyText = (l: EffectiveLatency) => `${l.ms === null ? "none" : formatLatency(l.ms)} (${latencySourceText(l)})`;
