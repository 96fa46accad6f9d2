import "server-only";
import type pg from "pg";
import { startBackgroundDrain } from "@/server/jobs/start-background-drain";
import { loggerFor } from "@/server/log/logger";

/**
 * Recomputes the stock list's sort keys of the SKUs that writers queued, and moves their sales window
 * on the first call of a new hour (onepool_sku_sort_drain, migration sku_sort_key_queue;
 * docs/PERFORMANCE.md#stock-list). A numeric sort's page calls it first, so the page reflects every
 * batch committed before it; the background drain keeps the queue short. Returns the SKUs recomputed.
 */
export async function drainSortKeys(db: pg.Pool | pg.PoolClient): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT onepool_sku_sort_drain() AS n");
  return r.rows[0].n;
}

/** Every second, on every instance (the drain takes its own lock; a second one finds the queue empty). */
export function startSortKeyDrainer(pool: pg.Pool, intervalMs = 1000): { stop(): Promise<void> } {
  return startBackgroundDrain(() => drainSortKeys(pool), { intervalMs, log: loggerFor("stock-list"), failure: "recomputing the stock list's sort keys failed" });
}
