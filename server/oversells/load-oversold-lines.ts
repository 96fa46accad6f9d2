import "server-only";
import type pg from "pg";

export interface OversoldLineRow {
  /** The order.cancelled's ledger seq: the line's key (its kept facts, docs/OVERSELLS.md). */
  seq: string;
  order_id: string | null;
  sku_id: number;
  sku: string;
  quantity: number;
  cancelled_at: Date;
  placed_source: string | null;
  placed_event_id: string | null;
  placed_at: Date | null;
  channel_id: number | null;
  channel: string | null;
}

// The order line is (orderId, SKU): its order.placed is the latest one at or before the
// cancellation (found through the SKU's index). Its channel is the placing event's, else the
// cancellation's.
const SQL = `SELECT c.seq::text AS seq, c.order_id, c.sku_id, s.code AS sku, c.quantity, c.occurred_at AS cancelled_at,
       p.source AS placed_source, p.event_id AS placed_event_id, p.occurred_at AS placed_at,
       ch.id AS channel_id, ch.code AS channel
  FROM event c
  JOIN sku s ON s.id = c.sku_id
  LEFT JOIN LATERAL (
    SELECT p.source, p.event_id, p.occurred_at, p.channel_id FROM event p
     WHERE p.sku_id = c.sku_id AND p.type = 'order.placed' AND p.order_id = c.order_id AND p.occurred_at <= c.occurred_at
     ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1) p ON true
  LEFT JOIN channel ch ON ch.id = COALESCE(p.channel_id, c.channel_id)
 WHERE c.type = 'order.cancelled' AND c.reason = 'oversold' AND c.occurred_at >= $1 AND c.occurred_at < $2
   AND c.sku_id = ANY($3::int[]) AND ($4::text IS NULL OR ch.code = $4)
 ORDER BY c.occurred_at, c.seq`;

/** The oversold cancellations (docs/OVERSELLS.md) of these SKUs whose occurredAt is in [from, to), optionally of one channel, with their placing, oldest first. */
export async function loadOversoldLines(db: pg.Pool, from: Date, to: Date, skuIds: readonly number[], channel: string | null): Promise<OversoldLineRow[]> {
  return (await db.query<OversoldLineRow>(SQL, [from, to, skuIds, channel])).rows;
}
