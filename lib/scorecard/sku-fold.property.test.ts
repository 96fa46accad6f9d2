import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StockEvent } from "../quantity/types";
import { foldReadsFrom, foldSkuWeeks, START_STATE } from "./sku-fold";
import { skuWeeks, type WeekWindow } from "./sku-week";
import { FOLD_LOCATIONS, foldEventSpec, foldLedger, syntheticWeeks } from "./fold-arbitraries";
import { DAY_MS as DAY, HOUR_MS as H } from "@/lib/time/durations";

// Preparing week N from the state kept at week N−1's end gives exactly what a replay of the whole
// ledger gives (docs/SCORECARD.md, "Fold state at each week's end"), whatever the ledger: absolutes
// from trusted and untrusted sources, transfers between sellable and unsellable locations, orders
// and cancellations, events at the week edges, and weeks of 167, 168 and 169 hours.

const LOCATIONS = FOLD_LOCATIONS;

const arbWeeks = syntheticWeeks;

// On a week edge, an hour either side of it, or anywhere.
const arbEvent = (span: number) =>
  foldEventSpec(
    fc.oneof(
      fc.integer({ min: 0, max: 6 }).map((w) => w * 7 * DAY),
      fc.integer({ min: -H, max: H }).map((d) => 7 * DAY + d),
      fc.integer({ min: 0, max: span }),
    ),
  );

describe("foldSkuWeeks: resumed from a week's end state = the whole ledger replayed", () => {
  it("for every split week, random ledgers (late arrivals included: the fold goes by occurredAt)", () => {
    fc.assert(
      fc.property(arbWeeks, fc.array(arbEvent(43 * DAY), { maxLength: 60 }), fc.nat(5), (weeks, specs, split) => {
        // Arrival order is shuffled by fast-check's array; the fold must not care.
        const events = foldLedger(specs, weeks[weeks.length - 1].to);
        const replay = skuWeeks(events, LOCATIONS, weeks);
        const whole = foldSkuWeeks(START_STATE, events, LOCATIONS, weeks);
        expect(whole.values).toEqual(replay);
        // Stop at week `split`'s end, keep the state (through JSON, as the table does), go on with the rest.
        const head = foldSkuWeeks(
          START_STATE,
          events.filter((e) => e.occurredAt < weeks[split].to),
          LOCATIONS,
          weeks.slice(0, split + 1),
        );
        const kept = JSON.parse(JSON.stringify(head.states[split]));
        // Only the events it must read: from the resumed week's start (an hour before, for a 167-hour week).
        const tail = foldSkuWeeks(
          kept,
          events.filter((e) => split + 1 < weeks.length && e.occurredAt >= foldReadsFrom(weeks[split + 1])),
          LOCATIONS,
          weeks.slice(split + 1),
        );
        expect([...head.values, ...tail.values]).toEqual(replay);
        expect(JSON.parse(JSON.stringify([...head.states, ...tail.states]))).toEqual(JSON.parse(JSON.stringify(whole.states)));
      }),
      { numRuns: 400 },
    );
  });

  it("an ongoing week (its end still ahead): the same as the replay too", () => {
    const weeks: WeekWindow[] = [
      { sellersFrom: -28 * DAY, from: 0, to: 7 * DAY },
      { sellersFrom: -21 * DAY, from: 7 * DAY, to: 14 * DAY },
    ];
    const e = (type: StockEvent["type"], quantity: number, at: number): StockEvent => ({ source: "wms", id: `${type}${at}`, type, sku: "1", location: "1", quantity, occurredAt: at });
    const events = [e("receipt", 2, DAY), e("order.placed", 2, 6 * DAY), e("receipt", 1, 8 * DAY), e("order.placed", 1, 9 * DAY)];
    const head = foldSkuWeeks(START_STATE, events, LOCATIONS, weeks.slice(0, 1));
    expect(head.states[0]).toEqual({ levels: { "1": [2, 2, 0, 0, 0, 0] }, known: true, units: [0, 0, 0, 2] });
    const tail = foldSkuWeeks(head.states[0], events, LOCATIONS, weeks.slice(1));
    expect(tail.values).toEqual(skuWeeks(events, LOCATIONS, weeks).slice(1));
    // Out from the first week's end to 8 days, then from 9 days to the week's end.
    expect(tail.values[0]).toMatchObject({ zeroMs: 6 * DAY, availableEnd: 0, units4w: 2, units7d: 1 });
  });
});
