import { describe, expect, it } from "vitest";
import { applyEvent } from "./apply-event";
import { emptyLevel, type StockEvent } from "./types";
import { countVariance, describeDrift, describeVariance, sourceDrift } from "./variance";

describe("countVariance (docs/RECONCILIATION.md#numbers: system − counted)", () => {
  it("is positive when units are missing and negative when units were found", () => {
    expect(countVariance(7, 4)).toBe(3);
    expect(countVariance(37, 35)).toBe(2);
    expect(countVariance(5, 7)).toBe(-2);
    expect(countVariance(4, 4)).toBe(0);
  });

  it("says what the sign means in words", () => {
    expect(describeVariance(3)).toBe("3 units missing");
    expect(describeVariance(1)).toBe("1 unit missing");
    expect(describeVariance(-2)).toBe("2 units found");
    expect(describeVariance(-1_250)).toBe("1,250 units found");
    expect(describeVariance(0)).toBe("no variance");
  });

  it("is what the fold records for a trusted count", () => {
    const state = { ...emptyLevel(), onHand: 7 };
    const count: StockEvent = { id: "c", source: "wms", type: "cycle_count", sku: "A", location: "wh", quantity: 4, occurredAt: 1 };
    const { effect } = applyEvent(state, count, "wh", []);
    expect(effect).toEqual({ kind: "variance", amount: countVariance(7, 4) });
  });
});

describe("sourceDrift (docs/RECONCILIATION.md#drift: pool − reported, the sign of variance)", () => {
  it("is positive when the source sees fewer units than the pool", () => {
    expect(sourceDrift(100, 90)).toBe(10);
    expect(sourceDrift(5, 8)).toBe(-3);
    expect(describeDrift(10)).toBe("the source sees 10 fewer");
    expect(describeDrift(-3)).toBe("the source sees 3 more");
    expect(describeDrift(0)).toBe("the source agrees");
  });

  it("is what the fold records for an untrusted count, with the same sign a trusted count's variance would have", () => {
    const state = { ...emptyLevel(), onHand: 7 };
    const count: StockEvent = { id: "c", source: "marketplace", type: "cycle_count", sku: "A", location: "wh", quantity: 4, occurredAt: 1 };
    const untrusted = applyEvent(state, count, "wh", ["wms"]).effect;
    const trusted = applyEvent(state, count, "wh", []).effect;
    expect(untrusted).toEqual({ kind: "drift", amount: 3 });
    expect(Math.sign(untrusted!.amount)).toBe(Math.sign(trusted!.amount));
  });
});
