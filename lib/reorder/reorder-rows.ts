import { lowCover, type CoverInput } from "../alerts/conditions";
import { daysOfInventory, velocityRate } from "../metrics/velocity";
import { csvTable } from "../format/csv";

// The Reorder view (issue 17): what to buy, from the same low-cover function as the low_cover alert
// (lib/alerts/conditions.ts), so the view and the alert always suggest the same quantity. Pure.

/** reorder: suggestion > 0 (the default); low: every SKU in low cover, incoming covering it or not; all: every SKU. */
export const REORDER_SHOWS = ["reorder", "low", "all"] as const;
export type ReorderShow = (typeof REORDER_SHOWS)[number];

export interface ReorderInput extends Omit<CoverInput, "safetyDays"> {
  sku: string;
  name: string;
  /** The SKU's low_cover alert, if any (open or resolved), and its mute in force. */
  alertId: string | null;
  alertState: "open" | "resolved" | null;
  mutedUntil: string | null;
}

export interface ReorderRow {
  sku: string;
  name: string;
  availableReal: number;
  /** Units/day: the higher of the 24-hour and 7-day rates (docs/NUMBERS.md). */
  velocity: number;
  /** null: no sales, cover is infinite. */
  daysOfInventory: number | null;
  leadTimeDays: number;
  safetyDays: number;
  incoming: number;
  lowCover: boolean;
  suggestedQuantity: number;
  /** Cover − lead time in days: how long before a purchase order placed now arrives too late (negative: already late). null with no sales. */
  urgency: number | null;
  alert: { id: string; state: "open" | "resolved" } | null;
  muted: boolean;
  mutedUntil: string | null;
}

/** One SKU's row; the suggestion is the alert's, 0 when cover is not low. */
export function reorderRow(x: ReorderInput, safetyDays: number): ReorderRow {
  const low = lowCover({ ...x, safetyDays });
  const v = { units24h: x.units24h, units7d: x.units7d };
  const doi = low ? low.daysOfInventory : daysOfInventory(x.availableReal, v);
  const rate = velocityRate(v);
  return {
    sku: x.sku,
    name: x.name,
    availableReal: x.availableReal,
    velocity: low ? low.velocity : Number(rate.n) / Number(rate.d),
    daysOfInventory: doi,
    leadTimeDays: x.leadTimeDays,
    safetyDays,
    incoming: x.incoming,
    lowCover: low !== null,
    suggestedQuantity: low?.suggestedQuantity ?? 0,
    urgency: doi === null ? null : doi - x.leadTimeDays,
    alert: x.alertId && x.alertState ? { id: x.alertId, state: x.alertState } : null,
    muted: x.mutedUntil !== null,
    mutedUntil: x.mutedUntil,
  };
}

/** Most urgent first (cover − lead time ascending; infinite cover last), then the larger suggestion, then by code. */
export function compareUrgency(a: ReorderRow, b: ReorderRow): number {
  if (a.urgency !== b.urgency) {
    if (a.urgency === null) return 1;
    if (b.urgency === null) return -1;
    return a.urgency - b.urgency;
  }
  if (a.suggestedQuantity !== b.suggestedQuantity) return b.suggestedQuantity - a.suggestedQuantity;
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

export function reorderRows(inputs: readonly ReorderInput[], safetyDays: number, show: ReorderShow): ReorderRow[] {
  const rows = inputs.map((x) => reorderRow(x, safetyDays));
  const kept = show === "all" ? rows : show === "low" ? rows.filter((r) => r.lowCover) : rows.filter((r) => r.suggestedQuantity > 0);
  return kept.sort(compareUrgency);
}

export const REORDER_CSV_HEADER = [
  "sku",
  "name",
  "availableReal",
  "velocityPerDay",
  "daysOfInventory",
  "leadTimeDays",
  "safetyDays",
  "incoming",
  "suggestedQuantity",
  "lowCoverAlert",
  "mutedUntil",
] as const;

/** The buyer's file (RFC 4180): the JSON rows' numbers as they are; infinite cover is an empty field; the alert as open / resolved / empty. */
export function reorderCsv(rows: readonly ReorderRow[]): string {
  return csvTable(
    REORDER_CSV_HEADER,
    rows.map((r) => [r.sku, r.name, r.availableReal, r.velocity, r.daysOfInventory, r.leadTimeDays, r.safetyDays, r.incoming, r.suggestedQuantity, r.alert?.state ?? null, r.mutedUntil]),
  );
}
