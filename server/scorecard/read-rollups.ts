import "server-only";
import type pg from "pg";
import type { LineRatio } from "@/lib/scorecard/figures";
import { rollupPieces } from "@/lib/scorecard/rollup-pieces";
import type { LagRow } from "./get-lag-percentiles";
import type { OrderUnitsRow } from "./sum-order-units";

// The scorecard's additive figures read from the rollups the event and outbound_ack triggers keep
// (migration 20261207012622, docs/SCORECARD.md "Rollups"): the same rows the ledger scans in
// sum-order-units.ts, get-lag-percentiles.ts and load-order-lines.ts give, from a few thousand
// rollup rows instead of the 12 weeks' events. Only for every SKU (the rollups have none) and
// weeks on the 15-minute grid; get-scorecard.ts scans the ledger otherwise.

type Range = { from: Date; to: Date };

/** The weeks' pieces as SQL arrays: (week, grain, from, to, sign). */
function piecesParams(ranges: readonly Range[]): unknown[] {
  const p = rollupPieces(ranges.map((r) => ({ from: r.from.getTime(), to: r.to.getTime() })));
  return [p.map((x) => x.week), p.map((x) => x.grain), p.map((x) => new Date(x.from)), p.map((x) => new Date(x.to)), p.map((x) => x.sign)];
}

const PIECES = "unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS p(week, grain, lo, hi, sign)";

export async function channelCodes(pool: pg.Pool): Promise<Map<number, string>> {
  const r = await pool.query<{ id: number; code: string }>("SELECT id, code FROM channel");
  return new Map(r.rows.map((x) => [x.id, x.code]));
}

/** Σ order.placed / order.cancelled units per week, channel, type and reason (as sumOrderUnits). */
export async function sumOrderUnitsFromRollup(pool: pg.Pool, ranges: readonly Range[], channels: ReadonlyMap<number, string>): Promise<OrderUnitsRow[]> {
  const r = await pool.query<{ week: number; channel_id: number; type: OrderUnitsRow["type"]; reason: string; units: string }>(
    `SELECT p.week, r.channel_id, r.type, r.reason, sum(p.sign * r.units) AS units
       FROM ${PIECES} JOIN scorecard_order_units r ON r.grain = p.grain AND r.bucket >= p.lo AND r.bucket < p.hi
      GROUP BY 1, 2, 3, 4`,
    piecesParams(ranges),
  );
  return r.rows.map((x) => ({
    week: x.week,
    channel: x.channel_id === 0 ? null : (channels.get(x.channel_id) ?? null),
    type: x.type,
    reason: x.reason === "" ? null : x.reason,
    units: Number(x.units),
  }));
}

// Nearest rank over a distribution (value, count): the first value whose cumulative count reaches
// ceil(p × n), computed in float8 as percentile_disc does, so the answer is the scan's exactly.
const percentilesSql = (table: string, count: string) => `
  WITH d AS (
    SELECT p.week, r.channel_id, r.lag_ms, sum(p.sign * r.${count}) AS n
      FROM ${PIECES} JOIN ${table} r ON r.grain = p.grain AND r.bucket >= p.lo AND r.bucket < p.hi
     GROUP BY 1, 2, 3),
  s AS (
    SELECT week, channel_id, lag_ms, n FROM d WHERE channel_id <> 0 AND n > 0
    UNION ALL
    SELECT week, NULL, lag_ms, sum(n) FROM d GROUP BY week, lag_ms HAVING sum(n) > 0),
  c AS (
    SELECT week, channel_id, lag_ms, sum(n) OVER (PARTITION BY week, channel_id ORDER BY lag_ms) AS cum,
           sum(n) OVER (PARTITION BY week, channel_id) AS total
      FROM s)
  SELECT week, channel_id,
         min(lag_ms) FILTER (WHERE cum >= greatest(1, ceil(0.5::float8 * total::float8))) AS p50,
         min(lag_ms) FILTER (WHERE cum >= greatest(1, ceil(0.95::float8 * total::float8))) AS p95
    FROM c GROUP BY 1, 2`;

async function lagFromRollup(pool: pg.Pool, table: string, count: string, ranges: readonly Range[], channels: ReadonlyMap<number, string>): Promise<LagRow[]> {
  const r = await pool.query<{ week: number; channel_id: number | null; p50: string | null; p95: string | null }>(percentilesSql(table, count), piecesParams(ranges));
  return r.rows
    .filter((x) => x.channel_id === null || channels.has(x.channel_id))
    .map((x) => ({
      week: x.week,
      channel: x.channel_id === null ? null : channels.get(x.channel_id)!,
      p50: x.p50 === null ? null : Number(x.p50),
      p95: x.p95 === null ? null : Number(x.p95),
    }));
}

/** Ingest lag p50/p95 per week and channel (and all), as getIngestLagByWeek. */
export const getIngestLagFromRollup = (pool: pg.Pool, ranges: readonly Range[], channels: ReadonlyMap<number, string>) => lagFromRollup(pool, "scorecard_ingest_lag", "events", ranges, channels);

/** End-to-end lag p50/p95 per week and channel (and all), as getEndToEndLagByWeek. */
export const getEndToEndLagFromRollup = (pool: pg.Pool, ranges: readonly Range[], channels: ReadonlyMap<number, string>) => lagFromRollup(pool, "scorecard_e2e_lag", "acks", ranges, channels);

export interface LineRatios {
  promise: Map<string | null, LineRatio>[];
  allocation: Map<string | null, LineRatio>[];
}

/** Promise and allocation accuracy per week and channel (null = all), as promiseAccuracy / allocationAccuracy over loadOrderLines. */
export async function lineRatiosFromRollup(pool: pg.Pool, ranges: readonly Range[], channels: ReadonlyMap<number, string>): Promise<LineRatios> {
  const r = await pool.query<{ week: number; channel_id: number; kind: "shipped" | "delivered"; ok: boolean; lines: string }>(
    `SELECT p.week, r.channel_id, r.kind, r.ok, sum(p.sign * r.lines) AS lines
       FROM ${PIECES} JOIN scorecard_line_count r ON r.grain = p.grain AND r.bucket >= p.lo AND r.bucket < p.hi
      GROUP BY 1, 2, 3, 4`,
    piecesParams(ranges),
  );
  const out: LineRatios = { promise: ranges.map(() => new Map()), allocation: ranges.map(() => new Map()) };
  const bump = (m: Map<string | null, LineRatio>, k: string | null, ok: boolean, n: number) => {
    const x = m.get(k) ?? { numerator: 0, denominator: 0 };
    x.denominator += n;
    if (ok) x.numerator += n;
    m.set(k, x);
  };
  for (const x of r.rows) {
    const n = Number(x.lines);
    if (n === 0) continue;
    const m = (x.kind === "delivered" ? out.promise : out.allocation)[x.week - 1];
    bump(m, null, x.ok, n);
    const code = channels.get(x.channel_id);
    if (code !== undefined) bump(m, code, x.ok, n);
  }
  return out;
}
