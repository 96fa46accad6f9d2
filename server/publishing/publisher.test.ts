import type pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { manualClock } from "@/lib/time/clock";
import { Publisher } from "./publisher";

/** Answers loadAllocationContext's queries: one channel, no rules, the given live pauses; counts the loads. */
function fakePool(pauses: { id: number; until: Date | null }[] = []) {
  const seen = { loads: 0 };
  const pool = {
    query: async (sql: string) => {
      if (sql.includes("FROM channel ORDER BY code")) {
        seen.loads++;
        return { rows: [{ id: 1, code: "web", name: "Web", kind: "storefront", latency_minutes: null }] };
      }
      if (sql.includes("FROM pause p")) return { rows: pauses.map((p) => ({ ...p, channel: "web", sku: null, reason: "test", created_by: "test" })) };
      return { rows: [] };
    },
  } as unknown as pg.Pool;
  return { pool, seen };
}

afterEach(() => vi.restoreAllMocks());

describe("Publisher's clock", () => {
  it("reuses the allocation context for a second, then reloads it", async () => {
    const clock = manualClock();
    const { pool, seen } = fakePool();
    const publisher = new Publisher(pool, () => {}, undefined, clock);
    const first = await publisher.context();
    clock.advance(1000);
    expect(await publisher.context()).toBe(first);
    expect(seen.loads).toBe(1);
    clock.advance(1);
    expect(await publisher.context()).not.toBe(first);
    expect(seen.loads).toBe(2);
    await publisher.close();
  });

  it("sets the pause-end timer from the clock's now to the pause's until", async () => {
    const clock = manualClock();
    const until = new Date(clock.now() + 5000);
    const { pool } = fakePool([{ id: 7, until }]);
    const timeouts = vi.spyOn(globalThis, "setTimeout");
    const publisher = new Publisher(pool, () => {}, undefined, clock);
    await publisher.context();
    // 20 ms after the pause's end, measured on the injected clock (not the wall clock).
    expect(timeouts.mock.calls.map((c) => c[1])).toContain(5020);
    await publisher.close();
  });
});
