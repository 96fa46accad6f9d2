import fc from "fast-check";
import { EVENT_TYPES, type StockEvent } from "../quantity/types";
import type { LocationInfo } from "./available-history";
import type { WeekWindow } from "./sku-week";
import { DAY_MS, HOUR_MS } from "@/lib/time/durations";

// For the fold's property tests (sku-fold, sku-checkpoint): the locations, random ledgers of one
// SKU, and weeks whose length a daylight-saving change moves, without a zone.

/** 6 contiguous weeks from 0 (the 4 weeks before the first start at −28 days), each 168 h ± 1. */
export const syntheticWeeks = fc.array(fc.constantFrom(-1, 0, 1), { minLength: 6, maxLength: 6 }).map((ds) => {
  const out: WeekWindow[] = [];
  const starts = [-28 * DAY_MS, -21 * DAY_MS, -14 * DAY_MS, -7 * DAY_MS, 0];
  let from = 0;
  for (const d of ds) {
    const to = from + 7 * DAY_MS + d * HOUR_MS;
    out.push({ sellersFrom: starts[starts.length - 5], from, to });
    starts.push(to);
    from = to;
  }
  return out;
});

/** A sellable location trusting no source, one trusting two, and an unsellable one. */
export const FOLD_LOCATIONS: LocationInfo[] = [
  { id: "1", sellable: true, trusted: [] },
  { id: "2", sellable: true, trusted: ["erp", "wms"] },
  { id: "3", sellable: false, trusted: ["wms"] },
];
const SOURCES = ["wms", "erp", "onepool-counts"];
const TYPES = EVENT_TYPES.filter((t) => t !== "order.delivered" && t !== "asn" && t !== "po");

/** One event of any type the fold reads, from a trusted or untrusted source, at a location of FOLD_LOCATIONS or an unknown one ("9"), at an instant drawn by `at`. */
export const foldEventSpec = (at: fc.Arbitrary<number>) =>
  fc.record({
    type: fc.constantFrom(...TYPES),
    source: fc.constantFrom(...SOURCES),
    location: fc.constantFrom("1", "2", "3", "9"),
    toLocation: fc.constantFrom("1", "2", "3"),
    quantity: fc.integer({ min: 0, max: 30 }),
    at,
    version: fc.option(fc.constantFrom("1", "2", "10"), { nil: null }),
    bucket: fc.constantFrom("on_hand" as const, "available" as const, null),
    condition: fc.constantFrom("resellable" as const, "damaged" as const),
  });

/** SKU "1"'s ledger from the drawn specs, in the order drawn (arrival order: the fold must not care), without those at or after `end`. */
export function foldLedger(specs: (Omit<StockEvent, "id" | "sku" | "occurredAt"> & { at: number })[], end: number): StockEvent[] {
  let n = 0;
  return specs.map((s) => ({ ...s, id: `e${++n}`, sku: "1", occurredAt: s.at, reason: s.type === "order.cancelled" ? "customer" : null })).filter((e) => e.occurredAt < end);
}
