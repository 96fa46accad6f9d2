import { describe, expect, it } from "vitest";
import type { StockEvent } from "../quantity/types";
import { EMPTY_WEEK, skuWeeks, weekWindow, weeksSince } from "./sku-week";
import { DAY_MS as DAY, HOUR_MS as H } from "@/lib/time/durations";

let n = 0;
const ev = (type: StockEvent["type"], quantity: number, at: number): StockEvent => ({ source: "wms", id: `e${++n}`, type, sku: "1", location: "1", quantity, occurredAt: at });
const wh = [{ id: "1", sellable: true, trusted: [] }];

describe("skuWeeks: what a week keeps of one SKU's replayed ledger", () => {
  // Week 1 = [7d, 14d), week 2 = [14d, 21d); top sellers look at the 4 weeks before each (here from 0).
  const weeks = [
    { sellersFrom: 0, from: 7 * DAY, to: 14 * DAY },
    { sellersFrom: 0, from: 14 * DAY, to: 21 * DAY },
  ];
  const events = [
    ev("receipt", 3, 8 * DAY),
    ev("order.placed", 2, 9 * DAY),
    ev("order.placed", 1, 13 * DAY + 12 * H), // out of stock from here to the receipt
    ev("receipt", 5, 15 * DAY),
    ev("order.cancelled", 1, 16 * DAY),
  ];

  it("stockout ms, available real at the end, units before and at the end, per week", () => {
    const [w1, w2] = skuWeeks(events, wh, weeks);
    // Week 1: nothing before 8d (not stocked yet, no stockout), then at 0 from 13.5d to its end: 12 h.
    expect(w1).toEqual({ zeroMs: 12 * H, availableEnd: 0, known: true, units4w: 0, units24h: 1, units7d: 3 });
    // Week 2: at 0 from its start to the receipt at 15d (24 h); the cancellation gives one back; 3 placed − 1 cancelled before it.
    expect(w2).toEqual({ zeroMs: DAY, availableEnd: 6, known: true, units4w: 3, units24h: 0, units7d: -1 });
  });

  it("a SKU the ledger does not know yet by a week's end is not on that week's cover", () => {
    const [w1] = skuWeeks([ev("receipt", 1, 20 * DAY)], wh, weeks);
    expect(w1.known).toBe(false);
    expect(w1.zeroMs).toBe(0);
  });
});

describe("weeksSince and EMPTY_WEEK: the weeks a SKU's write side keeps", () => {
  it("from the week of the first event to the last one, in the zone (Madrid, across the end of summer time)", () => {
    // 23:30 UTC on Sunday 25 October 2026 is Monday 00:30 in Madrid (winter time since 01:00 UTC): W44 there, W43 in UTC.
    expect(weeksSince(Date.parse("2026-10-25T23:30:00Z"), "2026-W45", "Europe/Madrid")).toEqual(["2026-W44", "2026-W45"]);
    expect(weeksSince(Date.parse("2026-10-25T23:30:00Z"), "2026-W45", "UTC")).toEqual(["2026-W43", "2026-W44", "2026-W45"]);
    // A first event after the last week's end: nothing to keep yet.
    expect(weeksSince(Date.parse("2026-11-09T00:00:00Z"), "2026-W45", "UTC")).toEqual([]);
  });

  it("a week that ends by the first event is what a replay gives for it", () => {
    const w = weekWindow("2026-W44", "UTC");
    expect(w.to - w.from).toBe(7 * DAY);
    expect(w.from - w.sellersFrom).toBe(28 * DAY);
    const [replayed] = skuWeeks([ev("receipt", 4, w.to), ev("order.placed", 1, w.to + H)], wh, [w]);
    expect(replayed).toEqual(EMPTY_WEEK);
  });
});
