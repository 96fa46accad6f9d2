import "server-only";
import type pg from "pg";

const BATCH = 10_000;

// Each history table's time column: a (SKU, channel)'s rows in (time, id) order answer "the number in
// force at t" (load-channel-numbers-at.ts). Fixed names, never input.
const TIME_OF = { published_history: "at", outbound_ack: "acked_at" } as const;

/**
 * Delete the history rows older than `days`, except the newest of each (SKU, channel) before the
 * cutoff: the number still in force then, so "what was published (acknowledged) at t" is answered
 * for every t inside the window, also for numbers that have not changed in years, and each deletion
 * moves only the history's cut, never the epoch (docs/OVERSELLS.md, "Retention" and "Kept facts").
 * In small batches so a large backlog never holds long locks. Returns the rows removed.
 */
export async function pruneKeepingInForce(pool: pg.Pool, table: keyof typeof TIME_OF, days: number): Promise<number> {
  const at = TIME_OF[table];
  const sql = `DELETE FROM ${table} WHERE id IN (
  SELECT h.id FROM ${table} h
   WHERE h.${at} < now() - make_interval(days => $1)
     AND EXISTS (SELECT 1 FROM ${table} n
                  WHERE n.sku_id = h.sku_id AND n.channel_id = h.channel_id
                    AND n.${at} < now() - make_interval(days => $1) AND (n.${at}, n.id) > (h.${at}, h.id))
   LIMIT ${BATCH})`;
  let removed = 0;
  for (;;) {
    const r = await pool.query(sql, [days]);
    removed += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < BATCH) return removed;
  }
}
