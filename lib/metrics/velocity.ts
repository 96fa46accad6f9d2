import { max, rat, type Rational } from "../allocation/rational";
import { HOUR_MS } from "@/lib/time/durations";

// Velocity and cover (docs/NUMBERS.md). Sales are order.placed − order.cancelled units by occurredAt,
// rolled up per hour; a window of N hours is the current hour plus the N − 1 before it.

export const hourStart = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** Units a sale event adds to its hour: placed counts, cancelled takes back, everything else 0. */
export function saleUnits(type: string, quantity: number): number {
  if (type === "order.placed") return quantity;
  if (type === "order.cancelled") return -quantity;
  return 0;
}

export interface Velocity {
  units24h: number;
  units7d: number;
}

export const velocity24h = (v: Velocity): number => Math.max(0, v.units24h);
/** Units in the last 7 days / 7, also for a SKU that is newer than 7 days (docs/NUMBERS.md). */
export const velocity7d = (v: Velocity): number => Math.max(0, v.units7d) / 7;

/** The higher of the two rates, exactly: it drives buffers and cover during a promotion. */
export function velocityRate(v: Velocity): Rational {
  return max(rat(Math.max(0, v.units24h)), rat(Math.max(0, v.units7d), 7));
}

/** available_real / velocity in days; null means infinite cover (no sales). */
export function daysOfInventory(availableReal: number, v: Velocity): number | null {
  const r = velocityRate(v);
  if (r.n === 0n) return null;
  return (Math.max(0, availableReal) * Number(r.d)) / Number(r.n);
}

export type StockStatus = "ok" | "low_cover" | "stockout";

/** Stockout at 0; low cover when cover falls below lead time + safety days (the reorder alert). */
export function stockStatus(availableReal: number, doi: number | null, leadTimeDays: number, safetyDays: number): StockStatus {
  if (availableReal <= 0) return "stockout";
  if (doi !== null && doi < leadTimeDays + safetyDays) return "low_cover";
  return "ok";
}
