import "server-only";
import type pg from "pg";
import { eventKey, foldLevel } from "@/lib/quantity/fold-level";
import { ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import type { StockEvent } from "@/lib/quantity/types";
import { loadLedgerFor } from "@/server/projection/fold-into-projection";
import { ledgerRowToEvent, levelKey } from "@/server/projection/level-rows";

export interface CountLineKey {
  skuId: number;
  counted: number;
  countedAt: Date;
  /** The ledger id the line's event has (or will have) once approved. */
  eventId: string;
}

/**
 * A count line's `system` exactly as the ledger records it once approved (docs/RECONCILIATION.md#numbers): on_hand in
 * the fold of the events that occurred before `countedAt`, so counting while stock moves is right.
 * Approved lines read the variance the fold stored. Otherwise, when nothing at the (SKU, location)
 * occurred after the line, that is on_hand now (the common case, one row read); else the line is
 * folded into its ledger as the cycle_count it will become, and its variance read off.
 */
export async function systemAtCount(db: pg.Pool | pg.PoolClient, locationId: number, lines: readonly CountLineKey[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (lines.length === 0) return out;
  const r = await db.query<{ sku_id: number; on_hand: number | null; last_event_at: Date | null; variance: number | null; trusted: string[] }>(
    `SELECT u.sku_id, sl.on_hand, sl.last_event_at, ef.amount AS variance, l.trusted_sources AS trusted
       FROM unnest($2::int[], $3::text[]) AS u(sku_id, event_id)
       JOIN location l ON l.id = $1
       LEFT JOIN stock_level sl ON sl.sku_id = u.sku_id AND sl.location_id = $1
       LEFT JOIN event e ON e.source = $4 AND e.event_id = u.event_id
       LEFT JOIN event_effect ef ON ef.seq = e.seq AND ef.kind = 'variance'`,
    [locationId, lines.map((l) => l.skuId), lines.map((l) => l.eventId), ONEPOOL_COUNTS_SOURCE],
  );
  const byId = new Map(r.rows.map((x) => [x.sku_id, x]));
  const toFold: CountLineKey[] = [];
  for (const l of lines) {
    const row = byId.get(l.skuId);
    if (row?.variance != null) out.set(l.skuId, l.counted + row.variance);
    else if (!row?.last_event_at || row.last_event_at.getTime() <= l.countedAt.getTime()) out.set(l.skuId, row?.on_hand ?? 0);
    else toFold.push(l);
  }
  if (toFold.length === 0) return out;
  const trusted = r.rows[0]?.trusted ?? [];
  const ledger = await loadLedgerFor(
    db,
    toFold.map((l) => ({ skuId: l.skuId, locationId })),
  );
  const location = String(locationId);
  for (const l of toFold) {
    const count: StockEvent = {
      source: ONEPOOL_COUNTS_SOURCE,
      id: l.eventId,
      type: "cycle_count",
      sku: String(l.skuId),
      location,
      quantity: l.counted,
      occurredAt: l.countedAt.getTime(),
    };
    const history = (ledger.get(levelKey(l.skuId, locationId)) ?? []).map(ledgerRowToEvent).filter((e) => eventKey(e) !== eventKey(count));
    const effect = foldLevel([...history, count], location, trusted).effects.get(eventKey(count));
    out.set(l.skuId, l.counted + (effect?.kind === "variance" ? effect.amount : 0));
  }
  return out;
}
