import "server-only";
import type pg from "pg";

const BATCH = 10_000;

// A row older than the cutoff goes when a newer row of its (SKU, channel), also older than the
// cutoff, exists: the number in force at the cutoff stays, so "what was published at t" is still
// answered for every t inside the window, also for numbers that have not changed in years.
const DELETE = `DELETE FROM published_history WHERE id IN (
  SELECT h.id FROM published_history h
   WHERE h.at < now() - make_interval(days => $1)
     AND EXISTS (SELECT 1 FROM published_history n
                  WHERE n.sku_id = h.sku_id AND n.channel_id = h.channel_id
                    AND n.at < now() - make_interval(days => $1) AND (n.at, n.id) > (h.at, h.id))
   LIMIT ${BATCH})`;

/**
 * Keep `days` of published-number history (ONEPOOL_HISTORY_RETENTION_DAYS), deleting in small
 * batches so a large backlog never holds long locks. Returns the rows removed.
 */
export async function prunePublishedHistory(pool: pg.Pool, days: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const r = await pool.query(DELETE, [days]);
    removed += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < BATCH) return removed;
  }
}
