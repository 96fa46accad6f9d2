// "3 min. ago", "in 2 hr.", "in 1 day": one format for past and future alike. Pure.

// numeric "always": never "tomorrow"/"yesterday", which read as calendar days and flipped to
// "in 24 hr." as the hour passed (a token expiry said "tomorrow", then "in 24 hr.").
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "always", style: "short" });

const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  // unit, its length in ms, how many make the next unit
  ["second", 1000, 60],
  ["minute", 60_000, 60],
  ["hour", 3_600_000, 24],
];

/** The time `iso` relative to `now`, in the largest unit that reads naturally, rounded. */
export function formatRelative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  const a = Math.abs(diff);
  if (a < 10_000) return "just now";
  for (const [unit, ms, next] of UNITS) {
    const n = Math.round(a / ms);
    // Rounding up to the next unit ("60 min.", "24 hr.") goes to that unit instead.
    if (n < next) return rtf.format(Math.sign(diff) * n, unit);
  }
  return rtf.format(Math.sign(diff) * Math.round(a / 86_400_000), "day");
}
