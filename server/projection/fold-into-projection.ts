import "server-only";
import type pg from "pg";
import { locationsTouched } from "@/lib/quantity/apply-event";
import { compareEvents } from "@/lib/quantity/event-order";
import { canApplyIncrementally, continueFold, eventKey, foldLevel } from "@/lib/quantity/fold-level";
import { availableOf, incomingTotalOf } from "@/lib/quantity/level-math";
import type { AbsoluteEffect, LevelState, StockEvent } from "@/lib/quantity/types";
import { hourStart, saleUnits } from "@/lib/metrics/velocity";
import type { AppendedEvent, PendingEvent } from "@/server/ingest/append-to-ledger";
import { syncCountFacts, type CountFactsChange } from "@/server/reconciliation/sync-count-facts";
import { incomingJson, LEDGER_COLUMNS, ledgerRowToEvent, levelKey, rowToState, type LedgerRow, type LevelRow } from "@/server/projection/level-rows";

/** The sources a location trusts for absolutes (docs/QUANTITY-MODEL.md): trust decides which absolutes count. */
export type TrustOf = (locationId: number) => readonly string[];

export interface ProjectionFold {
  changedSkuIds: Set<number>;
  /** Whether counted lines or drift moved (the dashboard's reconciliation and drift frames). */
  facts: CountFactsChange;
}

/** The fold's view of a ledger event: ids as strings, times in ms. */
function toStockEvent(p: PendingEvent): StockEvent {
  const c = p.canonical;
  return {
    source: c.source,
    id: c.id,
    type: c.type,
    sku: String(p.skuId),
    location: String(p.locationId),
    toLocation: p.toLocationId === null ? null : String(p.toLocationId),
    quantity: c.quantity,
    occurredAt: c.occurredAt.getTime(),
    version: c.version,
    reference: c.reference,
    reason: c.reason,
    condition: c.condition,
    bucket: c.bucket,
    expectedAt: c.expectedAt?.getTime() ?? null,
  };
}

/**
 * The projection half of a batch: fold the events the ledger just took (server/ingest/append-to-ledger.ts)
 * into every (SKU, location) they touch, with their absolute effects and the sales rollup, inside the
 * same transaction as the append. Projection rows are locked in key order, so concurrent batches
 * (other requests, other instances) serialise per (SKU, location) without deadlocks.
 */
export async function foldIntoProjection(client: pg.PoolClient, appended: readonly AppendedEvent[], trustOf: TrustOf): Promise<ProjectionFold> {
  const fresh = appended.map(({ p, seq }) => ({ p, e: toStockEvent(p), seq }));
  // Group the new events by every (SKU, location) they touch.
  const changedSkuIds = new Set<number>();
  const byKey = new Map<string, { skuId: number; locationId: number; items: typeof fresh }>();
  for (const f of fresh) {
    for (const loc of locationsTouched(f.e)) {
      const locationId = Number(loc);
      const key = levelKey(f.p.skuId, locationId);
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { skuId: f.p.skuId, locationId, items: [] }));
      g.items.push(f);
    }
    changedSkuIds.add(f.p.skuId);
  }
  const groups = [...byKey.values()].sort((a, b) => a.skuId - b.skuId || a.locationId - b.locationId);
  const rows = await lockLevels(client, groups);

  const updates: LevelUpdate[] = [];
  const effects: EffectRow[] = [];
  const recompute: typeof groups = [];
  for (const g of groups) {
    const row = rows.get(levelKey(g.skuId, g.locationId))!;
    const state = rowToState(row);
    const newEvents = g.items.map((i) => i.e);
    const trusted = trustOf(g.locationId);
    if (!canApplyIncrementally(state, newEvents)) {
      recompute.push(g);
      continue;
    }
    const sorted = [...g.items].sort((a, b) => compareEvents(a.e, b.e, trusted));
    const r = continueFold(
      state,
      sorted.map((i) => i.e),
      String(g.locationId),
      trusted,
    );
    updates.push({ g, state: r.state, lastSeq: maxSeq(g.items.map((i) => i.seq)) });
    for (const i of sorted) {
      const eff = r.effects.get(eventKey(i.e));
      if (eff) effects.push({ seq: i.seq, skuId: g.skuId, locationId: g.locationId, effect: eff });
    }
  }

  const newEffects = effects.map((e) => ({ seq: e.seq, skuId: e.skuId, locationId: e.locationId, kind: e.effect.kind }));
  if (recompute.length > 0) {
    // An event older than an absolute it interacts with: refold that one (SKU, location) from the
    // ledger (docs/QUANTITY-MODEL.md §4). The new rows are already in the ledger, inside this transaction.
    const r = await refoldFromLedger(client, recompute, trustOf);
    updates.push(...r.updates);
    effects.push(...r.effects);
  }

  await writeProjection(
    client,
    updates,
    effects,
    fresh.map((f) => f.p),
  );
  // Counted lines and drift follow the absolute effects just written: the new absolutes, and every
  // refolded (SKU, location) in full (a late delta may have changed an earlier count's system).
  const facts = await syncCountFacts(
    client,
    recompute.map((g) => ({ skuId: g.skuId, locationId: g.locationId })),
    newEffects,
  );
  return { changedSkuIds, facts };
}

/**
 * Refold (SKU, location) levels from the ledger, for rows the caller has locked: the new states and
 * absolute effects to write (their old effects are deleted here). Shared by the ingest recompute
 * and by a change of a location's trusted sources.
 */
export async function refoldFromLedger(client: pg.PoolClient, keys: readonly { skuId: number; locationId: number }[], trustOf: TrustOf): Promise<{ updates: LevelUpdate[]; effects: EffectRow[] }> {
  const ledger = await loadLedgerFor(client, keys);
  await client.query("DELETE FROM event_effect WHERE (sku_id, location_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))", [keys.map((g) => g.skuId), keys.map((g) => g.locationId)]);
  const updates: LevelUpdate[] = [];
  const effects: EffectRow[] = [];
  for (const g of keys) {
    const rowsHere = ledger.get(levelKey(g.skuId, g.locationId)) ?? [];
    const r = foldLevel(rowsHere.map(ledgerRowToEvent), String(g.locationId), trustOf(g.locationId));
    const seqOf = new Map(rowsHere.map((x) => [`${x.source}\u0000${x.event_id}`, x.seq]));
    updates.push({ g, state: r.state, lastSeq: maxSeq(rowsHere.map((x) => x.seq)) });
    for (const [k, eff] of r.effects) effects.push({ seq: seqOf.get(k)!, skuId: g.skuId, locationId: g.locationId, effect: eff });
  }
  return { updates, effects };
}

const maxSeq = (seqs: string[]): string => seqs.reduce((m, s) => (BigInt(s) > BigInt(m) ? s : m), "0");

async function lockLevels(client: pg.PoolClient, keys: readonly { skuId: number; locationId: number }[]): Promise<Map<string, LevelRow>> {
  const skuIds = keys.map((k) => k.skuId);
  const locIds = keys.map((k) => k.locationId);
  await client.query({
    name: "ingest-create-levels",
    text: "INSERT INTO stock_level (sku_id, location_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING",
    values: [skuIds, locIds],
  });
  const r = await client.query<LevelRow>({
    name: "ingest-lock-levels",
    text: `SELECT sku_id, location_id, on_hand, committed, reserved, damaged, quality_control, safety_stock, incoming, version,
            last_seq, last_event_at, last_absolute_at, last_count_at
       FROM stock_level WHERE (sku_id, location_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))
      ORDER BY sku_id, location_id FOR UPDATE`,
    values: [skuIds, locIds],
  });
  return new Map(r.rows.map((row) => [levelKey(row.sku_id, row.location_id), row]));
}

/** Every ledger event that touches each (SKU, location): as its location, or as a transfer's / reallocation's destination. */
export async function loadLedgerFor(client: pg.PoolClient | pg.Pool, keys: readonly { skuId: number; locationId: number }[]): Promise<Map<string, LedgerRow[]>> {
  const r = await client.query<LedgerRow & { key_sku: number; key_loc: number }>(
    `SELECT k.sku_id AS key_sku, k.location_id AS key_loc, ${LEDGER_COLUMNS}
       FROM unnest($1::int[], $2::int[]) AS k(sku_id, location_id)
       JOIN event e ON e.sku_id = k.sku_id AND e.location_id = k.location_id
     UNION ALL
     SELECT k.sku_id, k.location_id, ${LEDGER_COLUMNS}
       FROM unnest($1::int[], $2::int[]) AS k(sku_id, location_id)
       JOIN event e ON e.to_location_id = k.location_id AND e.sku_id = k.sku_id
      WHERE e.type IN ('transfer.out', 'order.reallocated')`,
    [keys.map((k) => k.skuId), keys.map((k) => k.locationId)],
  );
  const out = new Map<string, LedgerRow[]>();
  for (const row of r.rows) {
    const key = levelKey(row.key_sku, row.key_loc);
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(row);
  }
  return out;
}

type LevelUpdate = { g: { skuId: number; locationId: number }; state: LevelState; lastSeq: string };

/** Exported for the benchmark's ceiling, which runs the same statement on a scratch table. */
export const LEVELS_SQL = `UPDATE stock_level s SET
        on_hand = u.on_hand, committed = u.committed, reserved = u.reserved, damaged = u.damaged,
        quality_control = u.quality_control, safety_stock = u.safety_stock, available = u.available,
        incoming = u.incoming, incoming_total = u.incoming_total, version = s.version + 1,
        last_seq = GREATEST(s.last_seq, u.last_seq), last_event_at = u.last_event_at,
        last_absolute_at = u.last_absolute_at, last_count_at = u.last_count_at, updated_at = now()
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                   $10::jsonb[], $11::int[], $12::bigint[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
         AS u(sku_id, location_id, on_hand, committed, reserved, damaged, quality_control, safety_stock, available,
              incoming, incoming_total, last_seq, last_event_at, last_absolute_at, last_count_at)
      WHERE s.sku_id = u.sku_id AND s.location_id = u.location_id`;

function levelsValues(updates: readonly LevelUpdate[]): unknown[] {
  const c = <T>(f: (u: LevelUpdate) => T) => updates.map(f);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms));
  return [
    c((u) => u.g.skuId),
    c((u) => u.g.locationId),
    c((u) => u.state.onHand),
    c((u) => u.state.committed),
    c((u) => u.state.reserved),
    c((u) => u.state.damaged),
    c((u) => u.state.qualityControl),
    c((u) => u.state.safetyStock),
    c((u) => availableOf(u.state)),
    c((u) => JSON.stringify(incomingJson(u.state))),
    c((u) => incomingTotalOf(u.state)),
    c((u) => u.lastSeq),
    c((u) => iso(u.state.lastEventAt)),
    c((u) => iso(u.state.lastAbsoluteAt)),
    c((u) => iso(u.state.lastCountAt)),
  ];
}

export async function updateLevels(client: pg.PoolClient | pg.Pool, updates: readonly LevelUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await client.query({ name: "ingest-update-levels", text: LEVELS_SQL, values: levelsValues(updates) });
}

type EffectRow = { seq: string; skuId: number; locationId: number; effect: AbsoluteEffect };

const EFFECTS_SQL = `INSERT INTO event_effect (seq, sku_id, location_id, kind, amount)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::int[])
     ON CONFLICT (seq) DO UPDATE SET kind = EXCLUDED.kind, amount = EXCLUDED.amount`;

const effectsValues = (effects: readonly EffectRow[]): unknown[] => [
  effects.map((e) => e.seq),
  effects.map((e) => e.skuId),
  effects.map((e) => e.locationId),
  effects.map((e) => e.effect.kind),
  effects.map((e) => e.effect.amount),
];

export async function upsertEffects(client: pg.PoolClient | pg.Pool, effects: readonly EffectRow[]): Promise<void> {
  if (effects.length === 0) return;
  await client.query({ name: "ingest-upsert-effects", text: EFFECTS_SQL, values: effectsValues(effects) });
}

const SALES_SQL = `INSERT INTO sales_hourly (sku_id, hour, units) SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::int[])
     ON CONFLICT (sku_id, hour) DO UPDATE SET units = sales_hourly.units + EXCLUDED.units`;

/** Sales units per (SKU, hour) of the batch, in key order (two batches upserting the same hours cannot deadlock). */
function salesValues(events: readonly PendingEvent[]): unknown[] {
  const sums = new Map<string, { skuId: number; hour: number; units: number }>();
  for (const p of events) {
    const units = saleUnits(p.canonical.type, p.canonical.quantity);
    if (units === 0) continue;
    const hour = hourStart(p.canonical.occurredAt.getTime());
    const k = `${p.skuId}:${hour}`;
    const cur = sums.get(k);
    if (cur) cur.units += units;
    else sums.set(k, { skuId: p.skuId, hour, units });
  }
  const rows = [...sums.values()].sort((a, b) => a.skuId - b.skuId || a.hour - b.hour);
  return [rows.map((r) => r.skuId), rows.map((r) => new Date(r.hour)), rows.map((r) => r.units)];
}

/** `$n` → `$(n + by)`, to put several statements' parameters side by side in one statement. */
const shiftParams = (sql: string, by: number) => sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + by}`);

// The stock rows, the absolute effects and the sales rollup of a batch in ONE statement (three
// data-modifying CTEs on three tables; the same SQL as updateLevels, upsertEffects and the sales
// upsert): one round trip instead of three. Empty lists insert nothing. The triggers on stock_level
// and sales_hourly queue the batch's SKUs for the stock list's sort keys (migration sku_sort_key_queue).
const PROJECTION_SQL = `WITH levels AS (${LEVELS_SQL}),
     effects AS (${shiftParams(EFFECTS_SQL, 15)}),
     sales AS (${shiftParams(SALES_SQL, 20)})
SELECT 1`;

async function writeProjection(client: pg.PoolClient, updates: readonly LevelUpdate[], effects: readonly EffectRow[], events: readonly PendingEvent[]): Promise<void> {
  await client.query({
    name: "ingest-write-projection",
    text: PROJECTION_SQL,
    values: [...levelsValues(updates), ...effectsValues(effects), ...salesValues(events)],
  });
}
