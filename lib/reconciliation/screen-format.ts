// Pure helpers for the reconciliation screens: the heat scale, percent and value formats, and the
// period the page reads from its URL. Kept here (not in a component) so they are unit-tested.

/** Heat steps by variance rate (Σ |variance| / Σ system). Ops teams aim for ≤ 1 % (IRA ≥ 99 %); above 5 % a location's records are not trusted. */
export const HEAT_STEPS = [
  { upTo: 0, level: 0, label: "0 %" },
  { upTo: 0.01, level: 1, label: "≤ 1 %" },
  { upTo: 0.02, level: 2, label: "≤ 2 %" },
  { upTo: 0.05, level: 3, label: "≤ 5 %" },
  { upTo: 0.1, level: 4, label: "≤ 10 %" },
  { upTo: Infinity, level: 5, label: "> 10 %" },
] as const;
export type HeatLevel = -1 | 0 | 1 | 2 | 3 | 4 | 5;

/** −1 = nothing to colour (no lines, or Σ system = 0 so the rate is undefined). */
export function heatLevel(rate: number | null, lines: number): HeatLevel {
  if (lines === 0 || rate === null || !Number.isFinite(rate)) return -1;
  for (const s of HEAT_STEPS) if (rate <= s.upTo) return s.level;
  return 5;
}

/** Tailwind classes per level: green at 0, then amber to rose; text stays ≥ 4.5:1 on each. */
export const HEAT_CLASSES: Record<HeatLevel, string> = {
  [-1]: "bg-white text-slate-400",
  0: "bg-emerald-50 text-emerald-900",
  1: "bg-lime-50 text-lime-900",
  2: "bg-amber-50 text-amber-900",
  3: "bg-amber-100 text-amber-900",
  4: "bg-orange-200 text-orange-950",
  5: "bg-rose-200 text-rose-950",
};

const pct1 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A 0–1 ratio as a percent: "2.3 %", "0.04 %" below 0.1 % (so a tiny loss never reads as zero), "—" when undefined. */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return "—";
  if (r === 0) return "0 %";
  const p = r * 100;
  if (Math.abs(p) < 0.01) return p > 0 ? "< 0.01 %" : "> −0.01 %";
  return `${(Math.abs(p) < 0.1 ? pct2 : pct1).format(p).replace("-", "−")} %`;
}

const money0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const money2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Σ |variance| × unitCost, in the catalogue's cost unit (no currency is stored): cents below 1,000, whole above. */
export function formatValue(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "—";
  return (Math.abs(v) >= 1000 ? money0 : money2).format(v).replace("-", "−");
}

export const PERIOD_PRESETS = ["7", "30", "90"] as const;
export type Period = { kind: "preset"; days: 7 | 30 | 90 } | { kind: "custom"; from: string; to: string };
export const DEFAULT_PERIOD = { kind: "preset", days: 30 } as const satisfies Period;

const YMD = /^\d{4}-\d{2}-\d{2}$/;
function validDay(s: string | null): s is string {
  if (!s || !YMD.test(s)) return false;
  const d = new Date(s + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * `?days=7|30|90` or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included, UTC); anything else is
 * the default 30 days, and a reversed custom range is put in order rather than refused.
 */
export function parsePeriod(get: (k: string) => string | null): Period {
  const from = get("from");
  const to = get("to");
  if (validDay(from) && validDay(to)) return from <= to ? { kind: "custom", from, to } : { kind: "custom", from: to, to: from };
  const days = get("days");
  if (days === "7" || days === "30" || days === "90") return { kind: "preset", days: Number(days) as 7 | 30 | 90 };
  return DEFAULT_PERIOD;
}

/** The URL query for a period (empty for the default, so the plain address stays clean). */
export function periodSearch(p: Period): Record<string, string> {
  if (p.kind === "custom") return { from: p.from, to: p.to };
  return p.days === DEFAULT_PERIOD.days ? {} : { days: String(p.days) };
}

/**
 * The API's `from`/`to` for a period at `now`: a preset is the last N × 24 h up to now (so counts
 * landing while the page is open fall inside on the next fetch); a custom range runs from the first
 * day's 00:00 UTC to the day after the last (an exclusive end, so the last day is whole).
 */
export function periodRange(p: Period, now: number): { from: string; to: string } {
  if (p.kind === "custom") {
    const end = new Date(p.to + "T00:00:00Z");
    end.setUTCDate(end.getUTCDate() + 1);
    return { from: `${p.from}T00:00:00.000Z`, to: end.toISOString() };
  }
  return { from: new Date(now - p.days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

/** A short label for headings: "last 30 days", "1 Nov – 30 Nov 2026". */
export function periodLabel(p: Period): string {
  if (p.kind === "preset") return `last ${p.days} days`;
  const f = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const a = f.format(new Date(p.from + "T00:00:00Z"));
  const b = f.format(new Date(p.to + "T00:00:00Z"));
  return a === b ? a : `${a} – ${b}`;
}

/** Drift and variance share a sign (docs/RECONCILIATION.md#drift): positive = the source (or the count) sees fewer units than the pool. */
export function describeSigned(n: number, subject: string): string {
  if (n === 0) return `${subject} agrees with the pool`;
  const u = Math.abs(n) === 1 ? "unit" : "units";
  return n > 0 ? `${subject} sees ${Math.abs(n)} ${u} fewer than the pool` : `${subject} sees ${Math.abs(n)} ${u} more than the pool`;
}
