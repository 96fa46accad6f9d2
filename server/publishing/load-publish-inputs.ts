import "server-only";
import type pg from "pg";

/** What a SKU's published numbers depend on besides rules and pauses: available real and sales. */
export interface PublishInput {
  id: number;
  code: string;
  tags: string[];
  availableReal: number;
  units24h: number;
  units7d: number;
}

// Aggregated joins, not a lateral subquery per SKU: a full recompute reads 100,000 SKUs at once.
const SQL = `
  WITH a AS (
    SELECT sl.sku_id, SUM(GREATEST(0, sl.available)) FILTER (WHERE l.sellable) AS available_real
      FROM stock_level sl JOIN location l ON l.id = sl.location_id
     WHERE ($1::int[] IS NULL OR sl.sku_id = ANY($1::int[]))
     GROUP BY sl.sku_id),
  v AS (
    SELECT h.sku_id, SUM(h.units) FILTER (WHERE h.hour >= date_trunc('hour', now()) - interval '23 hours') AS units24h, SUM(h.units) AS units7d
      FROM sales_hourly h
     WHERE h.hour >= date_trunc('hour', now()) - interval '167 hours' AND ($1::int[] IS NULL OR h.sku_id = ANY($1::int[]))
     GROUP BY h.sku_id)
  SELECT s.id, s.code, s.tags, COALESCE(a.available_real, 0)::int AS available_real,
         COALESCE(v.units24h, 0)::int AS units24h, COALESCE(v.units7d, 0)::int AS units7d
    FROM sku s LEFT JOIN a ON a.sku_id = s.id LEFT JOIN v ON v.sku_id = s.id
   WHERE ($1::int[] IS NULL OR s.id = ANY($1::int[]))`;

export async function loadPublishInputs(db: pg.Pool | pg.PoolClient, ids: readonly number[]): Promise<PublishInput[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: number; code: string; tags: string[] | null; available_real: number; units24h: number; units7d: number }>(SQL, [ids]);
  return r.rows.map((x) => ({ id: x.id, code: x.code, tags: x.tags ?? [], availableReal: x.available_real, units24h: x.units24h, units7d: x.units7d }));
}
