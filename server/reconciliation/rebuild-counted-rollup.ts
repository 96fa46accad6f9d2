import "server-only";
import type pg from "pg";

/** counted_rollup made again from the counted lines themselves, whatever increments it received before (docs/RECONCILIATION.md#numbers). */
export async function rebuildCountedRollup(db: pg.Pool | pg.PoolClient): Promise<void> {
  await db.query("DELETE FROM counted_rollup");
  await db.query(
    `INSERT INTO counted_rollup (day, location_id, bucket, lines, net, absolute, system, accurate, valued, value_cents)
     SELECT (occurred_at AT TIME ZONE 'UTC')::date, location_id, bucket, count(*), sum(variance), sum(abs(variance)), sum(system),
            count(*) FILTER (WHERE variance = 0), count(unit_cost_cents), coalesce(sum(abs(variance)::bigint * unit_cost_cents), 0)
       FROM counted_line GROUP BY 1, 2, 3`,
  );
}
