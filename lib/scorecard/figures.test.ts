import { describe, expect, it } from "vitest";
import { weekRange } from "../time/iso-week";
import * as figures from "./figures";
import { HOUR_MS as H } from "@/lib/time/durations";

const T0 = Date.UTC(2026, 10, 23); // Monday 2026-W48 in UTC

function sales(rows: [string, string | null, number][]) {
  const s = figures.emptySales();
  for (const [type, reason, q] of rows) figures.addSale(s, type, reason, q);
  return s;
}

describe("units sold, cancellation and oversell rates", () => {
  it("units sold is placed minus cancelled units, whichever week the cancelled order was placed in", () => {
    expect(
      figures.unitsSold(
        sales([
          ["order.placed", null, 10],
          ["order.placed", null, 5],
          ["order.cancelled", "customer", 3],
        ]),
      ),
    ).toBe(12);
    // Only cancellations in the week: negative, as the ledger says.
    expect(figures.unitsSold(sales([["order.cancelled", "oversold", 2]]))).toBe(-2);
  });

  it("cancellation rate per reason over placed units; an unknown reason counts as other; null without placed units", () => {
    const r = figures.cancellationRates(
      sales([
        ["order.placed", null, 40],
        ["order.cancelled", "oversold", 2],
        ["order.cancelled", "customer", 1],
        ["order.cancelled", "weird", 1],
        ["order.cancelled", "other", 1],
      ]),
    );
    expect(r).toEqual({ oversold: 0.05, customer: 0.025, payment: 0, address: 0, vendor_delay: 0, damaged_discovery: 0, other: 0.05 });
    expect(figures.cancellationRates(sales([["order.cancelled", "customer", 1]])).customer).toBeNull();
  });

  it("oversell rate is the oversold reason's share, as a fraction", () => {
    const oneOfThreeCancelled = (reason: string) =>
      sales([
        ["order.placed", null, 3],
        ["order.cancelled", reason, 1],
      ]);
    expect(figures.oversellRate(oneOfThreeCancelled("oversold"))).toBe(0.333333);
    expect(figures.oversellRate(oneOfThreeCancelled("customer"))).toBe(0);
    expect(figures.oversellRate(figures.emptySales())).toBeNull();
  });
});

const e = (type: string, orderId: string | null, sku: string, occurredAt: number, more: Partial<figures.OrderLineEvent> = {}): figures.OrderLineEvent => ({
  type,
  orderId,
  sku,
  channel: "amazon",
  occurredAt,
  ...more,
});

describe("promise accuracy", () => {
  it("an order line is (orderId, SKU): two SKUs of one order are two lines, each judged on its own promise", () => {
    const lines = figures.orderLines([
      e("order.placed", "o1", "A", T0 - 48 * H, { promisedAt: T0 + 10 * H }),
      e("order.placed", "o1", "B", T0 - 48 * H, { promisedAt: T0 + 2 * H }),
      e("order.delivered", "o1", "A", T0 + 5 * H),
      e("order.delivered", "o1", "B", T0 + 5 * H),
    ]);
    expect(lines.size).toBe(2);
    const m = figures.promiseAccuracy(lines, T0, T0 + 168 * H);
    expect(m.get(null)).toEqual({ numerator: 1, denominator: 2 });
    expect(figures.ratioValue(m.get("amazon"))).toBe(0.5);
  });

  it("delivered exactly at the promise is on time; a line without promisedAt is left out; delivered outside the week does not count", () => {
    const lines = figures.orderLines([
      e("order.placed", "o1", "A", T0 - H, { promisedAt: T0 + 5 * H }),
      e("order.delivered", "o1", "A", T0 + 5 * H),
      e("order.placed", "o2", "A", T0 - H), // no promise
      e("order.delivered", "o2", "A", T0 + 200 * H),
      e("order.placed", "o3", "A", T0 - H, { promisedAt: T0 }),
      e("order.delivered", "o3", "A", T0 + 170 * H), // next week
    ]);
    expect(figures.promiseAccuracy(lines, T0, T0 + 168 * H).get(null)).toEqual({ numerator: 1, denominator: 1 });
    expect(figures.ratioValue(figures.promiseAccuracy(lines, T0 + 168 * H, T0 + 336 * H).get(null))).toBe(0);
  });

  it("missing promisedAt everywhere: null (no denominator), not 0", () => {
    const lines = figures.orderLines([e("order.placed", "o1", "A", T0), e("order.delivered", "o1", "A", T0 + H)]);
    expect(figures.ratioValue(figures.promiseAccuracy(lines, T0, T0 + 168 * H).get(null))).toBeNull();
  });
});

describe("allocation accuracy", () => {
  it("a line reallocated and then shipped counts as shipped but not accurate; one shipped from where it was committed is accurate", () => {
    const lines = figures.orderLines([
      e("order.placed", "o1", "A", T0 - H),
      e("order.reallocated", "o1", "A", T0 + H),
      e("order.shipped", "o1", "A", T0 + 2 * H),
      e("order.placed", "o2", "A", T0 - H, { channel: "web" }),
      e("order.shipped", "o2", "A", T0 + 2 * H, { channel: null }),
    ]);
    const m = figures.allocationAccuracy(lines, T0, T0 + 168 * H);
    expect(m.get(null)).toEqual({ numerator: 1, denominator: 2 });
    expect(m.get("amazon")).toEqual({ numerator: 0, denominator: 1 });
    expect(m.get("web")).toEqual({ numerator: 1, denominator: 1 });
  });

  it("events without an orderId form no line", () => {
    expect(figures.orderLines([e("order.shipped", null, "A", T0)]).size).toBe(0);
  });
});

describe("stockout hours", () => {
  it("available real sums sellable locations clamped at 0; 0 hours are counted from the first step, to the exact ms", () => {
    const steps = figures.availableRealSteps([
      {
        sellable: true,
        steps: [
          { at: T0 - H, value: 2 },
          { at: T0 + 10 * H, value: 0 },
          { at: T0 + 13.5 * H, value: 4 },
        ],
      },
      { sellable: true, steps: [{ at: T0 - H, value: -3 }] },
      { sellable: false, steps: [{ at: T0, value: 50 }] },
    ]);
    expect(steps).toEqual([
      { at: T0 - H, value: 2 },
      { at: T0 + 10 * H, value: 0 },
      { at: T0 + 13.5 * H, value: 4 },
    ]);
    expect(figures.zeroMs(steps, T0, T0 + 168 * H)).toBe(3.5 * H);
    expect(figures.valueAt(steps, T0 + 11 * H)).toBe(0);
    expect(figures.valueAt(steps, T0 - 2 * H)).toBe(0);
    // Out of stock to the end of the week.
    expect(figures.zeroMs([{ at: T0 + 160 * H, value: 0 }], T0, T0 + 168 * H)).toBe(8 * H);
    expect(figures.zeroMs([], T0, T0 + 168 * H)).toBe(0);
  });

  it("a week that contains the end of summer time is 169 hours long: a SKU out all week is out 169 h", () => {
    const { from, to } = weekRange("2026-W43", "Europe/Madrid");
    expect(figures.zeroMs([{ at: from.getTime() - H, value: 0 }], from.getTime(), to.getTime())).toBe(169 * H);
    expect(figures.hoursOneDecimal(169 * H)).toBe(169);
  });

  it("the sum is of exact hours, rounded once: 3 × 0.04 h is 0.1, not 3 × 0.0", () => {
    const ms = 0.04 * H;
    expect(figures.hoursOneDecimal(ms)).toBe(0);
    expect(figures.hoursOneDecimal(3 * ms)).toBe(0.1);
  });

  it("top sellers: most units first, ties by SKU code, nothing sold left out, at most n", () => {
    const units = new Map([
      ["B", 5],
      ["A", 5],
      ["C", 9],
      ["D", 0],
      ["E", -1],
      ["F", 1],
    ]);
    expect(figures.topSellers(units, 3)).toEqual(["C", "A", "B"]);
    expect(figures.topSellers(units)).toEqual(["C", "A", "B", "F"]);
  });
});

describe("cover at week end", () => {
  it("buckets days of inventory; out of stock is 0 whatever the velocity; no sales is ∞", () => {
    expect(figures.coverBucket(0, null)).toBe("0");
    expect(figures.coverBucket(0, 0)).toBe("0");
    expect(figures.coverBucket(5, null)).toBe("∞");
    expect(figures.coverBucket(5, 6.9)).toBe("<7");
    expect(figures.coverBucket(5, 7)).toBe("7-30");
    expect(figures.coverBucket(5, 30)).toBe("7-30");
    expect(figures.coverBucket(5, 30.1)).toBe("30-90");
    expect(figures.coverBucket(5, 90)).toBe("30-90");
    expect(figures.coverBucket(5, 90.5)).toBe(">90");
  });
});
