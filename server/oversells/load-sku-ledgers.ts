import "server-only";
import type pg from "pg";
import type { ChainEvent, ChainLocation } from "@/lib/oversells/oversell-chain";
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
  const ids = [...new Set(skuIds)];
  const read = (part: readonly number[]) => db.query<LedgerRow & { received_at: Date; channel: string | null }>(SQL, [part, until]);
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += batch) batches.push(ids.slice(i, i + batch));
  let next = batches.length > 0 ? read(batches[0]) : null;
  for (let b = 0; b < batches.length; b++) {
    const r = await next!;
    // A failed read of the next batch is awaited (and thrown) in its turn, never left unhandled.
    next = b + 1 < batches.length ? read(batches[b + 1]) : null;
    next?.catch(() => {});
    const bySku = new Map<number, ChainEvent[]>(batches[b].map((id) => [id, []]));
    for (const row of r.rows) bySku.get(row.sku_id)?.push({ ...ledgerRowToEvent(row), receivedAt: row.received_at.getTime(), channel: row.channel });
    for (const [id, events] of bySku) each(id, events);
  }
}

/** Every location as the fold needs it (ids as strings, as ledgerRowToEvent names them). */
export async function loadChainLocations(db: pg.Pool): Promise<ChainLocation[]> {
  const r = await db.query<{ id: number; sellable: boolean; trusted_sources: string[] }>("SELECT id, sellable, trusted_sources FROM location ORDER BY id");
  return r.rows.map((l) => ({ id: String(l.id), sellable: l.sellable, trusted: l.trusted_sources }));
}
