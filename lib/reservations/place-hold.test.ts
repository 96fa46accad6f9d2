import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { placeHold } from "./place-hold";

describe("placeHold", () => {
  const at = (id: number, code: string, available: number) => ({ id, code, available });
  it.each([
    ["puts the hold at the location with the most available", [at(1, "a", 3), at(2, "b", 9)], 2, [{ locationId: 2, quantity: 2 }]],
    ["breaks ties by code", [at(7, "zz", 5), at(8, "aa", 5)], 1, [{ locationId: 8, quantity: 1 }]],
    [
      "spills what the first location cannot cover to the next, never below 0",
      [at(1, "a", 3), at(2, "b", 2), at(3, "c", -4)],
      4,
      [
        { locationId: 1, quantity: 3 },
        { locationId: 2, quantity: 1 },
      ],
    ],
    ["refuses what the positive locations together cannot cover", [at(1, "a", 3), at(2, "b", -9)], 4, null],
  ])("%s", (_, locations, quantity, expected) => {
    expect(placeHold(locations, quantity)).toEqual(expected);
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
