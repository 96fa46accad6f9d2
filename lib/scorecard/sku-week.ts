import type { StockEvent } from "../quantity/types";
import { availableRealHistory, unitsIn, type LocationInfo } from "./available-history";
import { shiftWeek, weekOf, weekRange, type IsoWeek } from "../time/iso-week";
import { valueAt, zeroMs } from "./figures";
import { DAY_MS } from "@/lib/time/durations";

// What the scorecard needs of one SKU for one week, from its ledger replayed (available real over
// time is not additive, so it has no rollup): kept per (SKU, week) between calls, see
// server/scorecard/sku-weeks.ts.

export interface SkuWeek {
  /** Milliseconds of [from, to) at available real 0 (stockout hours). */
  zeroMs: number;
  /** Available real just before `to` (cover). */
  availableEnd: number;
  /** Whether the ledger knew the SKU by `to` (an event before it): only then is it on the week's cover. */
  known: boolean;
  /** Net units sold in [sellersFrom, from): the top-20 ranking. */
  units4w: number;
  /** Net units sold in the 24 hours and 7 days before `to` (velocity at week end). */
  units24h: number;
  units7d: number;
}

export interface WeekWindow {
  sellersFrom: number;
  from: number;
  to: number;
}

/** One SKU's ledger (every event before the last week's end) → its values for each week. */
export function skuWeeks(events: readonly StockEvent[], locations: readonly LocationInfo[], weeks: readonly WeekWindow[]): SkuWeek[] {
  const steps = availableRealHistory(events, locations);
  return weeks.map(({ sellersFrom, from, to }) => ({
    zeroMs: zeroMs(steps, from, to),
    availableEnd: valueAt(steps, to - 1),
    known: events.some((e) => e.occurredAt < to),
    units4w: unitsIn(events, sellersFrom, from),
    units24h: unitsIn(events, to - DAY_MS, to),
    units7d: unitsIn(events, to - 7 * DAY_MS, to),
  }));
}

/** A week that ends by the SKU's first event: nothing stocked (not counted as out), nothing sold, not yet known. */
export const EMPTY_WEEK: SkuWeek = Object.freeze({ zeroMs: 0, availableEnd: 0, known: false, units4w: 0, units24h: 0, units7d: 0 });

/** A week's window in `tz`: the 4 weeks before it (top sellers) and the week itself. */
export function weekWindow(week: IsoWeek, tz: string): WeekWindow {
  const { from, to } = weekRange(week, tz);
  return { sellersFrom: weekRange(shiftWeek(week, -4, tz), tz).from.getTime(), from: from.getTime(), to: to.getTime() };
}

/**
 * Every week a SKU's first event can matter to, up to `last`: from the week that instant falls in
 * (the weeks before it are EMPTY_WEEK) to `last`, oldest first; none when it falls after `last`.
 */
export function weeksSince(firstAt: number, last: IsoWeek, tz: string): IsoWeek[] {
  const out: IsoWeek[] = [];
  const end = weekRange(last, tz).to.getTime();
  if (firstAt >= end) return out;
  for (let w = weekOf(firstAt, tz); ; w = shiftWeek(w, 1, tz)) {
    out.push(w);
    if (w === last) return out;
  }
}
