import type { Scorecard } from "@/lib/contracts/scorecard";

// RFC 4180: CRLF between records, a field with a comma, quote, CR or LF is quoted and its quotes doubled.
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvRecord = (fields: readonly (string | number | null | undefined)[]): string => fields.map(csvField).join(",");

/**
 * The scorecard as CSV (RFC 4180): a header row, then one row per figure × channel. Columns: week,
 * key, channel (empty = all channels), reason, sku, bucket, value, then the 11 weeks before, oldest
 * first, headed by their week labels ("2026-W37" …) so a spreadsheet reads them as a time series.
 * null values are empty fields.
 */
export function scorecardCsv(s: Scorecard): string {
  const trendWeeks = s.figures[0]?.trend.map((p) => p.week) ?? [];
  const rows = [csvRecord(["week", "key", "channel", "reason", "sku", "bucket", "value", ...trendWeeks])];
  for (const f of s.figures) {
    rows.push(csvRecord([s.week, f.key, f.channel, f.reason, f.sku, f.bucket, f.value, ...f.trend.map((p) => p.value)]));
  }
  return `${rows.join("\r\n")}\r\n`;
}
