import "server-only";
import type pg from "pg";
import { countedLinesOf, type CountedLine, type CountFact } from "@/lib/reconciliation/counted-lines";
import { driftStateOf, type DriftReading, type DriftState } from "@/lib/reconciliation/drift";
import { addSums, emptySums, lineSums, type VarianceSums } from "@/lib/reconciliation/variance-stats";
import { unnestColumns } from "@/server/db/unnest-columns";

export interface CountFactsChange {
  /** Counted lines were added, removed or changed (the variance numbers may have moved). */
  counts: boolean;
  /** An open drift appeared, changed or closed. */
  drift: boolean;
}

type Key = { skuId: number; locationId: number };
const keyOf = (skuId: number, locationId: number) => `${skuId}:${locationId}`;

type FactRow = {
  seq: string;
  event_id: string;
  version: string | null;
  sku_id: number;
  location_id: number;
  kind: string;
  amount: number;
  type: string;
  source: string;
  quantity: number;
  occurred_at: Date;
  bucket: string | null;
};
type OldLine = { seq: string; location_id: number; occurred_at: Date; bucket: string; system: number; variance: number; unit_cost_cents: number | null };
type OldDrift = { source: string; sku_id: number; location_id: number; bucket: string; drift: number; reported: number; at: Date; since: Date | null };

/** An absolute effect just written by an incremental fold (the event is newer than all the key's others). */
export type NewEffect = { seq: string; skuId: number; locationId: number; kind: string };

/**
 * Rewrite the counted lines, their daily rollup and the drift states of these (SKU, location)s
 * from the absolute effects the fold just wrote (event_effect), in the caller's transaction. Run
 * after every write of effects (ingest, refold, trust change, rebuild), so these tables are always
 * the fold's: a late event that occurred before a count changes that count's `system` here too.
 *
 * `full` keys were refolded: everything is recomputed from their effects. `appended` are effects of
 * events that folded incrementally, i.e. newer than every other event of their key: a drift state
 * then continues from the stored one with the new readings only, so a feed that sends a snapshot
 * every few minutes does not reread its whole history on each (counts are rare: their key's lines
 * are recomputed either way).
 */
export async function syncCountFacts(client: pg.PoolClient, full: readonly Key[], appended: readonly NewEffect[] = []): Promise<CountFactsChange> {
  const fullSet = new Set(full.map((k) => keyOf(k.skuId, k.locationId)));
  const lineKeys = new Map(full.map((k) => [keyOf(k.skuId, k.locationId), k]));
  for (const e of appended) if (e.kind === "variance") lineKeys.set(keyOf(e.skuId, e.locationId), { skuId: e.skuId, locationId: e.locationId });
  const newDrift = appended.filter((e) => e.kind === "drift" && !fullSet.has(keyOf(e.skuId, e.locationId)));
  if (lineKeys.size === 0 && full.length === 0 && newDrift.length === 0) return { counts: false, drift: false };
  const counts = await syncCountedLines(client, [...lineKeys.values()]);
  const drift = await syncDrift(client, full, newDrift);
  return { counts, drift };
}

async function syncCountedLines(client: pg.PoolClient, keys: readonly Key[]): Promise<boolean> {
  if (keys.length === 0) return false;
  const skuIds = keys.map((k) => k.skuId);
  const locIds = keys.map((k) => k.locationId);
  const facts = (
    await client.query<FactRow>({
      name: "count-facts-load",
      text: `SELECT ef.seq, e.event_id, e.version::text AS version, ef.sku_id, ef.location_id, ef.kind, ef.amount, e.type, e.source, e.quantity, e.occurred_at, e.bucket
               FROM event_effect ef JOIN event e ON e.seq = ef.seq
              WHERE (ef.sku_id, ef.location_id) IN (SELECT * FROM unnest($1::int[], $2::int[])) AND ef.kind = 'variance' AND e.type = 'cycle_count'`,
      values: [skuIds, locIds],
    })
  ).rows;
  const old = (
    await client.query<OldLine>({
      name: "count-facts-delete-lines",
      text: `DELETE FROM counted_line WHERE (sku_id, location_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))
             RETURNING seq, location_id, occurred_at, bucket, system, variance, unit_cost_cents`,
      values: [skuIds, locIds],
    })
  ).rows;

  // Counted lines: a trusted cycle_count (a trusted snapshot is not a count).
  const countFacts = new Map<string, { key: Key; facts: CountFact[] }>();
  for (const f of facts) {
    const k = keyOf(f.sku_id, f.location_id);
    let g = countFacts.get(k);
    if (!g) countFacts.set(k, (g = { key: { skuId: f.sku_id, locationId: f.location_id }, facts: [] }));
    g.facts.push({ seq: f.seq, occurredAt: f.occurred_at.getTime(), source: f.source, counted: f.quantity, variance: f.amount });
  }

  // A line keeps the unit cost it was first valued at; a new line takes the SKU's current one.
  const oldCost = new Map(old.map((o) => [o.seq, o.unit_cost_cents]));
  const costs = new Map(
    (
      await client.query<{ id: number; cents: number | null }>({
        name: "count-facts-costs",
        text: "SELECT id, (unit_cost * 100)::int AS cents FROM sku WHERE id = ANY($1::int[])",
        values: [[...new Set(skuIds)]],
      })
    ).rows.map((r) => [r.id, r.cents]),
  );
  const lines: (CountedLine & Key & { cents: number | null })[] = [];
  for (const g of countFacts.values()) {
    for (const l of countedLinesOf(g.facts)) lines.push({ ...l, ...g.key, cents: oldCost.has(l.seq) ? oldCost.get(l.seq)! : (costs.get(g.key.skuId) ?? null) });
  }

  const delta = new Map<string, { day: string; locationId: number; bucket: string; plus: VarianceSums; minus: VarianceSums }>();
  const touch = (day: string, locationId: number, bucket: string) => {
    const k = `${day}|${locationId}|${bucket}`;
    let d = delta.get(k);
    if (!d) delta.set(k, (d = { day, locationId, bucket, plus: emptySums(), minus: emptySums() }));
    return d;
  };
  for (const o of old) {
    const d = touch(utcDay(o.occurred_at.getTime()), o.location_id, o.bucket);
    d.minus = addSums(d.minus, lineSums(o.system, o.variance, o.unit_cost_cents));
  }
  for (const l of lines) {
    const d = touch(utcDay(l.occurredAt), l.locationId, l.bucket);
    d.plus = addSums(d.plus, lineSums(l.system, l.variance, l.cents));
  }
  const changes = [...delta.values()]
    .map((d) => ({ ...d, s: subtract(d.plus, d.minus) }))
    .filter((d) => Object.values(d.s).some((v) => v !== 0))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.locationId - b.locationId || (a.bucket < b.bucket ? -1 : 1)));

  if (lines.length > 0) {
    await client.query({
      name: "count-facts-insert-lines",
      text: `INSERT INTO counted_line (seq, sku_id, location_id, source, occurred_at, system, counted, variance, bucket, previous_at, unit_cost_cents)
             SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::int[], $7::int[], $8::int[], $9::text[], $10::timestamptz[], $11::int[])`,
      values: unnestColumns(lines, (l) => [
        l.seq,
        l.skuId,
        l.locationId,
        l.source,
        new Date(l.occurredAt),
        l.system,
        l.counted,
        l.variance,
        l.bucket,
        l.previousAt === null ? null : new Date(l.previousAt),
        l.cents,
      ]),
    });
  }
  if (changes.length > 0) {
    // Rows locked in (day, location, bucket) order: two batches adding to the same days cannot deadlock.
    await client.query({
      name: "count-facts-rollup",
      text: `INSERT INTO counted_rollup AS r (day, location_id, bucket, lines, net, absolute, system, accurate, valued, value_cents)
             SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::int[], $10::bigint[])
             ON CONFLICT (day, location_id, bucket) DO UPDATE SET lines = r.lines + EXCLUDED.lines, net = r.net + EXCLUDED.net,
               absolute = r.absolute + EXCLUDED.absolute, system = r.system + EXCLUDED.system, accurate = r.accurate + EXCLUDED.accurate,
               valued = r.valued + EXCLUDED.valued, value_cents = r.value_cents + EXCLUDED.value_cents`,
      values: unnestColumns(changes, (d) => [d.day, d.locationId, d.bucket, d.s.lines, d.s.net, d.s.absolute, d.s.system, d.s.accurate, d.s.valued, d.s.valueCents]),
    });
  }
  return changes.length > 0 || old.length !== lines.length;
}

async function syncDrift(client: pg.PoolClient, full: readonly Key[], appended: readonly NewEffect[]): Promise<boolean> {
  if (full.length === 0 && appended.length === 0) return false;
  const readings = new Map<string, { key: Key; source: string; list: DriftReading[] }>();
  const add = (f: FactRow) => {
    const k = `${f.source}\u0000${keyOf(f.sku_id, f.location_id)}`;
    let g = readings.get(k);
    if (!g) readings.set(k, (g = { key: { skuId: f.sku_id, locationId: f.location_id }, source: f.source, list: [] }));
    const bucket = f.type === "snapshot" && f.bucket === "available" ? "available" : "on_hand";
    g.list.push({ id: f.event_id, version: f.version, occurredAt: f.occurred_at.getTime(), bucket, drift: f.amount, reported: f.quantity });
  };
  if (full.length > 0) {
    const r = await client.query<FactRow>({
      name: "drift-facts-load-full",
      text: `SELECT ef.seq, e.event_id, e.version::text AS version, ef.sku_id, ef.location_id, ef.kind, ef.amount, e.type, e.source, e.quantity, e.occurred_at, e.bucket
               FROM event_effect ef JOIN event e ON e.seq = ef.seq
              WHERE (ef.sku_id, ef.location_id) IN (SELECT * FROM unnest($1::int[], $2::int[])) AND ef.kind = 'drift'`,
      values: [full.map((k) => k.skuId), full.map((k) => k.locationId)],
    });
    r.rows.forEach(add);
  }
  if (appended.length > 0) {
    const r = await client.query<FactRow>({
      name: "drift-facts-load-new",
      text: `SELECT ef.seq, e.event_id, e.version::text AS version, ef.sku_id, ef.location_id, ef.kind, ef.amount, e.type, e.source, e.quantity, e.occurred_at, e.bucket
               FROM event_effect ef JOIN event e ON e.seq = ef.seq WHERE ef.seq = ANY($1::bigint[])`,
      values: [appended.map((e) => e.seq)],
    });
    r.rows.forEach(add);
    // Their keys' stored states: the run so far, as one reading before the new ones (newer than all).
    const sources = [...new Set(r.rows.map((x) => x.source))];
    const prev = await client.query<OldDrift & { pool: number }>({
      name: "drift-state-of-new",
      text: `SELECT source, sku_id, location_id, bucket, drift, pool, reported, at, since FROM drift_state
              WHERE (sku_id, location_id) IN (SELECT * FROM unnest($1::int[], $2::int[])) AND source = ANY($3::text[])`,
      values: [r.rows.map((x) => x.sku_id), r.rows.map((x) => x.location_id), sources],
    });
    for (const p of prev.rows) {
      const g = readings.get(`${p.source}\u0000${keyOf(p.sku_id, p.location_id)}`);
      // `since` (or, closed, the latest time) stands for the whole earlier run: only its start and sign matter.
      if (g) g.list.push({ id: "", version: null, occurredAt: (p.since ?? p.at).getTime(), bucket: p.bucket, drift: p.drift, reported: p.reported });
    }
  }
  // Full keys: every source's state is rewritten; appended keys: only the sources that sent.
  const appendedRuns = [...readings.values()].filter((g) => !fullKeyHas(full, g.key));
  const oldDrift = (
    await client.query<OldDrift>({
      name: "count-facts-delete-drift",
      text: `DELETE FROM drift_state d
              WHERE (d.sku_id, d.location_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))
                 OR (d.source, d.sku_id, d.location_id) IN (SELECT * FROM unnest($3::text[], $4::int[], $5::int[]))
             RETURNING source, sku_id, location_id, bucket, drift, reported, at, since`,
      values: [full.map((k) => k.skuId), full.map((k) => k.locationId), appendedRuns.map((g) => g.source), appendedRuns.map((g) => g.key.skuId), appendedRuns.map((g) => g.key.locationId)],
    })
  ).rows;
  const states: (DriftState & Key & { source: string })[] = [];
  for (const g of readings.values()) {
    const s = driftStateOf(g.list);
    if (s) states.push({ ...s, ...g.key, source: g.source });
  }
  if (states.length > 0) {
    await client.query({
      name: "count-facts-insert-drift",
      text: `INSERT INTO drift_state (source, sku_id, location_id, bucket, drift, pool, reported, at, since)
             SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::timestamptz[], $9::timestamptz[])`,
      values: unnestColumns(states, (s) => [s.source, s.skuId, s.locationId, s.bucket, s.drift, s.pool, s.reported, new Date(s.at), s.since === null ? null : new Date(s.since)]),
    });
  }
  // What GET /api/drift's per-source summary depends on: a feed repeating the same drift sends no frame.
  const sig = (x: { source: string; skuId: number; locationId: number; drift: number; since: number | null }) => `${x.source}|${x.skuId}|${x.locationId}|${x.drift}|${x.since}`;
  const before = new Set(oldDrift.map((o) => sig({ source: o.source, skuId: o.sku_id, locationId: o.location_id, drift: o.drift, since: o.since?.getTime() ?? null })));
  const after = new Set(states.map(sig));
  return before.size !== after.size || [...after].some((x) => !before.has(x));
}

const fullKeyHas = (full: readonly Key[], k: Key) => full.some((f) => f.skuId === k.skuId && f.locationId === k.locationId);

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function subtract(a: VarianceSums, b: VarianceSums): VarianceSums {
  return {
    lines: a.lines - b.lines,
    net: a.net - b.net,
    absolute: a.absolute - b.absolute,
    system: a.system - b.system,
    accurate: a.accurate - b.accurate,
    valued: a.valued - b.valued,
    valueCents: a.valueCents - b.valueCents,
  };
}
