import "server-only";
import type pg from "pg";
import { velocityRate } from "@/lib/metrics/velocity";
import { loadPublishInputs } from "@/server/publishing/load-publish-inputs";
import { loadAllocationContext, publishedFor, type PublishedWithPause } from "./load-allocation-context";

/** GET /api/skus/<code>/published: every channel's number with its whole breakdown (DESIGN §5), or null for an unknown SKU. */
export async function getPublishedExplanation(pool: pg.Pool, code: string): Promise<{ sku: string; channels: PublishedWithPause[] } | null> {
  const id = (await pool.query<{ id: number }>("SELECT id FROM sku WHERE code = $1", [code])).rows[0]?.id;
  if (id === undefined) return null;
  const [[s], ctx] = await Promise.all([loadPublishInputs(pool, [id]), loadAllocationContext(pool)]);
  return { sku: code, channels: publishedFor(ctx, s, s.availableReal, velocityRate({ units24h: s.units24h, units7d: s.units7d })) };
}
