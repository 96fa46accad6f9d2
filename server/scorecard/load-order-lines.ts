import "server-only";
import type pg from "pg";
import type { OrderLineEvent } from "@/lib/scorecard/figures";

/**
 * The events of every order line (orderId, SKU) shipped or delivered in [from, to): its placements
 * (promise, channel), reallocations, shipments and deliveries, whenever they occurred.
 */
export async function loadOrderLines(pool: pg.Pool, from: Date, to: Date, skuIds: readonly number[] | null): Promise<OrderLineEvent[]> {
  const r = await pool.query<{ type: string; order_id: string; sku: string; channel: string | null; occurred_at: Date; promised_at: Date | null }>(
    `WITH lines AS (
       SELECT DISTINCT order_id, sku_id FROM event
        WHERE type IN ('order.shipped', 'order.delivered') AND order_id IS NOT NULL AND occurred_at >= $1 AND occurred_at < $2
          AND ($3::int[] IS NULL OR sku_id = ANY($3::int[])))
     SELECT e.type, e.order_id, s.code AS sku, c.code AS channel, e.occurred_at, e.promised_at
       FROM lines l JOIN event e ON e.order_id = l.order_id AND e.sku_id = l.sku_id
       JOIN sku s ON s.id = e.sku_id LEFT JOIN channel c ON c.id = e.channel_id
      WHERE e.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered')`,
    [from, to, skuIds],
  );
  return r.rows.map((x) => ({
    type: x.type,
    orderId: x.order_id,
    sku: x.sku,
    channel: x.channel,
    occurredAt: x.occurred_at.getTime(),
    promisedAt: x.promised_at?.getTime() ?? null,
  }));
}
