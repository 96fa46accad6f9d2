import "server-only";
import type pg from "pg";

export interface OrderUnitsRow {
  /** 1-based index into the weeks whose edges were given. */
  week: number;
  channel: string | null;
  type: "order.placed" | "order.cancelled";
  reason: string | null;
  units: number;
}

/**
 * Σ quantity of order.placed / order.cancelled per week (edges: the 13 instants bounding 12 weeks),
 * channel, type and reason, by occurredAt. Aggregated in Postgres: a week of orders is a few rows here.
 */
export async function sumOrderUnits(pool: pg.Pool, edges: readonly Date[], skuIds: readonly number[] | null): Promise<OrderUnitsRow[]> {
  const r = await pool.query<{ w: number; channel: string | null; type: OrderUnitsRow["type"]; reason: string | null; units: string }>(
    `SELECT width_bucket(e.occurred_at, $1::timestamptz[]) AS w, c.code AS channel, e.type, e.reason, sum(e.quantity) AS units
       FROM event e LEFT JOIN channel c ON c.id = e.channel_id
      WHERE e.type IN ('order.placed', 'order.cancelled') AND e.occurred_at >= $2 AND e.occurred_at < $3
        AND ($4::int[] IS NULL OR e.sku_id = ANY($4::int[]))
      GROUP BY 1, 2, 3, 4`,
    [edges, edges[0], edges[edges.length - 1], skuIds],
  );
  return r.rows.map((x) => ({ week: x.w, channel: x.channel, type: x.type, reason: x.reason, units: Number(x.units) }));
}
