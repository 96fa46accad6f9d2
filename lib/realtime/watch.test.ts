import { describe, expect, it } from "vitest";
import { MAX_WATCHED_SKUS, rowsForWatch, watchMessage, WatchRate } from "./watch";

const rows = [{ code: "A" }, { code: "B" }, { code: "C" }];

describe("rowsForWatch", () => {
  it("keeps only the watched SKUs' rows, in the frame's order", () => {
    expect(rowsForWatch(rows, new Set(["C", "A"])).map((r) => r.code)).toEqual(["A", "C"]);
  });
  it("sends every row to a socket that watches everything, none to one that watches nothing", () => {
    expect(rowsForWatch(rows, null)).toEqual(rows);
    expect(rowsForWatch(rows, undefined)).toEqual(rows);
    expect(rowsForWatch(rows, new Set())).toEqual([]);
  });
});

describe("watchMessage", () => {
  it("takes a bounded list of codes, or null for everything", () => {
    expect(watchMessage.safeParse({ skus: ["A", "B"] }).success).toBe(true);
    expect(watchMessage.safeParse({ skus: null }).success).toBe(true);
    expect(watchMessage.safeParse({ skus: Array.from({ length: MAX_WATCHED_SKUS + 1 }, (_, i) => `S${i}`) }).success).toBe(false);
    expect(watchMessage.safeParse({ skus: [""] }).success).toBe(false);
    expect(watchMessage.safeParse({ skus: [42] }).success).toBe(false);
    expect(watchMessage.safeParse({}).success).toBe(false);
  });
});

describe("WatchRate", () => {
  it("allows a burst of perSecond, then refills evenly", () => {
    const rate = new WatchRate(4, 0);
    expect([1, 2, 3, 4, 5].map(() => rate.allow(0))).toEqual([true, true, true, true, false]);
    expect(rate.allow(100)).toBe(false); // 0.4 of a token
    expect(rate.allow(250)).toBe(true); // 1 token after 250 ms at 4/s
    expect(rate.allow(260)).toBe(false);
  });
});
