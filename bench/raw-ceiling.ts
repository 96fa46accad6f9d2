import { performance } from "node:perf_hooks";
import pg from "pg";
import { dist, type Dist } from "./stats";
import { EventFactory, skuOfEvent, type BenchEvent } from "./workload";

// (b) The raw ceiling: the same kind of rows written straight to Postgres by the best simple
// hand-written batch writer — no HTTP, no validation, no fold in JS, no read-back of the
// projection. Each batch is ONE statement (so one transaction and one round trip): a multi-row
// INSERT of the ledger rows from unnest(...) and, in a CTE on the rows it inserted, one multi-row
// upsert adding the batch's per-(SKU, location) deltas to stock_level, in key order (concurrent
// connections cannot deadlock). Duplicates insert nothing and add nothing.
//
// The writer's own CPU is kept near zero, because on 2 cores it competes with Postgres: batches
// are built once before the clock starts (as Postgres array literals) and reused with fresh ids.

export interface RawResult {
  windowSeconds: number;
  events: number;
  batches: number;
  batchLatency: Dist;
  perSecond: number[];
}

const SQL = `
WITH ins AS (
  INSERT INTO event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, body)
  SELECT u.source, u.event_id, u.type, u.sku_id, u.location_id, u.channel_id, u.quantity, u.occurred_at, now(), u.order_id, u.reason, u.body
    FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::timestamptz[], $9::text[], $10::text[], $11::jsonb[])
      AS u(source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, order_id, reason, body)
  ON CONFLICT (source, event_id) DO NOTHING
  RETURNING seq, sku_id, location_id, type, quantity, occurred_at
), d AS (
  SELECT sku_id, location_id,
         SUM(CASE WHEN type IN ('receipt', 'adjustment', 'return.received') THEN quantity WHEN type = 'order.shipped' THEN -quantity ELSE 0 END)::int AS on_hand,
         SUM(CASE type WHEN 'order.placed' THEN quantity WHEN 'order.cancelled' THEN -quantity WHEN 'order.shipped' THEN -quantity ELSE 0 END)::int AS committed,
         SUM(CASE type WHEN 'damage' THEN quantity ELSE 0 END)::int AS damaged,
         SUM(CASE type WHEN 'return.received' THEN quantity ELSE 0 END)::int AS qc,
         MAX(seq) AS last_seq, MAX(occurred_at) AS last_event_at
    FROM ins GROUP BY sku_id, location_id
), up AS (
INSERT INTO stock_level (sku_id, location_id, on_hand, committed, damaged, quality_control, available, last_seq, last_event_at, version, updated_at)
SELECT sku_id, location_id, on_hand, committed, damaged, qc, on_hand - committed - damaged - qc, last_seq, last_event_at, 1, now()
  FROM d ORDER BY sku_id, location_id
ON CONFLICT (sku_id, location_id) DO UPDATE SET
  on_hand = stock_level.on_hand + EXCLUDED.on_hand, committed = stock_level.committed + EXCLUDED.committed,
  damaged = stock_level.damaged + EXCLUDED.damaged, quality_control = stock_level.quality_control + EXCLUDED.quality_control,
  available = stock_level.available + EXCLUDED.available, last_seq = GREATEST(stock_level.last_seq, EXCLUDED.last_seq),
  last_event_at = GREATEST(stock_level.last_event_at, EXCLUDED.last_event_at), version = stock_level.version + 1, updated_at = now()
)
SELECT count(*)::int AS inserted FROM ins`;

/** A Postgres array literal: every element quoted and escaped, null as NULL. */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(",")}}`;
}

interface Template {
  size: number;
  params: string[];
  ids: string[];
}

async function buildTemplates(pool: pg.Pool, factory: EventFactory, count: number, size: number): Promise<Template[]> {
  const ids = async (table: string) => new Map((await pool.query<{ id: number; code: string }>(`SELECT id, code FROM ${table}`)).rows.map((r) => [r.code, r.id]));
  const [sku, location, channel] = await Promise.all([ids("sku"), ids("location"), ids("channel")]);
  return Array.from({ length: count }, () => {
    const events: BenchEvent[] = factory.batch(size);
    const col = (f: (e: BenchEvent) => string | number | null) => arrayLiteral(events.map(f));
    return {
      size,
      ids: events.map((e) => e.id),
      params: [
        col((e) => e.source),
        "", // event ids: fresh for every use
        col((e) => e.type),
        col((e) => sku.get(skuOfEvent(e))!),
        col((e) => location.get(e.location)!),
        col((e) => (e.channel ? (channel.get(e.channel) ?? null) : null)),
        col((e) => e.quantity),
        col((e) => e.occurredAt),
        col((e) => e.orderId ?? null),
        col((e) => e.reason ?? null),
        col((e) => JSON.stringify(e)),
      ],
    };
  });
}

export async function runRawCeiling(opts: {
  databaseUrl: string;
  connections: number;
  batchSize: number;
  skuCount: number;
  prefix: string;
  warmupSeconds: number;
  seconds: number;
}): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.connections, options: "-c timezone=UTC" });
  try {
    const templates = await buildTemplates(pool, new EventFactory(opts.prefix, opts.skuCount, 7), 16, opts.batchSize);
    let used = 0;
    const nextParams = () => {
      const t = templates[used % templates.length];
      const round = Math.floor(used++ / templates.length);
      const params = [...t.params];
      params[1] = arrayLiteral(t.ids.map((id) => `${id}-r${round}`));
      return params;
    };

    const start = performance.now();
    const winStart = start + opts.warmupSeconds * 1000;
    const winEnd = winStart + opts.seconds * 1000;
    const perSecond = new Array<number>(Math.ceil(opts.seconds)).fill(0);
    const latencies: number[] = [];
    let events = 0;
    let batches = 0;
    const worker = async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < winEnd) {
          const params = nextParams();
          const t0 = performance.now();
          const r = await client.query<{ inserted: number }>({ name: "bench-raw-batch", text: SQL, values: params });
          const t1 = performance.now();
          if (t1 < winStart || t1 >= winEnd) continue;
          const inserted = r.rows[0].inserted;
          events += inserted;
          batches++;
          latencies.push(t1 - t0);
          perSecond[Math.floor((t1 - winStart) / 1000)] += inserted;
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: opts.connections }, worker));
    return { windowSeconds: opts.seconds, events, batches, batchLatency: dist(latencies), perSecond };
  } finally {
    await pool.end();
  }
}
