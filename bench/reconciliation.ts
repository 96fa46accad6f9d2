import { performance } from "node:perf_hooks";
import type pg from "pg";
import { getReconciliationMatrix, getReconciliationSummary } from "@/server/queries/get-reconciliation";
import { rebuildCountedRollup } from "@/server/reconciliation/rebuild-counted-rollup";
import { median } from "./rules";
import { LOCATIONS } from "./workload";
import { DAY_MS as DAY } from "@/lib/time/durations";

// (r) Reconciliation at scale (issue 15): a year of counts over 100,000 SKU × location rows
// (~1,000,000 counted lines, written with SQL as the fold would: system, counted, variance, bucket
// from the previous count, unit cost), the daily rollup built from them exactly as `npm run
// rebuild` does, then GET /api/reconciliation's query for the whole year and the 30-day tile,
// each next to the raw ceiling of the same run: a bare count(*) and a plain GROUP BY over the same
// lines (what answering without the rollup would cost).

export const TARGET_MATRIX_MS = 500;

export interface ReconciliationResult {
  rows: number;
  lines: number;
  seedMs: number;
  matrixMs: number[];
  summaryMs: number[];
  countAllMs: number[];
  groupByMs: number[];
  medianMatrixMs: number;
  medianSummaryMs: number;
  medianCountAllMs: number;
  medianGroupByMs: number;
  /** 1,000 trusted counts in one POST, set by bench/run.ts after the reads. */
  countPostMs?: number[];
}

/** Lines per (SKU, location) row over the year (~every 36 days, with jitter). */
const PER_ROW = 10;

export async function runReconciliation(pool: pg.Pool, rowsWanted: number, repeats: number, log: (m: string) => void): Promise<ReconciliationResult> {
  const skus = Math.ceil(rowsWanted / LOCATIONS.length);
  const t0 = performance.now();
  await pool.query(
    `INSERT INTO sku (code, name, unit_cost, updated_at)
     SELECT 'BENCH-REC-' || lpad(i::text, 6, '0'), 'Bench counted product ' || i, CASE WHEN i % 10 = 0 THEN NULL ELSE 5 + i % 50 END, now()
       FROM generate_series(0, $1 - 1) AS i ON CONFLICT (code) DO NOTHING`,
    [skus],
  );
  await pool.query(
    `INSERT INTO location (code, name, type, sellable, updated_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::timestamptz[]) ON CONFLICT (code) DO NOTHING`,
    [LOCATIONS.map((l) => l.code), LOCATIONS.map((l) => l.name), LOCATIONS.map((l) => l.type), LOCATIONS.map(() => true), LOCATIONS.map(() => new Date())],
  );
  // Counted lines: seq far above the ledger's (these lines have no ledger rows; only reads are timed).
  const start = new Date(Date.now() - 365 * DAY);
  const r = await pool.query(
    `INSERT INTO counted_line (seq, sku_id, location_id, source, occurred_at, system, counted, variance, bucket, previous_at, unit_cost_cents)
     SELECT 9000000000000 + row_number() OVER (), x.sku_id, x.location_id, 'bench-wms', x.at, x.system, x.system - x.variance, x.variance,
            CASE WHEN x.prev IS NULL THEN '>90' WHEN floor(extract(epoch FROM x.at - x.prev) / 86400) <= 7 THEN '0-7'
                 WHEN floor(extract(epoch FROM x.at - x.prev) / 86400) <= 30 THEN '8-30' WHEN floor(extract(epoch FROM x.at - x.prev) / 86400) <= 90 THEN '31-90' ELSE '>90' END,
            x.prev, x.cents
       FROM (SELECT y.*, lag(y.at) OVER (PARTITION BY y.sku_id, y.location_id ORDER BY y.at) AS prev
               FROM (SELECT s.id AS sku_id, l.id AS location_id,
                            $2::timestamptz + make_interval(secs => (k * 36.5 * 86400 + ((s.id * 7919 + l.id * 104729 + k * 31) % (30 * 86400)))::double precision) AS at,
                            20 + (s.id + k) % 200 AS system,
                            CASE WHEN (s.id + l.id + k) % 4 = 0 THEN (s.id + k) % 7 - 3 ELSE 0 END AS variance,
                            (s.unit_cost * 100)::int AS cents
                       FROM sku s CROSS JOIN location l CROSS JOIN generate_series(0, $3 - 1) AS k
                      WHERE s.code LIKE 'BENCH-REC-%' AND l.code = ANY($1::text[])) y) x
     ON CONFLICT (seq) DO NOTHING`,
    [LOCATIONS.map((l) => l.code), start, PER_ROW],
  );
  await rebuildCountedRollup(pool);
  await pool.query("ANALYZE counted_line");
  await pool.query("ANALYZE counted_rollup");
  const seedMs = performance.now() - t0;
  const lines = Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM counted_line")).rows[0].n);
  log(
    `    ${(skus * LOCATIONS.length).toLocaleString("en-US")} (SKU, location) rows, ${lines.toLocaleString("en-US")} counted lines (${r.rowCount?.toLocaleString("en-US")} new) and their rollup in ${Math.round(seedMs).toLocaleString("en-US")} ms`,
  );

  const now = Date.now();
  const from = now - 365 * DAY - 3_600_000; // a ragged start: the edges are read from the lines
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const matrixMs: number[] = [];
  const summaryMs: number[] = [];
  const countAllMs: number[] = [];
  const groupByMs: number[] = [];
  await getReconciliationMatrix(pool, from, now); // warm the cache and the prepared statement
  for (let i = 0; i < repeats; i++) {
    matrixMs.push(await time(() => getReconciliationMatrix(pool, from, now)));
    summaryMs.push(await time(() => getReconciliationSummary(pool, now)));
    countAllMs.push(await time(() => pool.query("SELECT count(*) FROM counted_line WHERE occurred_at >= $1 AND occurred_at < $2", [new Date(from), new Date(now)])));
    groupByMs.push(
      await time(() =>
        pool.query(
          `SELECT location_id, bucket, count(*), sum(variance), sum(abs(variance)), sum(system), count(*) FILTER (WHERE variance = 0), sum(abs(variance)::bigint * unit_cost_cents)
             FROM counted_line WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1, 2`,
          [new Date(from), new Date(now)],
        ),
      ),
    );
  }
  return {
    rows: skus * LOCATIONS.length,
    lines,
    seedMs,
    matrixMs,
    summaryMs,
    countAllMs,
    groupByMs,
    medianMatrixMs: median(matrixMs),
    medianSummaryMs: median(summaryMs),
    medianCountAllMs: median(countAllMs),
    medianGroupByMs: median(groupByMs),
  };
}

/**
 * 1,000 trusted cycle_counts (one per bench SKU at one location) in one POST /api/events, as an
 * approved count of 1,000 lines reaches the ledger: ledger, fold, counted lines, rollup, answer.
 */
export async function postCountBatches(url: string, token: string, skuCodes: readonly string[], repeats: number, tag: string): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const at = new Date(Date.now() - 1000).toISOString();
    const events = skuCodes.map((sku, i) => ({
      id: `rec-${tag}-${r}-${i}`,
      source: "bench-wms",
      type: "cycle_count",
      sku,
      location: LOCATIONS[0].code,
      quantity: (i * 7 + r) % 50,
      occurredAt: at,
      reason: "miscount",
    }));
    const t = performance.now();
    const res = await fetch(new URL("/api/events", url), { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(events) });
    const body = (await res.json()) as { results?: { status: string; error?: unknown }[]; error?: unknown };
    out.push(performance.now() - t);
    const accepted = body.results?.filter((x) => x.status === "accepted").length ?? 0;
    if (res.status !== 202 || accepted !== events.length)
      throw new Error(`count batch: HTTP ${res.status}, ${accepted} of ${events.length} accepted: ${JSON.stringify(body.error ?? body.results?.find((x) => x.status !== "accepted"))}`);
  }
  return out;
}
