import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ceil, cmp, floor, max, mul, parseDecimal, rat, toNumber } from "./rational";

describe("rational", () => {
  it("rat builds n/d from numbers or bigints", () => {
    expect(rat(3)).toEqual({ n: 3n, d: 1n });
    expect(rat(3, 7)).toEqual({ n: 3n, d: 7n });
    expect(rat(5n, 2n)).toEqual({ n: 5n, d: 2n });
  });

  it("parseDecimal reads non-negative decimals exactly", () => {
    expect(parseDecimal("1.25")).toEqual({ n: 125n, d: 100n });
    expect(parseDecimal("0")).toEqual({ n: 0n, d: 1n });
    expect(parseDecimal(" 12 ")).toEqual({ n: 12n, d: 1n });
    expect(parseDecimal("0.1")).toEqual({ n: 1n, d: 10n });
    expect(parseDecimal("1.500")).toEqual({ n: 1500n, d: 1000n });
  });

  it("parseDecimal refuses anything else", () => {
    for (const s of ["-1", "1e3", ".5", "1.", "abc", "", "1,5", "NaN"]) expect(() => parseDecimal(s), s).toThrow(/not a non-negative decimal/);
  });

  it("0.1 × 3 is exactly 0.3 (no binary float error)", () => {
    const x = mul(parseDecimal("0.1"), rat(3));
    expect(cmp(x, parseDecimal("0.3"))).toBe(0);
    expect(ceil(x)).toBe(1n);
    expect(ceil(mul(parseDecimal("0.1"), rat(30)))).toBe(3n); // a float would give 3.0000000000000004 → 4
  });

  it("ceil and floor of non-negative rationals", () => {
    expect([ceil(rat(186, 10)), floor(rat(186, 10))]).toEqual([19n, 18n]);
    expect([ceil(rat(56)), floor(rat(56))]).toEqual([56n, 56n]);
    expect([ceil(rat(0, 7)), floor(rat(0, 7))]).toEqual([0n, 0n]);
    expect([ceil(rat(1, 3)), floor(rat(1, 3))]).toEqual([1n, 0n]);
  });

  it("cmp compares across denominators; max picks the largest (first on ties)", () => {
    expect(cmp(rat(1, 3), rat(2, 6))).toBe(0);
    expect(cmp(rat(1, 3), rat(1, 2))).toBe(-1);
    expect(cmp(rat(5), rat(9, 2))).toBe(1);
    const a = rat(1, 2);
    const b = rat(2, 4);
    expect(max(rat(0), a, rat(1, 3), b)).toBe(a);
    expect(max(rat(5), rat(56, 10), rat(93, 5))).toEqual(rat(93, 5));
  });

  it("toNumber is for display", () => {
    expect(toNumber(rat(93, 5))).toBe(18.6);
  });

  it("ceil/floor agree with exact integer arithmetic (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const c = ceil({ n, d });
        const f = floor({ n, d });
        expect(f * d <= n && n < (f + 1n) * d).toBe(true);
        expect((c - 1n) * d < n && n <= c * d).toBe(true);
      }),
    );
  });
});
