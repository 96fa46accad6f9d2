import "server-only";
import type { LevelState, StockEvent, EventType } from "@/lib/quantity/types";

// Conversions between database rows and the pure model. The model names locations by string;
// the server uses the location id, so one fold works for live writes and for rebuilds.

export interface LevelRow {
  sku_id: number;
  location_id: number;
  on_hand: number;
  committed: number;
  reserved: number;
  damaged: number;
  quality_control: number;
  safety_stock: number;
  incoming: Record<string, { qty: number; expectedAt: string | null }>;
  version: number;
  last_seq: string;
  last_event_at: Date | null;
  last_absolute_at: Date | null;
  last_count_at: Date | null;
}

export const levelKey = (skuId: number, locationId: number) => `${skuId}:${locationId}`;

export function rowToState(r: LevelRow): LevelState {
  const incoming: LevelState["incoming"] = {};
  for (const [ref, line] of Object.entries(r.incoming ?? {})) {
    incoming[ref] = { qty: line.qty, expectedAt: line.expectedAt ? Date.parse(line.expectedAt) : null };
  }
  return {
    onHand: r.on_hand,
    committed: r.committed,
    reserved: r.reserved,
    damaged: r.damaged,
    qualityControl: r.quality_control,
    safetyStock: r.safety_stock,
    incoming,
    lastEventAt: r.last_event_at?.getTime() ?? null,
    lastAbsoluteAt: r.last_absolute_at?.getTime() ?? null,
    lastCountAt: r.last_count_at?.getTime() ?? null,
  };
}

export function incomingJson(s: LevelState): Record<string, { qty: number; expectedAt: string | null }> {
  const out: Record<string, { qty: number; expectedAt: string | null }> = {};
  for (const [ref, line] of Object.entries(s.incoming)) {
    out[ref] = { qty: line.qty, expectedAt: line.expectedAt === null ? null : new Date(line.expectedAt).toISOString() };
  }
  return out;
}

/** A ledger row (as selected by the queries here) as the model's event. */
export interface LedgerRow {
  seq: string;
  source: string;
  event_id: string;
  type: string;
  sku_id: number;
  location_id: number;
  to_location_id: number | null;
  quantity: number;
  occurred_at: Date;
  version: string | null;
  reference: string | null;
  reason: string | null;
  condition: string | null;
  bucket: string | null;
  expected_at: Date | null;
}

export const LEDGER_COLUMNS =
  "e.seq, e.source, e.event_id, e.type, e.sku_id, e.location_id, e.to_location_id, e.quantity, e.occurred_at, e.version, e.reference, e.reason, e.condition, e.bucket, e.expected_at";

export function ledgerRowToEvent(r: LedgerRow): StockEvent {
  return {
    source: r.source,
    id: r.event_id,
    type: r.type as EventType,
    sku: String(r.sku_id),
    location: String(r.location_id),
    toLocation: r.to_location_id === null ? null : String(r.to_location_id),
    quantity: r.quantity,
    occurredAt: r.occurred_at.getTime(),
    version: r.version,
    reference: r.reference,
    reason: r.reason,
    condition: r.condition as StockEvent["condition"],
    bucket: r.bucket as StockEvent["bucket"],
    expectedAt: r.expected_at?.getTime() ?? null,
  };
}
