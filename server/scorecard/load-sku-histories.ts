import "server-only";
import type pg from "pg";
import type { LocationInfo } from "@/lib/scorecard/available-history";
import type { StockEvent } from "@/lib/quantity/types";
import { forEachSkuBatch } from "@/server/db/for-each-sku-batch";
import { LEDGER_COLUMNS, ledgerRowToEvent, type LedgerRow } from "@/server/projection/level-rows";

const BATCH = 200;

export async function loadLocations(pool: pg.Pool): Promise<LocationInfo[]> {
  const r = await pool.query<{ id: number; sellable: boolean; trusted_sources: string[] }>("SELECT id, sellable, trusted_sources FROM location");
  return r.rows.map((x) => ({ id: String(x.id), sellable: x.sellable, trusted: x.trusted_sources }));
}

/** Every SKU (id, code), or the given ones, by code. */
export async function loadSkus(pool: pg.Pool, skuIds: readonly number[] | null): Promise<{ id: number; code: string }[]> {
  const r = await pool.query<{ id: number; code: string }>("SELECT id, code FROM sku WHERE ($1::int[] IS NULL OR id = ANY($1::int[])) ORDER BY code", [skuIds]);
  return r.rows;
}

/**
 * Each SKU's ledger up to `until` (every location, by occurredAt), a batch of SKUs per query so
 * memory stays bounded by the batch's history, handed to `each` one SKU at a time. The next batch
 * is read while this one is handed over, so Postgres and the replay overlap. Deliveries, ASNs and
 * POs are left out: they move no bucket that available real is made of (docs/QUANTITY-MODEL.md §4).
 */
export async function forEachSkuHistory(
  pool: pg.Pool,
  skuIds: readonly number[],
  until: Date,
  each: (skuId: number, events: StockEvent[]) => void,
  batch = BATCH,
  since?: (skuId: number) => Date | null,
): Promise<void> {
  // With `since`: each SKU's events from its own instant on (a fold resumed from a kept state, sku-folds.ts).
  const read = (batch: readonly number[]) =>
    since
      ? pool.query<LedgerRow>(
          // One index range per SKU: a plain join (or a LATERAL the planner pulls up into one; OFFSET 0
          // keeps it apart) hashes the SKUs and scans the whole ledger for every batch.
          `SELECT ${LEDGER_COLUMNS} FROM unnest($1::int[], $3::timestamptz[]) AS u(sku_id, since)
            CROSS JOIN LATERAL (SELECT * FROM event e WHERE e.sku_id = u.sku_id AND e.occurred_at >= coalesce(u.since, '-infinity'::timestamptz) AND e.occurred_at < $2
                                   AND e.type NOT IN ('order.delivered', 'asn', 'po') OFFSET 0) e`,
          [batch, until, batch.map(since)],
        )
      : pool.query<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM event e WHERE e.sku_id = ANY($1::int[]) AND e.occurred_at < $2 AND e.type NOT IN ('order.delivered', 'asn', 'po')`, [batch, until]);
  await forEachSkuBatch(skuIds, batch, read, ledgerRowToEvent, each);
}
