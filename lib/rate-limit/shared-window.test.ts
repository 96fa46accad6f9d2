import { describe, expect, it } from "vitest";
import { exactWithin, SharedWindows } from "./shared-window";

const T0 = 1_700_000_000_000;

describe("SharedWindows", () => {
  it("admits locally far from the limit and counts it for the next flush", () => {
    const w = new SharedWindows();
    for (let i = 0; i < 10; i++) expect(w.decide("k", 1000, T0).kind).toBe("local");
    expect(w.drain()).toEqual([{ key: "k", n: 10 }]);
    expect(w.drain()).toEqual([]);
  });

  it("goes exact near the limit, and refuses at it until the store's window ends", () => {
    const w = new SharedWindows();
    const limit = 1000;
    w.decide("k", limit, T0);
    w.drain();
    // Another instance took most of the budget: this one learns it at its flush.
    w.learned("k", limit - exactWithin(limit), T0 + 55_000);
    expect(w.decide("k", limit, T0)).toEqual({ kind: "exact" });
    w.learned("k", limit, T0 + 55_000);
    expect(w.decide("k", limit, T0 + 100)).toEqual({ kind: "refuse", retryAfterSeconds: 55 });
    // The window ended: start over.
    expect(w.decide("k", limit, T0 + 55_000).kind).toBe("local");
  });

  it("small limits are exact from the first request", () => {
    const w = new SharedWindows();
    expect(w.decide("k", 5, T0)).toEqual({ kind: "exact" });
    expect(w.retryAfterSeconds("k", T0)).toBe(60);
  });

  it("keeps counts the store did not take for the next flush", () => {
    const w = new SharedWindows();
    w.decide("k", 1000, T0);
    w.decide("k", 1000, T0);
    w.failed(w.drain());
    expect(w.drain()).toEqual([{ key: "k", n: 2 }]);
  });

  it("does not grow without bound under made-up keys", () => {
    const w = new SharedWindows(60_000, 10);
    for (let i = 0; i < 25; i++) w.decide(`k${i}`, 1000, T0);
    expect(w.drain().length).toBeLessThanOrEqual(10);
  });
});
