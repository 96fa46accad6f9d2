import { describe, expect, it } from "vitest";
import { manualClock } from "./clock";
import { TtlCache } from "./ttl-cache";

describe("TtlCache", () => {
  it("hits up to ttl after the set and misses after it, as the clock moves", () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number | null>(1000, clock);
    cache.set("a", 1);
    cache.set("unknown", null); // "not found" is cached too
    clock.advance(1000);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("unknown")).toBeNull();
    clock.advance(1);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("unknown")).toBeUndefined();
  });

  it("a new set starts the entry's age again", () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, clock);
    cache.set("a", 1);
    clock.advance(900);
    cache.set("a", 2);
    clock.advance(900);
    expect(cache.get("a")).toBe(2);
  });

  it("forgets an entry or all of them on demand, and starts over past its size", () => {
    const cache = new TtlCache<number, number>(1000, manualClock(), 3);
    for (const k of [1, 2, 3]) cache.set(k, k);
    cache.delete(1);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toBe(2);
    cache.set(4, 4);
    cache.set(5, 5); // the fourth distinct key: over the bound, so the old ones go
    expect([cache.get(2), cache.get(3), cache.get(4), cache.get(5)]).toEqual([undefined, undefined, undefined, 5]);
    cache.clear();
    expect(cache.get(5)).toBeUndefined();
  });
});
