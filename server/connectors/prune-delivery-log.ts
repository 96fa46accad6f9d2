import "server-only";
import type pg from "pg";

const BATCH = 10_000;

// Fixed table and column names (never input), one DELETE shape for each.
const LOGS = [
  { table: "webhook_delivery", key: "id", at: "received_at", minDays: 1 },
  { table: "provider_notification", key: "ctid", at: "received_at", minDays: 1 },
  // Acknowledged pushes: the end-to-end lag's 7-day window needs a week of them.
  { table: "outbound_ack", key: "id", at: "acked_at", minDays: 8 },
] as const;

/**
 * The delivery log, MercadoLibre's notification ids and the acknowledged pushes are operational
 * records (health, security, dedupe of redeliveries that come within hours, lag), not the system
 * of record — the ledger is. Keep `days` of them, deleting in small batches so a large backlog
 * never holds long locks.
 */
export async function pruneDeliveryLog(pool: pg.Pool, days: number): Promise<number> {
  let removed = 0;
  for (const { table, key, at, minDays } of LOGS) {
    for (;;) {
      const r = await pool.query(
        `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${at} < now() - make_interval(days => $1) LIMIT ${BATCH})`,
        [Math.max(days, minDays)],
      );
      removed += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < BATCH) break;
    }
  }
  return removed;
}
