import "server-only";
import type pg from "pg";

const BATCH = 10_000;

/**
 * The delivery log and MercadoLibre's notification ids are operational records (health, security,
 * dedupe of redeliveries that come within hours), not the system of record — the ledger is. Keep
 * `days` of them, deleting in small batches so a large backlog never holds long locks.
 */
export async function pruneDeliveryLog(pool: pg.Pool, days: number): Promise<number> {
  let removed = 0;
  for (const table of ["webhook_delivery", "provider_notification"] as const) {
    const key = table === "webhook_delivery" ? "id" : "ctid";
    for (;;) {
      const r = await pool.query(
        `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE received_at < now() - make_interval(days => $1) LIMIT ${BATCH})`,
        [days],
      );
      removed += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < BATCH) break;
    }
  }
  return removed;
}
