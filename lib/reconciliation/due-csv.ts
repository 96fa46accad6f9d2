import { csvTable } from "../format/csv";

export type DueCsvRow = { sku: string; skuName: string; location: string; onHand: number; lastCountedAt: string | null; ageDays: number | null; value: number | null };

/** The due list as CSV (RFC 4180, lib/format/csv.ts): a header row, one row per SKU × location. */
export function dueCsv(due: readonly DueCsvRow[]): string {
  return csvTable(
    ["sku", "skuName", "location", "onHand", "lastCountedAt", "ageDays", "value"],
    due.map((d) => [d.sku, d.skuName, d.location, d.onHand, d.lastCountedAt, d.ageDays, d.value]),
  );
}
