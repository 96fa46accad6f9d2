import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computePublished } from "../allocation/compute-published";
import { rat } from "../allocation/rational";
import { resolveRuleFields } from "../allocation/rule-fields";
import { availableOf, availableReal, incomingTotalOf } from "./level-math";
import { level } from "./test-support";

describe("availableOf", () => {
  it("is on_hand − committed − reserved − damaged − quality_control − safety_stock", () => {
    expect(availableOf(level({ onHand: 100, committed: 10, reserved: 5, damaged: 3, qualityControl: 4, safetyStock: 2 }))).toBe(76);
    expect(availableOf(level({ onHand: 3, committed: 5 }))).toBe(-2);
  });
});

describe("incomingTotalOf", () => {
  it("sums references, each clamped at 0", () => {
    const s = level({
      incoming: {
        PO1: { qty: -5, expectedAt: null }, // over-received
        PO2: { qty: 20, expectedAt: null },
        TR1: { qty: 7, expectedAt: null },
        TR2: { qty: 0, expectedAt: null },
      },
    });
    expect(incomingTotalOf(s)).toBe(27);
    expect(incomingTotalOf(level())).toBe(0);
  });
});

describe("availableReal", () => {
  it("sums sellable locations, clamping each at 0 before summing", () => {
    expect(
      availableReal([
        { available: 30, sellable: true },
        { available: -12, sellable: true }, // must not eat the 30
        { available: 10, sellable: true },
      ]),
    ).toBe(40);
  });

  it("ignores locations that are not sellable", () => {
    expect(
      availableReal([
        { available: 30, sellable: true },
        { available: 500, sellable: false },
      ]),
    ).toBe(30);
    expect(availableReal([])).toBe(0);
  });

  it("is per SKU: 40 units listed on two channels are 40, not 80", () => {
    const A = availableReal([{ available: 40, sellable: true }]);
    expect(A).toBe(40);
    const fields = resolveRuleFields([], "amazon", "SKU-1", []);
    const out = computePublished(A, rat(0), [
      { channel: "amazon", fields, pausedBy: null, latencyDays: rat(0), latencySource: "none" },
      { channel: "meli", fields, pausedBy: null, latencyDays: rat(0), latencySource: "none" },
    ]);
    expect(out.map((c) => [c.channel, c.availableReal, c.base, c.published])).toEqual([
      ["amazon", 40, 40, 40],
      ["meli", 40, 40, 40],
    ]);
  });

  it("equals the sum of positive sellable availables, never negative (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ available: fc.integer({ min: -1000, max: 1000 }), sellable: fc.boolean() })), (levels) => {
        const a = availableReal(levels);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBe(levels.filter((l) => l.sellable && l.available > 0).reduce((s, l) => s + l.available, 0));
        // adding a negative or a non-sellable location never lowers it
        expect(availableReal([...levels, { available: -50, sellable: true }])).toBe(a);
        expect(availableReal([...levels, { available: 50, sellable: false }])).toBe(a);
      }),
    );
  });
});
