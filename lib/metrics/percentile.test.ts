import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";

describe("percentile (nearest rank)", () => {
  it("is null without samples", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([], 95)).toBeNull();
  });

  it("the textbook example: [15, 20, 35, 40, 50]", () => {
    const xs = [50, 15, 40, 20, 35];
    expect(percentile(xs, 5)).toBe(15);
    expect(percentile(xs, 30)).toBe(20);
    expect(percentile(xs, 40)).toBe(20);
    expect(percentile(xs, 50)).toBe(35);
    expect(percentile(xs, 100)).toBe(50);
    expect(percentile(xs, 0)).toBe(15);
  });

  it("p50 and p95 of lags", () => {
    const lags = Array.from({ length: 20 }, (_, i) => (i + 1) * 100); // 100 … 2000 ms
    expect(percentile(lags, 50)).toBe(1000);
    expect(percentile(lags, 95)).toBe(1900);
    expect(percentile([42], 95)).toBe(42);
  });

  it("of 1…100 the p-th percentile is p for every integer p (no float rank error)", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    for (let p = 1; p <= 100; p++) expect(percentile(xs, p), `p${p}`).toBe(p);
  });

  it("does not reorder the caller's array and sorts numerically", () => {
    const xs = [10, 9, 100, 1];
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 50)).toBe(9);
    expect(xs).toEqual([10, 9, 100, 1]);
  });

  it("matches the nearest-rank definition in integer arithmetic (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 100 }), (xs, p) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const rank = Math.max(1, Math.floor((p * xs.length + 99) / 100));
        expect(percentile(xs, p)).toBe(sorted[rank - 1]);
      }),
    );
  });
});
