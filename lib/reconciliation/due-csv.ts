export type DueCsvRow = { sku: string; skuName: string; location: string; onHand: number; lastCountedAt: string | null; ageDays: number | null; value: number | null };

/**
 * The due list as CSV (RFC 4180): a header row, fields with a comma, quote or line break quoted,
 * quotes doubled, CRLF line ends. Text that a spreadsheet would run as a formula (= + - @ first)
 * gets a leading apostrophe.
 */
export function dueCsv(due: readonly DueCsvRow[]): string {
  const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const field = (v: string | number | null) => {
    const s = v === null ? "" : typeof v === "string" ? text(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [["sku", "skuName", "location", "onHand", "lastCountedAt", "ageDays", "value"], ...due.map((d) => [d.sku, d.skuName, d.location, d.onHand, d.lastCountedAt, d.ageDays, d.value])];
  return rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
