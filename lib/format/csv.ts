// RFC 4180 CSV for exports a person opens in a spreadsheet. Pure.

export type CsvValue = string | number | null | undefined;

/**
 * A header row then the rows: CRLF line ends, a field with a comma, quote or line break quoted and
 * its quotes doubled, null/undefined empty. Text a spreadsheet would run as a formula (= + - @ tab
 * CR first) gets a leading apostrophe: SKU names come from channels and vendors.
 */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const field = (v: CsvValue) => {
    const s = v === null || v === undefined ? "" : typeof v === "string" ? text(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}
