import "server-only";
import type pg from "pg";
import type { ChainEvent, ChainLocation } from "@/lib/oversells/oversell-chain";
import { LEDGER_COLUMNS, ledgerRowToEvent, type LedgerRow } from "@/server/projection/level-rows";

// Every event of the SKUs that occurred by `until`, with when it arrived and on which channel.
const SQL = `SELECT ${LEDGER_COLUMNS}, e.received_at, ch.code AS channel
  FROM event e LEFT JOIN channel ch ON ch.id = e.channel_id
 WHERE e.sku_id = ANY($1::int[]) AND e.occurred_at <= $2`;

/** Each SKU's ledger up to `until`, as the chain's events. */
export async function loadSkuLedgers(db: pg.Pool, skuIds: readonly number[], until: Date): Promise<Map<number, ChainEvent[]>> {
  const out = new Map<number, ChainEvent[]>();
  if (skuIds.length === 0) return out;
  const r = await db.query<LedgerRow & { received_at: Date; channel: string | null }>(SQL, [[...new Set(skuIds)], until]);
  for (const row of r.rows) {
    let list = out.get(row.sku_id);
    if (!list) out.set(row.sku_id, (list = []));
    list.push({ ...ledgerRowToEvent(row), receivedAt: row.received_at.getTime(), channel: row.channel });
  }
  return out;
}

/** Every location as the fold needs it (ids as strings, as ledgerRowToEvent names them). */
export async function loadChainLocations(db: pg.Pool): Promise<ChainLocation[]> {
  const r = await db.query<{ id: number; sellable: boolean; trusted_sources: string[] }>("SELECT id, sellable, trusted_sources FROM location ORDER BY id");
  return r.rows.map((l) => ({ id: String(l.id), sellable: l.sellable, trusted: l.trusted_sources }));
}
