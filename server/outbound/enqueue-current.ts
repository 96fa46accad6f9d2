import "server-only";
import type pg from "pg";

/**
 * Queue the current published number of every listed SKU of a channel (or of the given listed
 * pairs): what a newly registered connector, or a new listing, is told first. Coalesces with
 * whatever is already queued for those rows. Returns how many pushes were queued.
 */
export async function enqueueCurrentNumbers(db: pg.Pool | pg.PoolClient, scope: { channelId: number } | { pairs: { channelId: number; skuId: number }[] }): Promise<number> {
  const pairs = "pairs" in scope ? scope.pairs : null;
  if (pairs?.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO outbound_push AS o (channel_id, sku_id, quantity, state, next_attempt_at, first_occurred_at, last_occurred_at)
     SELECT pq.channel_id, pq.sku_id, pq.quantity, 'pending', now(), now(), now()
       FROM published_quantity pq JOIN channel_outbound co ON co.channel_id = pq.channel_id
      WHERE ($1::int IS NULL OR pq.channel_id = $1)
        AND ($2::int[] IS NULL OR (pq.channel_id, pq.sku_id) IN (SELECT * FROM unnest($2::int[], $3::int[])))
        AND EXISTS (SELECT 1 FROM listing l WHERE l.channel_id = pq.channel_id AND l.sku_id = pq.sku_id)
      ORDER BY pq.channel_id, pq.sku_id
     ON CONFLICT (channel_id, sku_id) DO UPDATE SET
       quantity = EXCLUDED.quantity, sequence = GREATEST(o.sequence + 1, EXCLUDED.sequence), state = 'pending', attempts = 0,
       next_attempt_at = now(), first_occurred_at = LEAST(o.first_occurred_at, EXCLUDED.first_occurred_at),
       last_occurred_at = GREATEST(o.last_occurred_at, EXCLUDED.last_occurred_at),
       next_occurred_at = CASE WHEN o.claimed_until > now() THEN LEAST(o.next_occurred_at, EXCLUDED.first_occurred_at) END`,
    ["channelId" in scope ? scope.channelId : null, pairs?.map((p) => p.channelId) ?? null, pairs?.map((p) => p.skuId) ?? null],
  );
  return r.rowCount ?? 0;
}
