import "server-only";
import type pg from "pg";

/**
 * Queue the current published number of every listed SKU of a channel (or of the given listed
 * pairs): what a newly registered connector, or a new listing, is told first. Returns how many
 * pushes were queued.
 *
 * Re-telling a number is not a change, so it has no end-to-end lag: a new or delivered row goes out
 * with `first_occurred_at` null and its ack measures nothing. (Dating it from the last change the
 * channel already acknowledged counted the downtime before a restart as push lag for a day.) A
 * pending row keeps the time of the real change it still carries; one in flight is left alone, its
 * number is already on its way and a newer one would be queued by the publisher.
 */
export async function enqueueCurrentNumbers(db: pg.Pool | pg.PoolClient, scope: { channelId: number } | { pairs: { channelId: number; skuId: number }[] }): Promise<number> {
  const pairs = "pairs" in scope ? scope.pairs : null;
  if (pairs?.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO outbound_push AS o (channel_id, sku_id, quantity, state, next_attempt_at, first_occurred_at, last_occurred_at)
     SELECT pq.channel_id, pq.sku_id, pq.quantity, 'pending', now(), NULL, now()
       FROM published_quantity pq JOIN channel_outbound co ON co.channel_id = pq.channel_id
      WHERE ($1::int IS NULL OR pq.channel_id = $1)
        AND ($2::int[] IS NULL OR (pq.channel_id, pq.sku_id) IN (SELECT * FROM unnest($2::int[], $3::int[])))
        AND EXISTS (SELECT 1 FROM listing l WHERE l.channel_id = pq.channel_id AND l.sku_id = pq.sku_id)
      ORDER BY pq.channel_id, pq.sku_id
     ON CONFLICT (channel_id, sku_id) DO UPDATE SET
       quantity = EXCLUDED.quantity, sequence = GREATEST(o.sequence + 1, EXCLUDED.sequence), state = 'pending', attempts = 0,
       next_attempt_at = now(),
       first_occurred_at = CASE WHEN o.state = 'delivered' THEN NULL ELSE o.first_occurred_at END
     WHERE o.state = 'delivered' OR o.claimed_until IS NULL OR o.claimed_until <= now()`,
    ["channelId" in scope ? scope.channelId : null, pairs?.map((p) => p.channelId) ?? null, pairs?.map((p) => p.skuId) ?? null],
  );
  return r.rowCount ?? 0;
}
