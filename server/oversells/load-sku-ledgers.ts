import "server-only";
import type pg from "pg";
import type { ChainEvent, ChainLocation } from "@/lib/oversells/oversell-chain";
import { forEachSkuBatch } from "@/server/db/for-each-sku-batch";
import { LEDGER_COLUMNS, ledgerRowToEvent, type LedgerRow } from "@/server/projection/level-rows";

/** SKUs per query: memory holds two batches' ledgers (the one computed, the next being read), not every SKU's. */
const BATCH = 50;

// The events of the SKUs that occurred by `until`, with when each arrived and on which channel.
// Deliveries, ASNs and POs are left out: they move no bucket of available, are no correction, no
// order and no stock-moving event for the ingest lag (docs/OVERSELLS.md), so no fact changes.
const SQL = `SELECT ${LEDGER_COLUMNS}, e.received_at, ch.code AS channel
  FROM event e LEFT JOIN channel ch ON ch.id = e.channel_id
 WHERE e.sku_id = ANY($1::int[]) AND e.occurred_at <= $2 AND e.type NOT IN ('order.delivered', 'asn', 'po')`;

/**
 * Each SKU's ledger up to `until` as the chain's events, handed to `each` one SKU at a time, a batch
 * of SKUs per query; the next batch is read while this one is handed over (as forEachSkuHistory).
 */
export async function forEachSkuLedger(db: pg.Pool, skuIds: readonly number[], until: Date, each: (skuId: number, events: ChainEvent[]) => void, batch = BATCH): Promise<void> {
  await forEachSkuBatch(
    [...new Set(skuIds)],
    batch,
    (part) => db.query<LedgerRow & { received_at: Date; channel: string | null }>(SQL, [part, until]),
    (row): ChainEvent => ({ ...ledgerRowToEvent(row), receivedAt: row.received_at.getTime(), channel: row.channel }),
    each,
  );
}

/** Every location as the fold needs it (ids as strings, as ledgerRowToEvent names them). */
export async function loadChainLocations(db: pg.Pool): Promise<ChainLocation[]> {
  const r = await db.query<{ id: number; sellable: boolean; trusted_sources: string[] }>("SELECT id, sellable, trusted_sources FROM location ORDER BY id");
  return r.rows.map((l) => ({ id: String(l.id), sellable: l.sellable, trusted: l.trusted_sources }));
}
