import "server-only";
import type pg from "pg";
import { pruneKeepingInForce } from "./prune-keeping-in-force";

/**
 * Keep `days` of published-number history (ONEPOOL_HISTORY_RETENTION_DAYS) and, of the rows before,
 * the number of each (SKU, channel) still in force at the cutoff. Returns the rows removed.
 */
export async function prunePublishedHistory(pool: pg.Pool, days: number): Promise<number> {
  return pruneKeepingInForce(pool, "published_history", days);
}
