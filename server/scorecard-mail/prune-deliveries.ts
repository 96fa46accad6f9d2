import "server-only";
import type pg from "pg";

const BATCH = 10_000;

// By created_at (indexed). A row older than the retention (7 days at least) is of a week before the
// last complete one, the only week the sender still claims, so pruning it never sends a mail again.
const DELETE = `DELETE FROM scorecard_delivery WHERE ctid IN (
  SELECT ctid FROM scorecard_delivery WHERE created_at < now() - make_interval(days => $1) LIMIT ${BATCH})`;

/**
 * Keep `days` of the weekly e-mail's send history (ONEPOOL_HISTORY_RETENTION_DAYS, as the published
 * history), in small batches so a backlog never holds long locks. Returns the rows removed.
 */
export async function pruneScorecardDeliveries(pool: pg.Pool, days: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const r = await pool.query(DELETE, [days]);
    removed += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < BATCH) return removed;
  }
}
