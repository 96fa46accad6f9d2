// docs/CHANNEL-RULES.md: the latency a channel's dynamic buffer multiplies. The p95 of its acknowledged
// end-to-end lags over 24 h once there are enough of them, else its configured latency, else none.
// One definition, so the number, its explanation, the Rules page and the pushes panel agree.
import { rat, type Rational } from "./rational";

export type EffectiveLatency =
  | { source: "measured"; ms: number /** acknowledged pushes over 24 h it is the p95 of */; acks: number }
  | { source: "configured"; ms: number }
  | { source: "none"; ms: null };

/** `measured` is given only for a channel with enough acks (server/outbound/measured-latency.ts). */
export function effectiveLatency(configuredMinutes: number | null, measured?: { acks: number; p95Ms: number }): EffectiveLatency {
  if (measured) return { source: "measured", ms: measured.p95Ms, acks: measured.acks };
  if (configuredMinutes !== null) return { source: "configured", ms: configuredMinutes * 60_000 };
  return { source: "none", ms: null };
}

/** The same latency in days, exactly, for the buffer: whole milliseconds over a day's. */
export const latencyDays = (l: EffectiveLatency): Rational => (l.ms === null ? rat(0) : rat(Math.round(l.ms), 86_400_000));
