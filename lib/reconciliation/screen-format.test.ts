import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PERIOD, describeSigned, formatRatio, formatValue, heatLevel, parsePeriod, periodLabel, periodRange, periodSearch, type Period } from "./screen-format";

const from = (o: Record<string, string>) => (k: string) => o[k] ?? null;

describe("heatLevel", () => {
  it("leaves cells without lines or without a rate uncoloured", () => {
    expect(heatLevel(null, 3)).toBe(-1);
    expect(heatLevel(0.5, 0)).toBe(-1);
  });
  it("puts the step edges in the lower step", () => {
    expect(heatLevel(0, 4)).toBe(0);
    expect(heatLevel(0.0001, 4)).toBe(1);
    expect(heatLevel(0.01, 4)).toBe(1);
    expect(heatLevel(0.0101, 4)).toBe(2);
    expect(heatLevel(0.05, 4)).toBe(3);
    expect(heatLevel(0.1, 4)).toBe(4);
    expect(heatLevel(0.11, 4)).toBe(5);
    expect(heatLevel(3, 4)).toBe(5);
  });
  it("never lowers the colour as the rate grows", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(heatLevel(lo, 1)).toBeLessThanOrEqual(heatLevel(hi, 1));
      }),
    );
  });
});

describe("formatRatio", () => {
  it("formats rates and accuracies as percents", () => {
    expect([null, 0, 1, 0.0234, 0.00042, 0.00000042].map(formatRatio)).toEqual(["—", "0 %", "100.0 %", "2.3 %", "0.04 %", "< 0.01 %"]);
  });
  it("never shows a non-zero rate as 0", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 5, noNaN: true }), (r) => {
        expect(formatRatio(r)).not.toMatch(/^0(\.0+)? %$/);
      }),
    );
  });
});

describe("formatValue", () => {
  it("shows cents below 1,000 and whole amounts above", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue(12.5)).toBe("12.50");
    expect(formatValue(12345.67)).toBe("12,346");
  });
});

describe("parsePeriod", () => {
  it("reads presets and custom ranges, and defaults to 30 days", () => {
    expect(parsePeriod(from({}))).toEqual(DEFAULT_PERIOD);
    expect(parsePeriod(from({ days: "7" }))).toEqual({ kind: "preset", days: 7 });
    expect(parsePeriod(from({ days: "8" }))).toEqual(DEFAULT_PERIOD);
    expect(parsePeriod(from({ from: "2026-11-01", to: "2026-11-30" }))).toEqual({ kind: "custom", from: "2026-11-01", to: "2026-11-30" });
  });
  it("orders a reversed range and ignores impossible dates", () => {
    expect(parsePeriod(from({ from: "2026-11-30", to: "2026-11-01" }))).toEqual({ kind: "custom", from: "2026-11-01", to: "2026-11-30" });
    expect(parsePeriod(from({ from: "2026-02-30", to: "2026-03-01" }))).toEqual(DEFAULT_PERIOD);
    expect(parsePeriod(from({ from: "2026-11-01" }))).toEqual(DEFAULT_PERIOD);
  });
  it("round-trips through the URL", () => {
    const periods: Period[] = [DEFAULT_PERIOD, { kind: "preset", days: 7 }, { kind: "preset", days: 90 }, { kind: "custom", from: "2026-01-05", to: "2026-02-01" }];
    for (const p of periods) expect(parsePeriod(from(periodSearch(p)))).toEqual(p);
    expect(periodSearch(DEFAULT_PERIOD)).toEqual({});
  });
});

describe("periodRange", () => {
  const now = Date.parse("2026-12-06T12:00:00.000Z");
  it("ends a preset now", () => {
    expect(periodRange({ kind: "preset", days: 7 }, now)).toEqual({ from: "2026-11-29T12:00:00.000Z", to: "2026-12-06T12:00:00.000Z" });
  });
  it("includes the whole last day of a custom range", () => {
    expect(periodRange({ kind: "custom", from: "2026-11-01", to: "2026-11-30" }, now)).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" });
    expect(periodRange({ kind: "custom", from: "2026-12-31", to: "2026-12-31" }, now).to).toBe("2027-01-01T00:00:00.000Z");
  });
  it("labels periods", () => {
    expect(periodLabel({ kind: "preset", days: 90 })).toBe("last 90 days");
    expect(periodLabel({ kind: "custom", from: "2026-11-01", to: "2026-11-30" })).toBe("1 Nov 2026 – 30 Nov 2026");
  });
});

describe("describeSigned", () => {
  it("reads the sign like variance: positive = fewer units than the pool", () => {
    expect(describeSigned(3, "shopify-main")).toBe("shopify-main sees 3 units fewer than the pool");
    expect(describeSigned(-1, "wms")).toBe("wms sees 1 unit more than the pool");
    expect(describeSigned(0, "wms")).toBe("wms agrees with the pool");
  });
});
