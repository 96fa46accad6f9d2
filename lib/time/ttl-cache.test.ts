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

describe("TtlCache.getOrLoad", () => {
  /** A load whose answer the test gives; counts how many were started. */
  function loads<V>() {
    const started: { key: string; answer: (v: V) => void; fail: (e: Error) => void }[] = [];
    const load = (key: string) => new Promise<V>((answer, fail) => started.push({ key, answer, fail }));
    return { started, load };
  }

  it("callers that miss while the key loads wait for that one load, and the value is cached", async () => {
    const cache = new TtlCache<string, number>(1000, manualClock());
    const l = loads<number>();
    const waiting = [cache.getOrLoad("a", l.load), cache.getOrLoad("a", l.load), cache.getOrLoad("a", l.load)];
    const other = cache.getOrLoad("b", l.load);
    expect(l.started.map((s) => s.key)).toEqual(["a", "b"]);
    l.started[0].answer(7);
    l.started[1].answer(8);
    expect(await Promise.all(waiting)).toEqual([7, 7, 7]);
    expect(await other).toBe(8);
    expect(await cache.getOrLoad("a", l.load)).toBe(7);
    expect(l.started).toHaveLength(2);
  });

  it("loads again once the entry is older than the ttl", async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, clock);
    let n = 0;
    const load = async () => ++n;
    expect(await cache.getOrLoad("a", load)).toBe(1);
    clock.advance(1000);
    expect(await cache.getOrLoad("a", load)).toBe(1);
    clock.advance(1);
    expect(await cache.getOrLoad("a", load)).toBe(2);
  });

  it("a load overtaken by delete or clear answers its callers but is not cached, and a new load starts", async () => {
    for (const forget of [(c: TtlCache<string, string>) => c.delete("a"), (c: TtlCache<string, string>) => c.clear()]) {
      const cache = new TtlCache<string, string>(1000, manualClock());
      const l = loads<string>();
      const early = cache.getOrLoad("a", l.load);
      forget(cache);
      const fresh = cache.getOrLoad("a", l.load);
      expect(l.started).toHaveLength(2);
      l.started[1].answer("after");
      expect(await fresh).toBe("after");
      l.started[0].answer("before"); // the early read answers last
      expect(await early).toBe("before");
      expect(cache.get("a")).toBe("after");
    }
  });

  it("a failed load is not cached: its callers see the error and the next call loads again", async () => {
    const cache = new TtlCache<string, number>(1000, manualClock());
    const l = loads<number>();
    const first = cache.getOrLoad("a", l.load);
    const second = cache.getOrLoad("a", l.load);
    l.started[0].fail(new Error("database away"));
    await expect(first).rejects.toThrow("database away");
    await expect(second).rejects.toThrow("database away");
    const again = cache.getOrLoad("a", l.load);
    expect(l.started).toHaveLength(2);
    l.started[1].answer(3);
    expect(await again).toBe(3);
  });
});
