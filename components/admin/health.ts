import type { Source } from "@/components/api/types";
import { formatDuration } from "@/components/format/numbers";

/** A source that sent no event for this long is "quiet" (amber). */
export const QUIET_AFTER_MS = 15 * 60_000;
/** Above this share of failed deliveries in the last hour, a source is failing (red). */
export const ERROR_RATE_LIMIT = 0.05;

export type HealthLevel = "ok" | "quiet" | "failing";

export interface HealthVerdict {
  level: HealthLevel;
  label: string;
  /** Why, in words (tooltips and screen readers). */
  reasons: string[];
}

/**
 * Red: error rate over 5 % or any signature failure in 24 h (named first: a security event, and a
 * refused delivery also counts in the error rate). Amber: no event for 15 min, or throttled.
 */
export function judgeHealth(h: Source["health"], now: number): HealthVerdict {
  const red: string[] = [];
  const amber: string[] = [];
  if (h.errorRate > ERROR_RATE_LIMIT) red.push(`${formatPercent(h.errorRate)} of deliveries failed in the last hour`);
  if (h.signatureFailures24h > 0) red.push(`${h.signatureFailures24h} signature failure${h.signatureFailures24h === 1 ? "" : "s"} in 24 h`);
  const age = h.lastEventAt ? now - new Date(h.lastEventAt).getTime() : null;
  if (age === null) amber.push("no event in the last 24 h");
  else if (age > QUIET_AFTER_MS) amber.push(`no event for ${formatDuration(age)}`);
  if (h.rateLimitedSinceStart > 0) amber.push(`${h.rateLimitedSinceStart} request${h.rateLimitedSinceStart === 1 ? "" : "s"} refused by the rate limit since the server started`);
  if (red.length) return { level: "failing", label: h.signatureFailures24h > 0 ? "Signature failures" : "Errors", reasons: [...red, ...amber] };
  if (amber.length) return { level: "quiet", label: age === null || age > QUIET_AFTER_MS ? "Quiet" : "Throttled", reasons: amber };
  return { level: "ok", label: "OK", reasons: ["events arriving, no errors"] };
}

export const HEALTH_STYLES: Record<HealthLevel, { pill: string; dot: string; chip: string }> = {
  ok: { pill: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500", chip: "border-slate-200 bg-white" },
  quiet: { pill: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500", chip: "border-amber-300 bg-amber-50/60" },
  failing: { pill: "bg-rose-50 text-rose-800 ring-rose-600/25", dot: "bg-rose-500", chip: "border-rose-300 bg-rose-50/70" },
};

/** 0.0523 → "5.2 %"; 0 → "0 %". */
export const formatPercent = (r: number) => (r === 0 ? "0 %" : `${(r * 100).toFixed(r < 0.1 ? 1 : 0)} %`);
