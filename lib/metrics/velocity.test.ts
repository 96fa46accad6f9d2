import { describe, expect, it } from "vitest";
import { cmp, rat } from "../allocation/rational";
import { HOUR_MS } from "@/lib/time/durations";
import { daysOfInventory, hourStart, saleUnits, stockStatus, velocity24h, velocity7d, velocityRate } from "./velocity";

describe("sales", () => {
  it("order.placed counts, order.cancelled takes back, everything else is 0", () => {
    expect(saleUnits("order.placed", 3)).toBe(3);
    expect(saleUnits("order.cancelled", 2)).toBe(-2);
    for (const type of ["order.shipped", "order.delivered", "order.reallocated", "return.received", "receipt", "adjustment"]) expect(saleUnits(type, 5), type).toBe(0);
  });

  it("hourStart rolls a time down to its hour", () => {
    const t = Date.parse("2026-11-22T10:59:59.999Z");
    expect(new Date(hourStart(t)).toISOString()).toBe("2026-11-22T10:00:00.000Z");
    expect(hourStart(Date.parse("2026-11-22T11:00:00.000Z"))).toBe(hourStart(t) + HOUR_MS);
  });
});

describe("velocity", () => {
  it("24 h rate is the units of the last 24 h, 7-day rate is units / 7, both never negative", () => {
    expect(velocity24h({ units24h: 12, units7d: 70 })).toBe(12);
    expect(velocity7d({ units24h: 12, units7d: 70 })).toBe(10);
    expect(velocity7d({ units24h: 0, units7d: 3 })).toBeCloseTo(3 / 7, 12); // a new SKU is still divided by 7
    expect(velocity24h({ units24h: -4, units7d: 0 })).toBe(0);
    expect(velocity7d({ units24h: 0, units7d: -7 })).toBe(0);
  });

  it("velocityRate is exactly the higher of the two", () => {
    expect(cmp(velocityRate({ units24h: 31, units7d: 70 }), rat(31))).toBe(0); // promotion: 24 h drives
    expect(cmp(velocityRate({ units24h: 3, units7d: 70 }), rat(10))).toBe(0);
    expect(cmp(velocityRate({ units24h: 1, units7d: 10 }), rat(10, 7))).toBe(0);
    expect(velocityRate({ units24h: -3, units7d: -1 }).n).toBe(0n);
  });
});

describe("days of inventory and status", () => {
  it("available real / velocity; infinite (null) without sales", () => {
    expect(daysOfInventory(60, { units24h: 30, units7d: 0 })).toBe(2);
    expect(daysOfInventory(60, { units24h: 0, units7d: 70 })).toBe(6);
    expect(daysOfInventory(10, { units24h: 0, units7d: 0 })).toBeNull();
    expect(daysOfInventory(10, { units24h: -2, units7d: 0 })).toBeNull();
    expect(daysOfInventory(-5, { units24h: 5, units7d: 0 })).toBe(0);
  });

  it("stockout at 0, low cover below lead time + safety days, else ok", () => {
    expect(stockStatus(0, 0, 10, 5)).toBe("stockout");
    expect(stockStatus(-3, null, 10, 5)).toBe("stockout");
    expect(stockStatus(100, 14.9, 10, 5)).toBe("low_cover");
    expect(stockStatus(100, 15, 10, 5)).toBe("ok");
    expect(stockStatus(100, null, 10, 5)).toBe("ok");
  });
});
