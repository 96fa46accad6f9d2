import "server-only";
import type pg from "pg";
import { locationsTouched } from "@/lib/quantity/apply-event";
import { foldLevel } from "@/lib/quantity/fold-level";
import { availableOf, incomingTotalOf } from "@/lib/quantity/level-math";
import type { AbsoluteEffect, LevelState } from "@/lib/quantity/types";
import { countedLinesOf, type CountFact } from "@/lib/reconciliation/counted-lines";
import { driftStateOf, type DriftReading } from "@/lib/reconciliation/drift";
import { inTransaction } from "@/server/db/in-transaction";
import { updateLevels, upsertEffects } from "@/server/projection/fold-into-projection";
import { rebuildCountedRollup } from "@/server/reconciliation/rebuild-counted-rollup";
import { syncCountFacts } from "@/server/reconciliation/sync-count-facts";
import { incomingJson, LEDGER_COLUMNS, ledgerRowToEvent, levelKey, type LedgerRow } from "./level-rows";

export interface LevelDiff {
  sku: string;
  location: string;
  live: Record<string, unknown> | null;
  replay: Record<string, unknown>;
}

export interface RebuildReport {
  levels: number;
  events: number;
  differences: LevelDiff[];
  written: boolean;
}

const SKUS_PER_PASS = 200;

/**
 * Replay the whole ledger into projections, SKU by SKU, with the same fold the live path uses.
 * `write: false` only compares (the proof that live = replay); `write: true` replaces the stock
 * levels, absolute effects and sales rollup, holding ingest off while it does (one transaction).
 */
export async function rebuildProjections(pool: pg.Pool, opts: { write: boolean }): Promise<RebuildReport> {
  // A comparison reads one snapshot and can write nothing: committing it is rolling it back.
  const begin = opts.write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  return inTransaction(pool, (client) => replayLedger(client, opts), begin);
}

/** The replay, inside the transaction rebuildProjections opens. */
async function replayLedger(client: pg.PoolClient, opts: { write: boolean }): Promise<RebuildReport> {
  const report: RebuildReport = { levels: 0, events: 0, differences: [], written: false };
  if (opts.write) await client.query("LOCK TABLE stock_level, event_effect, sales_hourly, counted_line, counted_rollup, drift_state IN EXCLUSIVE MODE");
  const trust = new Map((await client.query<{ id: number; trusted_sources: string[] }>("SELECT id, trusted_sources FROM location")).rows.map((r) => [r.id, r.trusted_sources ?? []]));
  const names = await codeNames(client);
  // Stored vs replayed JSON per (SKU, location) key: a difference names the field that differs.
  const compareJson = (field: "countedLines" | "drift", expected: Map<string, string>, stored: Map<string, string>) => {
    for (const k of new Set([...expected.keys(), ...stored.keys()])) {
      const want = expected.get(k) ?? "[]";
      const have = stored.get(k) ?? "[]";
      if (want === have) continue;
      const [skuId, locationId] = k.split(":").map(Number);
      report.differences.push({ sku: names.skus.get(skuId) ?? String(skuId), location: names.locations.get(locationId) ?? String(locationId), live: { [field]: have }, replay: { [field]: want } });
    }
  };
  const skuIds = (await client.query<{ sku_id: number }>("SELECT DISTINCT sku_id FROM event ORDER BY sku_id")).rows.map((r) => r.sku_id);
  if (opts.write) await client.query("DELETE FROM event_effect");

  for (let i = 0; i < skuIds.length; i += SKUS_PER_PASS) {
    const ids = skuIds.slice(i, i + SKUS_PER_PASS);
    const events = (await client.query<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM event e WHERE e.sku_id = ANY($1::int[])`, [ids])).rows;
    report.events += events.length;
    const byKey = new Map<string, { skuId: number; locationId: number; rows: LedgerRow[] }>();
    for (const row of events) {
      for (const loc of locationsTouched(ledgerRowToEvent(row))) {
        const key = levelKey(row.sku_id, Number(loc));
        let g = byKey.get(key);
        if (!g) byKey.set(key, (g = { skuId: row.sku_id, locationId: Number(loc), rows: [] }));
        g.rows.push(row);
      }
    }
    const replay: { g: { skuId: number; locationId: number }; state: LevelState; lastSeq: string }[] = [];
    const effects: { seq: string; skuId: number; locationId: number; effect: AbsoluteEffect }[] = [];
    const expectedLines = new Map<string, string>();
    const expectedDrift = new Map<string, string>();
    for (const g of byKey.values()) {
      const r = foldLevel(g.rows.map(ledgerRowToEvent), String(g.locationId), trust.get(g.locationId) ?? []);
      const seqOf = new Map(g.rows.map((x) => [`${x.source}\u0000${x.event_id}`, x.seq]));
      // The counted lines the replay gives (docs/RECONCILIATION.md#numbers), to compare with the stored ones.
      const facts: CountFact[] = [];
      for (const x of g.rows) {
        const eff = r.effects.get(`${x.source}\u0000${x.event_id}`);
        if (eff?.kind === "variance" && x.type === "cycle_count" && x.location_id === g.locationId) {
          facts.push({ seq: x.seq, occurredAt: x.occurred_at.getTime(), source: x.source, counted: x.quantity, variance: eff.amount });
        }
      }
      if (facts.length) expectedLines.set(levelKey(g.skuId, g.locationId), linesJson(countedLinesOf(facts)));
      // And the drift states (docs/RECONCILIATION.md#drift), per untrusted source.
      const readings = new Map<string, DriftReading[]>();
      for (const x of g.rows) {
        const eff = r.effects.get(`${x.source}\u0000${x.event_id}`);
        if (eff?.kind !== "drift" || x.location_id !== g.locationId) continue;
        const list = readings.get(x.source) ?? [];
        list.push({
          id: x.event_id,
          version: x.version,
          occurredAt: x.occurred_at.getTime(),
          bucket: x.type === "snapshot" && x.bucket === "available" ? "available" : "on_hand",
          drift: eff.amount,
          reported: x.quantity,
        });
        readings.set(x.source, list);
      }
      const states = [...readings].map(([source, list]) => ({ source, ...driftStateOf(list)! })).sort((a, b) => (a.source < b.source ? -1 : 1));
      if (states.length) expectedDrift.set(levelKey(g.skuId, g.locationId), JSON.stringify(states.map((d) => [d.source, d.drift, d.reported, d.at, d.since])));
      replay.push({ g, state: r.state, lastSeq: g.rows.reduce((m, x) => (BigInt(x.seq) > BigInt(m) ? x.seq : m), "0") });
      for (const [k, effect] of r.effects) effects.push({ seq: seqOf.get(k)!, skuId: g.skuId, locationId: g.locationId, effect });
    }
    report.levels += replay.length;
    const live = await client.query<{ sku_id: number; location_id: number } & Record<string, unknown>>(
      `SELECT sku_id, location_id, on_hand, committed, reserved, damaged, quality_control, safety_stock, available, incoming_total, incoming
           FROM stock_level WHERE sku_id = ANY($1::int[])`,
      [ids],
    );
    const liveByKey = new Map(live.rows.map((r) => [levelKey(r.sku_id, r.location_id), r]));
    for (const u of replay) {
      const want = comparable(u.state);
      const row = liveByKey.get(levelKey(u.g.skuId, u.g.locationId));
      const have = row
        ? {
            on_hand: row.on_hand,
            committed: row.committed,
            reserved: row.reserved,
            damaged: row.damaged,
            quality_control: row.quality_control,
            safety_stock: row.safety_stock,
            available: row.available,
            incoming_total: row.incoming_total,
            incoming: row.incoming,
          }
        : null;
      if (!have || stableJson(have) !== stableJson(want)) {
        report.differences.push({ sku: names.skus.get(u.g.skuId) ?? String(u.g.skuId), location: names.locations.get(u.g.locationId) ?? String(u.g.locationId), live: have, replay: want });
      }
    }
    const storedLines = await client.query<{ sku_id: number; location_id: number; lines: string }>(
      `SELECT sku_id, location_id, json_agg(json_build_array(seq::text, (extract(epoch FROM occurred_at) * 1000)::bigint, system, counted, variance, bucket,
                (extract(epoch FROM previous_at) * 1000)::bigint) ORDER BY occurred_at, seq)::text AS lines
           FROM counted_line WHERE sku_id = ANY($1::int[]) GROUP BY 1, 2`,
      [ids],
    );
    const storedByKey = new Map(storedLines.rows.map((r) => [levelKey(r.sku_id, r.location_id), r.lines.replace(/\s/g, "")]));
    compareJson("countedLines", expectedLines, storedByKey);
    const storedDrift = await client.query<{ sku_id: number; location_id: number; states: string }>(
      `SELECT sku_id, location_id, json_agg(json_build_array(source, drift, reported, (extract(epoch FROM at) * 1000)::bigint,
                (extract(epoch FROM since) * 1000)::bigint) ORDER BY source COLLATE "C")::text AS states
           FROM drift_state WHERE sku_id = ANY($1::int[]) GROUP BY 1, 2`,
      [ids],
    );
    const driftByKey = new Map(storedDrift.rows.map((r) => [levelKey(r.sku_id, r.location_id), r.states.replace(/\s/g, "")]));
    compareJson("drift", expectedDrift, driftByKey);
    if (opts.write) {
      await client.query("INSERT INTO stock_level (sku_id, location_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING", [
        replay.map((u) => u.g.skuId),
        replay.map((u) => u.g.locationId),
      ]);
      await updateLevels(client, replay);
      await upsertEffects(client, effects);
      await syncCountFacts(
        client,
        replay.map((u) => u.g),
      );
    }
  }
  if (opts.write) {
    await rebuildCountedRollup(client);
    await client.query("DELETE FROM sales_hourly");
    await client.query(
      `INSERT INTO sales_hourly (sku_id, hour, units)
         SELECT sku_id, date_trunc('hour', occurred_at), SUM(CASE WHEN type = 'order.placed' THEN quantity ELSE -quantity END)
           FROM event WHERE type IN ('order.placed', 'order.cancelled') GROUP BY 1, 2`,
    );
    report.written = true;
  }
  return report;
}

/** Counted lines as the JSON the comparison query builds: [seq, occurredAt ms, system, counted, variance, bucket, previousAt ms]. */
function linesJson(lines: ReturnType<typeof countedLinesOf>): string {
  return JSON.stringify(lines.map((l) => [l.seq, l.occurredAt, l.system, l.counted, l.variance, l.bucket, l.previousAt]));
}

/** The stored columns of a level, in the shape the database returns them, for an exact comparison. */
function comparable(s: LevelState) {
  return {
    on_hand: s.onHand,
    committed: s.committed,
    reserved: s.reserved,
    damaged: s.damaged,
    quality_control: s.qualityControl,
    safety_stock: s.safetyStock,
    available: availableOf(s),
    incoming_total: incomingTotalOf(s),
    incoming: incomingJson(s),
  };
}

async function codeNames(client: pg.PoolClient) {
  const [s, l] = await Promise.all([client.query<{ id: number; code: string }>("SELECT id, code FROM sku"), client.query<{ id: number; code: string }>("SELECT id, code FROM location")]);
  return { skus: new Map(s.rows.map((r) => [r.id, r.code])), locations: new Map(l.rows.map((r) => [r.id, r.code])) };
}

/** JSON with object keys sorted, so jsonb's key order cannot fake a difference. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
