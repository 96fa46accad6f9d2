import type pg from "pg";
import { describe, expect, it } from "vitest";
import { manualClock } from "@/lib/time/clock";
import { CatalogCache } from "./catalog-cache";

describe("CatalogCache.refreshOnMiss", () => {
  it("reloads on a miss at most once a second", async () => {
    const clock = manualClock();
    let loads = 0;
    const pool = {
      query: async (sql: string) => {
        if (sql.includes("FROM sku")) loads++;
        return { rows: sql.includes("FROM sku") ? [{ id: loads, code: "SKU-1", tags: null, lead_time_days: 7 }] : [] };
      },
    } as unknown as pg.Pool;
    const cache = new CatalogCache(pool, clock);
    await cache.reload();
    expect(loads).toBe(1);
    await cache.refreshOnMiss();
    clock.advance(999);
    await cache.refreshOnMiss();
    expect(loads).toBe(1);
    clock.advance(1);
    await cache.refreshOnMiss();
    expect(loads).toBe(2);
    expect(cache.skus.get("SKU-1")?.id).toBe(2);
  });
});
