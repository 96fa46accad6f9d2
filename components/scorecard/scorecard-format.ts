import type { FigureKey, Scorecard, ScorecardFigure } from "@/lib/contracts/scorecard";
import { formatDuration, formatInt } from "@/client/format/numbers";

// How the scorecard screen reads and shows the §6.3 figures: which one to pick, how to print its
// value and its change, and whether a rise is good news. Pure, so it is unit-tested.

const RATES = new Set<FigureKey>(["cancellation_rate", "oversell_rate", "promise_accuracy", "allocation_accuracy", "reconciliation_rate", "reconciliation_accuracy"]);
const LAGS = new Set<FigureKey>(["ingest_lag_p50_ms", "ingest_lag_p95_ms", "e2e_lag_p50_ms", "e2e_lag_p95_ms"]);
/** Figures where more is better; for every other one a rise is bad news (cancellations, lags, stockouts, variance, oversells). */
const HIGHER_IS_BETTER = new Set<FigureKey>(["units_sold", "promise_accuracy", "allocation_accuracy", "reconciliation_accuracy"]);

export interface FigureSelector {
  key: FigureKey;
  channel?: string | null;
  reason?: string;
  sku?: string;
  bucket?: string;
}

/** The one figure matching key + channel (null = all channels) + its sub-key; absent sub-keys must be absent. */
export function pick(s: Scorecard, sel: FigureSelector): ScorecardFigure | undefined {
  const channel = sel.channel ?? null;
  return s.figures.find((f) => f.key === sel.key && f.channel === channel && f.reason === sel.reason && f.sku === sel.sku && f.bucket === sel.bucket);
}

/** Every channel the figures name, sorted (the rows of the per-channel table). */
export function channelsOf(s: Scorecard): string[] {
  return [...new Set(s.figures.map((f) => f.channel).filter((c): c is string => c !== null))].sort();
}

/** Rates as percentages: an oversell rate of 0.4 % must not print as "0 %", so small rates keep two decimals. */
function percent(fraction: number, signed = false): string {
  // Rounded first, so 0.99999… (float noise of 3 % − 2 %) counts as 1 and gets one decimal.
  const p = Math.round(fraction * 10_000) / 100;
  const digits = Math.abs(p) < 1 && p !== 0 ? 2 : 1;
  const text = `${Math.abs(p).toFixed(digits)}`;
  const sign = p < 0 ? "−" : signed && p > 0 ? "+" : "";
  return `${sign}${text}`;
}

export function formatFigure(key: FigureKey, value: number | null): string {
  if (value === null) return "—";
  if (RATES.has(key)) return `${percent(value)} %`;
  if (LAGS.has(key)) return formatDuration(value);
  if (key === "stockout_hours") return `${value.toFixed(1)} h`;
  return formatInt(Math.round(value));
}

export interface Change {
  /** value − previous week's value; null when either is null. */
  delta: number | null;
  text: string;
  direction: "up" | "down" | "flat" | "none";
  /** Whether the change is good news for this figure ("neutral" when flat or unknown). */
  tone: "good" | "bad" | "neutral";
}

/** The change from the week before (the last trend point): signed, in the figure's unit (rates in percentage points). */
export function changeOf(f: Pick<ScorecardFigure, "key" | "value" | "trend">): Change {
  const prev = f.trend.length ? f.trend[f.trend.length - 1].value : null;
  if (f.value === null || prev === null) return { delta: null, text: "no comparison", direction: "none", tone: "neutral" };
  const delta = f.value - prev;
  // Float noise (0.1 + 0.2) must not show as a change.
  const flat = Math.abs(delta) < 1e-9;
  const direction = flat ? "flat" : delta > 0 ? "up" : "down";
  const tone = flat ? "neutral" : delta > 0 === HIGHER_IS_BETTER.has(f.key) ? "good" : "bad";
  let text: string;
  if (flat) text = "no change";
  else if (RATES.has(f.key)) text = `${percent(delta, true)} pp`;
  else if (LAGS.has(f.key)) text = `${delta > 0 ? "+" : ""}${formatDuration(delta)}`;
  else if (f.key === "stockout_hours") text = `${delta > 0 ? "+" : "−"}${Math.abs(delta).toFixed(1)} h`;
  else text = `${delta > 0 ? "+" : ""}${formatInt(Math.round(delta))}`;
  return { delta, text, direction, tone };
}

/** The 12 points of a sparkline: the 11 weeks before, then this week. */
export function sparkPoints(f: Pick<ScorecardFigure, "value" | "trend">, week: string): { week: string; value: number | null }[] {
  return [...f.trend, { week, value: f.value }];
}

/** Whether the week has anything to show: some figure is a number other than 0. */
export function hasData(s: Scorecard): boolean {
  return s.figures.some((f) => f.value !== null && f.value !== 0);
}

/** "stale_channel" → "Stale channel". */
export function causeLabel(cause: string): string {
  const t = cause.replace(/_/g, " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** One line per cause (docs/OVERSELLS.md), shown beside the pill. */
export const CAUSE_EXPLANATIONS: Record<string, string> = {
  stale_channel: "The channel showed more than Onepool was publishing: a slow push or a failing channel.",
  late_events: "Onepool's view covered the order, the real stock did not: stock-moving events arrived late.",
  correction: "A count, shrink or damage after the sale removed the units.",
  buffer_too_small: "Orders on other channels took the units first: the buffers were too thin for the concurrency.",
  unexplained: "None of the known causes holds.",
};

export const CAUSE_TONES: Record<string, string> = {
  stale_channel: "bg-violet-50 text-violet-800 ring-violet-200",
  late_events: "bg-amber-50 text-amber-800 ring-amber-200",
  correction: "bg-sky-50 text-sky-800 ring-sky-200",
  buffer_too_small: "bg-rose-50 text-rose-800 ring-rose-200",
  unexplained: "bg-slate-100 text-slate-700 ring-slate-300",
};

const dayTimes = new Map<string, Intl.DateTimeFormat>();

/** "2026-10-27T10:00:00Z" → "Oct 27, 04:00" in America/Mexico_City: the scorecard's zone, never the browser's. */
export function formatDayTime(iso: string, timeZone: string): string {
  let f = dayTimes.get(timeZone);
  if (!f) dayTimes.set(timeZone, (f = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone })));
  return f.format(new Date(iso));
}

/** "2026-11-23T06:00:00.000Z" → "Nov 23" in the scorecard's zone. */
export function formatDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone }).format(new Date(iso));
}
