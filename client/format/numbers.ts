// Number formatting for dense tables: grouped integers, one decimal for rates, cover from lib/metrics.

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatInt = (n: number) => int.format(n).replace("-", "−");
/** Signed, for deltas and variances: +3, −2, 0. */
export const formatSigned = (n: number) => (n > 0 ? "+" : "") + formatInt(n);
export const formatRate = (n: number) => (n === 0 ? "0" : dec1.format(n));
/** Cover (days of inventory): one format on every page, see lib/metrics/cover.ts. */
export { formatCover } from "@/lib/metrics/cover";

/** Durations from milliseconds, short: 340 ms, 2.4 s, 3 min, 5 h, 12 d. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const a = Math.abs(ms);
  const sign = ms < 0 ? "−" : "";
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 1 : 0)} s`;
  if (a < 3_600_000) return `${sign}${Math.round(a / 60_000)} min`;
  if (a < 86_400_000) return `${sign}${Math.round(a / 3_600_000)} h`;
  return `${sign}${Math.round(a / 86_400_000)} d`;
}
