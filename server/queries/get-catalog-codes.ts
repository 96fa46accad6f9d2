import "server-only";
import type pg from "pg";

/** Channels, locations and the SKU tags in use, for pickers (`GET /api/catalog`). SKUs are paged by /api/skus. */
export async function getCatalogCodes(pool: pg.Pool) {
  const [channels, locations, tags] = await Promise.all([
    pool.query<{ code: string; name: string; kind: string; latencyMinutes: number | null }>('SELECT code, name, kind, latency_minutes AS "latencyMinutes" FROM channel ORDER BY code'),
    pool.query<{ code: string; name: string; type: string; sellable: boolean }>("SELECT code, name, type, sellable FROM location ORDER BY code"),
    pool.query<{ tag: string }>("SELECT DISTINCT unnest(tags) AS tag FROM sku ORDER BY tag"),
  ]);
  return { channels: channels.rows, locations: locations.rows, tags: tags.rows.map((t) => t.tag) };
}
