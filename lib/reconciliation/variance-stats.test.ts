import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addSums, emptySums, lineSums, statsOf, sumAll } from "./variance-stats";

describe("reconciliation variance (docs/RECONCILIATION.md#numbers)", () => {
  it("never nets gains against losses; rate over Σ system; value only from costed SKUs", () => {
    const s = sumAll([lineSums(10, 3, 250), lineSums(10, -3, null), lineSums(20, 0, 100)]);
    expect(statsOf(s)).toEqual({ lines: 3, net: 0, absolute: 6, rate: 0.15, accurate: 1, accuracy: 0.333333, value: 7.5 });
  });
  it("nulls: no lines, Σ system 0, no unit cost", () => {
    expect(statsOf(emptySums())).toEqual({ lines: 0, net: 0, absolute: 0, rate: null, accurate: 0, accuracy: null, value: null });
    expect(statsOf(lineSums(0, -2, null))).toMatchObject({ rate: null, value: null, accuracy: 0 });
  });
  it("property: totals equal the sum of cells, absolute ≥ |net|, accurate ≤ lines", () => {
    const line = fc.record({
      system: fc.integer({ min: 0, max: 1000 }),
      variance: fc.integer({ min: -100, max: 100 }),
      cost: fc.option(fc.integer({ min: 0, max: 100_000 })),
      cell: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const cells = new Map<number, ReturnType<typeof emptySums>>();
        for (const l of lines) cells.set(l.cell, addSums(cells.get(l.cell) ?? emptySums(), lineSums(l.system, l.variance, l.cost)));
        const total = sumAll(lines.map((l) => lineSums(l.system, l.variance, l.cost)));
        expect(sumAll([...cells.values()])).toEqual(total);
        const st = statsOf(total);
        expect(st.absolute).toBeGreaterThanOrEqual(Math.abs(st.net));
        expect(st.accurate).toBeLessThanOrEqual(st.lines);
      }),
    );
  });
});
