import "server-only";
import type pg from "pg";

/** Channels and locations by code, for pickers (`GET /api/catalog`). SKUs are paged by /api/skus. */
export async function getCatalogCodes(pool: pg.Pool) {
  const [channels, locations] = await Promise.all([
    pool.query<{ code: string; name: string; kind: string }>("SELECT code, name, kind FROM channel ORDER BY code"),
    pool.query<{ code: string; name: string; type: string; sellable: boolean }>("SELECT code, name, type, sellable FROM location ORDER BY code"),
  ]);
  return { channels: channels.rows, locations: locations.rows };
}
