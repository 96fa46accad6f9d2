import "server-only";
import type pg from "pg";
import { velocityRate } from "@/lib/metrics/velocity";
import { publishedFor, type AllocationContext } from "@/server/queries/load-allocation-context";
import { loadPublishInputs } from "./load-publish-inputs";

const CHUNK = 5000;

/** Every SKU id, for a full recompute (a rule, pause or catalogue change; the rebuild). */
export async function allSkuIds(db: pg.Pool | pg.PoolClient): Promise<number[]> {
  return (await db.query<{ id: number }>("SELECT id FROM sku ORDER BY id")).rows.map((r) => r.id);
}

/**
 * Compute what every channel may show for these SKUs (DESIGN §5) and store the numbers that
 * changed. Returns the ids of SKUs whose stored numbers changed. Chunked, so a 100,000-SKU
 * recompute holds neither one huge result nor one long transaction.
 */
export async function publishSkus(db: pg.Pool, ctx: AllocationContext, ids: readonly number[]): Promise<number[]> {
  const changed: number[] = [];
  const channelIds = new Map(ctx.channels.map((c) => [c.code, c.id]));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [inputs, stored] = await Promise.all([
      loadPublishInputs(db, chunk),
      db.query<{ sku_id: number; channel_id: number; quantity: number; pause_id: number | null }>(
        "SELECT sku_id, channel_id, quantity, pause_id FROM published_quantity WHERE sku_id = ANY($1::int[])",
        [chunk],
      ),
    ]);
    const before = new Map(stored.rows.map((r) => [`${r.sku_id}:${r.channel_id}`, r]));
    const skuIds: number[] = [], chIds: number[] = [], qty: number[] = [], pauseIds: (number | null)[] = [];
    const changedHere = new Set<number>();
    for (const s of inputs) {
      const v = velocityRate({ units24h: s.units24h, units7d: s.units7d });
      for (const p of publishedFor(ctx, s, s.availableReal, v)) {
        const channelId = channelIds.get(p.channel)!;
        const pauseId = p.pausedBy ? Number(p.pausedBy.id) : null;
        const old = before.get(`${s.id}:${channelId}`);
        if (old && old.quantity === p.published && old.pause_id === pauseId) continue;
        skuIds.push(s.id);
        chIds.push(channelId);
        qty.push(p.published);
        pauseIds.push(pauseId);
        changedHere.add(s.id);
      }
    }
    if (skuIds.length) {
      await db.query(
        `INSERT INTO published_quantity (sku_id, channel_id, quantity, pause_id, updated_at)
         SELECT u.sku_id, u.channel_id, u.quantity, u.pause_id, now() FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS u(sku_id, channel_id, quantity, pause_id)
         ON CONFLICT (sku_id, channel_id) DO UPDATE SET quantity = EXCLUDED.quantity, pause_id = EXCLUDED.pause_id, updated_at = now()`,
        [skuIds, chIds, qty, pauseIds],
      );
    }
    changed.push(...changedHere);
  }
  return changed;
}
