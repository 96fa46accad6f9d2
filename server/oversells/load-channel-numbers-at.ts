import "server-only";
import type pg from "pg";

// For each (SKU, channel, t): the last published number with at ≤ t, and the last number the
// channel acknowledged with acked_at ≤ t (both through their (sku/channel, time) indexes).
const SQL = `SELECT k.i,
       (SELECT h.quantity FROM published_history h WHERE h.sku_id = k.sku_id AND h.channel_id = k.channel_id AND h.at <= k.t
         ORDER BY h.at DESC, h.id DESC LIMIT 1) AS published,
       (SELECT a.quantity FROM outbound_ack a WHERE a.channel_id = k.channel_id AND a.sku_id = k.sku_id AND a.acked_at <= k.t
         ORDER BY a.acked_at DESC, a.id DESC LIMIT 1) AS acknowledged
  FROM unnest($1::int[], $2::int[], $3::timestamptz[]) WITH ORDINALITY AS k(sku_id, channel_id, t, i)`;

/** What Onepool had published to, and what the channel had acknowledged for, each (SKU, channel) at its time. */
export async function loadChannelNumbersAt(db: pg.Pool, keys: readonly { skuId: number; channelId: number; at: Date }[]): Promise<{ published: number | null; acknowledged: number | null }[]> {
  if (keys.length === 0) return [];
  const r = await db.query<{ i: string; published: number | null; acknowledged: number | null }>(SQL, [keys.map((k) => k.skuId), keys.map((k) => k.channelId), keys.map((k) => k.at)]);
  const out = keys.map(() => ({ published: null as number | null, acknowledged: null as number | null }));
  for (const row of r.rows) out[Number(row.i) - 1] = { published: row.published, acknowledged: row.acknowledged };
  return out;
}
