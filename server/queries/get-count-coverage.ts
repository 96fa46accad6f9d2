import "server-only";
import type pg from "pg";
import { AGING_BUCKETS, type AgingBucket } from "@/lib/reconciliation/aging";

export type CoverageLocation = { location: string; rows: number; buckets: Record<AgingBucket, number> };
export type DueRow = { sku: string; skuName: string; location: string; onHand: number; lastCountedAt: string | null; ageDays: number | null; value: number | null };

// Age in whole days of a row's last counted line now (stock_level.last_count_at: the latest trusted count).
const AGE = "floor(extract(epoch FROM ($1::timestamptz - sl.last_count_at)) / 86400)::int";
const BUCKET = `CASE WHEN sl.last_count_at IS NULL THEN '>90' WHEN ${AGE} <= 7 THEN '0-7' WHEN ${AGE} <= 30 THEN '8-30' WHEN ${AGE} <= 90 THEN '31-90' ELSE '>90' END`;

/** docs/RECONCILIATION.md#numbers count coverage: rows with on_hand > 0 by the age of their last count, and the due list. */
export async function getCountCoverage(pool: pg.Pool, q: { locationId: number | null; limit: number; now?: number }): Promise<{ locations: CoverageLocation[]; due: DueRow[] }> {
  const now = new Date(q.now ?? Date.now());
  const [buckets, due] = await Promise.all([
    pool.query<{ location: string; bucket: AgingBucket; n: number }>(
      `SELECT l.code AS location, ${BUCKET} AS bucket, count(*)::int AS n
         FROM stock_level sl JOIN location l ON l.id = sl.location_id
        WHERE sl.on_hand > 0 AND ($2::int IS NULL OR sl.location_id = $2)
        GROUP BY 1, 2`,
      [now, q.locationId],
    ),
    pool.query<{ sku: string; sku_name: string; location: string; on_hand: number; last_count_at: Date | null; age: number | null; value: string | null }>(
      `SELECT s.code AS sku, s.name AS sku_name, l.code AS location, sl.on_hand, sl.last_count_at, ${AGE} AS age, sl.on_hand * s.unit_cost AS value
         FROM stock_level sl JOIN location l ON l.id = sl.location_id JOIN sku s ON s.id = sl.sku_id
        WHERE sl.on_hand > 0 AND ($2::int IS NULL OR sl.location_id = $2)
        ORDER BY sl.last_count_at ASC NULLS FIRST, sl.on_hand * s.unit_cost DESC NULLS LAST, s.code, l.code
        LIMIT $3`,
      [now, q.locationId, q.limit],
    ),
  ]);
  const locs = await pool.query<{ code: string }>("SELECT code FROM location WHERE ($1::int IS NULL OR id = $1) ORDER BY code", [q.locationId]);
  const byLoc = new Map<string, CoverageLocation>(
    locs.rows.map((l) => [l.code, { location: l.code, rows: 0, buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number> }]),
  );
  for (const r of buckets.rows) {
    const c = byLoc.get(r.location);
    if (!c) continue;
    c.rows += r.n;
    c.buckets[r.bucket] += r.n;
  }
  return {
    locations: [...byLoc.values()],
    due: due.rows.map((r) => ({
      sku: r.sku,
      skuName: r.sku_name,
      location: r.location,
      onHand: r.on_hand,
      lastCountedAt: r.last_count_at?.toISOString() ?? null,
      ageDays: r.age,
      value: r.value === null ? null : Number(r.value),
    })),
  };
}
