import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { placeHold } from "./place-hold";

describe("placeHold", () => {
  it("puts the hold at the location with the most available", () => {
    expect(
      placeHold(
        [
          { id: 1, code: "a", available: 3 },
          { id: 2, code: "b", available: 9 },
        ],
        2,
      ),
    ).toEqual([{ locationId: 2, quantity: 2 }]);
  });

  it("breaks ties by code", () => {
    expect(
      placeHold(
        [
          { id: 7, code: "zz", available: 5 },
          { id: 8, code: "aa", available: 5 },
        ],
        1,
      ),
    ).toEqual([{ locationId: 8, quantity: 1 }]);
  });

  it("spills what the first location cannot cover to the next, never below 0", () => {
    expect(
      placeHold(
        [
          { id: 1, code: "a", available: 3 },
          { id: 2, code: "b", available: 2 },
          { id: 3, code: "c", available: -4 },
        ],
        4,
      ),
    ).toEqual([
      { locationId: 1, quantity: 3 },
      { locationId: 2, quantity: 1 },
    ]);
  });

  it("refuses what the positive locations together cannot cover", () => {
    expect(
      placeHold(
        [
          { id: 1, code: "a", available: 3 },
          { id: 2, code: "b", available: -9 },
        ],
        4,
      ),
    ).toBeNull();
  });

  it("always holds exactly the quantity, from positive locations, within each one's available", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 50 }), { maxLength: 6 }), fc.integer({ min: 1, max: 120 }), (avail, q) => {
        const locs = avail.map((a, i) => ({ id: i + 1, code: `l${i}`, available: a }));
        const total = avail.reduce((s, a) => s + Math.max(0, a), 0);
        const parts = placeHold(locs, q);
        if (q > total) {
          expect(parts).toBeNull();
          return;
        }
        expect(parts!.reduce((s, p) => s + p.quantity, 0)).toBe(q);
        for (const p of parts!) {
          expect(p.quantity).toBeGreaterThan(0);
          expect(p.quantity).toBeLessThanOrEqual(locs[p.locationId - 1].available);
        }
      }),
    );
  });
});
