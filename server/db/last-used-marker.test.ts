import type pg from "pg";
import { describe, expect, it } from "vitest";
import { manualClock } from "@/lib/time/clock";
import { LastUsedMarker } from "./last-used-marker";

function fakePool() {
  const calls: unknown[][] = [];
  const pool = { query: async (...args: unknown[]) => (calls.push(args), { rows: [], rowCount: 1 }) } as unknown as pg.Pool;
  return { pool, calls };
}

describe("LastUsedMarker", () => {
  it("writes each id at most once a minute, again once the minute has passed", () => {
    const clock = manualClock();
    const { pool, calls } = fakePool();
    const marker = new LastUsedMarker(pool, "UPDATE t SET last_used_at = now() WHERE id = $1", clock);
    marker.mark("a");
    marker.mark("a");
    clock.advance(59_999);
    marker.mark("a");
    expect(calls).toEqual([["UPDATE t SET last_used_at = now() WHERE id = $1", ["a"]]]);
    marker.mark("b");
    expect(calls).toHaveLength(2);
    clock.advance(1);
    marker.mark("a");
    expect(calls.map((c) => (c[1] as string[])[0])).toEqual(["a", "b", "a"]);
  });
});
