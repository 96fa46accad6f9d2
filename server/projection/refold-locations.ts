import "server-only";
import { inTransaction } from "@/server/db/in-transaction";
import type pg from "pg";
import { syncCountFacts } from "@/server/reconciliation/sync-count-facts";
import { refoldFromLedger, updateLevels, upsertEffects } from "@/server/projection/fold-into-projection";

/**
 * Refold every level at these locations from the ledger with their current trusted sources (a
 * change of trust changes which absolutes count). Locks the rows in key order, like ingest, so
 * batches committing meanwhile are either inside the ledger read or wait. Returns the SKU ids.
 */
export async function refoldLocations(pool: pg.Pool, locationIds: readonly number[]): Promise<number[]> {
  if (locationIds.length === 0) return [];
  return inTransaction(pool, async (client) => {
    const trust = new Map(
      (await client.query<{ id: number; trusted_sources: string[] }>("SELECT id, trusted_sources FROM location WHERE id = ANY($1::int[])", [locationIds])).rows.map((r) => [
        r.id,
        r.trusted_sources ?? [],
      ]),
    );
    const keys = (
      await client.query<{ sku_id: number; location_id: number }>("SELECT sku_id, location_id FROM stock_level WHERE location_id = ANY($1::int[]) ORDER BY sku_id, location_id FOR UPDATE", [
        locationIds,
      ])
    ).rows.map((r) => ({ skuId: r.sku_id, locationId: r.location_id }));
    const { updates, effects } = await refoldFromLedger(client, keys, (id) => trust.get(id) ?? []);
    await updateLevels(client, updates);
    await upsertEffects(client, effects);
    // Trust decides what is a counted line and what is drift.
    await syncCountFacts(client, keys);
    return [...new Set(keys.map((k) => k.skuId))];
  });
}
