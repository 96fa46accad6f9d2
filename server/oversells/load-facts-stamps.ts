import "server-only";
import type pg from "pg";
import type { SkuStamp } from "@/lib/oversells/kept-line-facts";

// The history epoch and cut (one row) and the SKUs' stamps, in one read: at least the epoch's row comes back.
const SQL = `SELECT e.epoch::text AS epoch, e.cut, s.sku_id, s.events::float8 AS events, s.high_water, s.late::float8 AS late
  FROM (VALUES (1)) one(id) LEFT JOIN scorecard_history_epoch e ON e.id = one.id
  LEFT JOIN scorecard_sku_events s ON s.sku_id = ANY($1::int[])`;

/**
 * What kept oversell facts are checked against (docs/OVERSELLS.md, "Kept facts"): the history epoch
 * and cut (epoch ms, null: nothing pruned) and each SKU's stamp (a SKU not drained yet has none). Read before the data the facts are computed
 * from, so an event committed in between makes the next call recompute, never the reverse.
 */
export async function loadFactsStamps(db: pg.Pool, skuIds: readonly number[]): Promise<{ epoch: string | null; cut: number | null; stamps: Map<number, SkuStamp> }> {
  const r = await db.query<{ epoch: string | null; cut: Date | null; sku_id: number | null; events: number; high_water: Date; late: number }>(SQL, [skuIds]);
  const stamps = new Map<number, SkuStamp>();
  for (const x of r.rows) if (x.sku_id !== null) stamps.set(x.sku_id, { events: x.events, highWater: x.high_water.getTime(), late: x.late });
  return { epoch: r.rows[0]?.epoch ?? null, cut: r.rows[0]?.cut?.getTime() ?? null, stamps };
}
