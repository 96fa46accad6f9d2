import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needsReason } from "./count-reasons";

describe("needsReason", () => {
  it("below 2 units never needs one, even on a tiny system", () => {
    expect(needsReason(0, 1)).toBe(false);
    expect(needsReason(1, 0)).toBe(false);
    expect(needsReason(10, 10)).toBe(false);
    expect(needsReason(0, 2)).toBe(true);
  });

  it("the 5 % edge: 100 → 5 units needed, 4 not; 1000 → 50", () => {
    expect(needsReason(100, 96)).toBe(false);
    expect(needsReason(100, 95)).toBe(true);
    expect(needsReason(100, 105)).toBe(true);
    expect(needsReason(1000, 951)).toBe(false);
    expect(needsReason(1000, 950)).toBe(true);
    // 5 % of 41 is 2.05: 2 units is below it, 3 is above.
    expect(needsReason(41, 39)).toBe(false);
    expect(needsReason(41, 38)).toBe(true);
  });

  it("matches |v| ≥ max(2, 0.05 × system) for any numbers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (system, counted) => {
        const v = Math.abs(system - counted);
        expect(needsReason(system, counted)).toBe(v * 100 >= Math.max(200, 5 * system));
      }),
    );
  });
});
