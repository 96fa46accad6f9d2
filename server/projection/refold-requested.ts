import "server-only";
import type pg from "pg";
import { refoldLocations } from "./refold-locations";

/**
 * Refold the locations a migration asked for (table refold_request): a change of the fold's rules
 * — e.g. `onepool-counts` becoming trusted everywhere — changes numbers already stored. Run at
 * start-up before ingest opens; refolding is idempotent, so two instances racing, or a crash before
 * the delete, only repeat the work.
 */
export async function refoldRequested(pool: pg.Pool, log: (m: string) => void): Promise<number[]> {
  const asked = await pool.query<{ location_id: number; reason: string; requested_at: Date }>("SELECT location_id, reason, requested_at FROM refold_request ORDER BY location_id");
  if (asked.rows.length === 0) return [];
  const ids = asked.rows.map((r) => r.location_id);
  const skus = await refoldLocations(pool, ids);
  // Only the requests read above: one filed meanwhile (a newer requested_at) waits for the next start.
  for (const r of asked.rows) {
    await pool.query("DELETE FROM refold_request WHERE location_id = $1 AND requested_at = $2", [r.location_id, r.requested_at]);
  }
  log(`Refolded ${ids.length} location(s) from the ledger (${[...new Set(asked.rows.map((r) => r.reason))].join("; ")}): ${skus.length} SKU(s)`);
  return ids;
}
