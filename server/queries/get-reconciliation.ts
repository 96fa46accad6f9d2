import "server-only";
import type pg from "pg";
import { AGING_BUCKETS, type AgingBucket } from "@/lib/reconciliation/aging";
import { splitPeriod } from "@/lib/reconciliation/period";
import { DAY_MS } from "@/lib/time/durations";
import { weekOf, weekRange, weeksBefore } from "@/lib/time/iso-week";
import { addSums, emptySums, statsOf, sumAll, type VarianceStats, type VarianceSums } from "@/lib/reconciliation/variance-stats";

export type ReconciliationCell = { location: string; bucket: AgingBucket } & VarianceStats;
export type ReconciliationMatrix = {
  from: string;
  to: string;
  cells: ReconciliationCell[];
  byLocation: ({ location: string } & VarianceStats)[];
  /** Beyond docs/API.md's shape (additive): each bucket over every location, whose rate the cells cannot give back. */
  byBucket: ({ bucket: AgingBucket } & VarianceStats)[];
  total: VarianceStats;
};
export type ReconciliationSummary = { from: string; to: string } & VarianceStats;

type SumsRow = { location_id: number; bucket: string; lines: string; net: string; absolute: string; system: string; accurate: string; valued: string; value_cents: string };

// Whole days from the rollup, the ragged edges from the lines (index on occurred_at): a year of
// lines is read as ~365 × locations × 4 rollup rows plus two partial days.
const SUMS_SQL = `
  SELECT location_id, bucket, sum(lines) AS lines, sum(net) AS net, sum(absolute) AS absolute, sum(system) AS system,
         sum(accurate) AS accurate, sum(valued) AS valued, sum(value_cents) AS value_cents
    FROM (SELECT location_id, bucket, lines::bigint, net, absolute, system, accurate::bigint, valued::bigint, value_cents
            FROM counted_rollup WHERE day >= $1::date AND day < $2::date
          UNION ALL
          SELECT location_id, bucket, 1, variance, abs(variance), system, (variance = 0)::int, (unit_cost_cents IS NOT NULL)::int,
                 abs(variance)::bigint * coalesce(unit_cost_cents, 0)
            FROM counted_line WHERE (occurred_at >= $3 AND occurred_at < $4) OR (occurred_at >= $5 AND occurred_at < $6)) x
   GROUP BY 1, 2`;

/** Σ per (location id, bucket) of the counted lines that occurred in [from, to). */
export async function periodSums(pool: pg.Pool | pg.PoolClient, from: number, to: number): Promise<Map<number, Map<string, VarianceSums>>> {
  const { days, edges } = splitPeriod(from, to);
  const r = await pool.query<SumsRow>({
    name: "reconciliation-period-sums",
    text: SUMS_SQL,
    values: [days[0], days[1], new Date(edges[0][0]), new Date(edges[0][1]), new Date(edges[1][0]), new Date(edges[1][1])],
  });
  const out = new Map<number, Map<string, VarianceSums>>();
  for (const row of r.rows) {
    let m = out.get(row.location_id);
    if (!m) out.set(row.location_id, (m = new Map()));
    m.set(row.bucket, {
      lines: Number(row.lines),
      net: Number(row.net),
      absolute: Number(row.absolute),
      system: Number(row.system),
      accurate: Number(row.accurate),
      valued: Number(row.valued),
      valueCents: Number(row.value_cents),
    });
  }
  return out;
}

/** docs/RECONCILIATION.md#numbers, docs/API.md: the location × aging matrix for [from, to), every location and bucket listed. */
export async function getReconciliationMatrix(pool: pg.Pool, from: number, to: number): Promise<ReconciliationMatrix> {
  const [sums, locations] = await Promise.all([periodSums(pool, from, to), pool.query<{ id: number; code: string }>("SELECT id, code FROM location ORDER BY code")]);
  const cells: ReconciliationCell[] = [];
  const byLocation: ReconciliationMatrix["byLocation"] = [];
  let total = emptySums();
  const bucketSums = new Map(AGING_BUCKETS.map((b) => [b, emptySums()]));
  for (const loc of locations.rows) {
    const m = sums.get(loc.id);
    let here = emptySums();
    for (const bucket of AGING_BUCKETS) {
      const s = m?.get(bucket) ?? emptySums();
      here = addSums(here, s);
      bucketSums.set(bucket, addSums(bucketSums.get(bucket)!, s));
      cells.push({ location: loc.code, bucket, ...statsOf(s) });
    }
    byLocation.push({ location: loc.code, ...statsOf(here) });
    total = addSums(total, here);
  }
  const byBucket = AGING_BUCKETS.map((bucket) => ({ bucket, ...statsOf(bucketSums.get(bucket)!) }));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), cells, byLocation, byBucket, total: statsOf(total) };
}

/** The dashboard tile: the last 30 days' totals, from the rollup and today's/edge lines only. */
export async function getReconciliationSummary(pool: pg.Pool, now = Date.now()): Promise<ReconciliationSummary> {
  const from = now - 30 * DAY_MS;
  const sums = await periodSums(pool, from, now);
  const total = sumAll([...sums.values()].flatMap((m) => [...m.values()]));
  return { from: new Date(from).toISOString(), to: new Date(now).toISOString(), ...statsOf(total) };
}

export type TrendWeek = { week: string; from: string; to: string; lines: number; absolute: number; rate: number | null; accuracy: number | null };

/**
 * Weekly variance rate and accuracy, oldest first, the current week included: ISO weeks in `timezone`
 * (ONEPOOL_TIMEZONE), the scorecard's weeks, so its reconciliation figures and this chart agree. A
 * local week need not start on a UTC day, so each is summed as any period is (rollup days + edges).
 */
export async function getReconciliationTrend(pool: pg.Pool, weeks: number, timezone: string, now = Date.now()): Promise<TrendWeek[]> {
  const current = weekOf(now, timezone);
  const labels = [...weeksBefore(current, weeks - 1, timezone), current];
  return Promise.all(
    labels.map(async (week) => {
      const { from, to } = weekRange(week, timezone);
      const st = statsOf(sumAll([...(await periodSums(pool, from.getTime(), to.getTime())).values()].flatMap((m) => [...m.values()])));
      return { week, from: from.toISOString(), to: to.toISOString(), lines: st.lines, absolute: st.absolute, rate: st.rate, accuracy: st.accuracy };
    }),
  );
}

export type ReconciliationLine = {
  sku: string;
  skuName: string;
  location: string;
  occurredAt: string;
  system: number;
  counted: number;
  variance: number;
  value: number | null;
  source: string;
  countedBy: string | null;
};

/** Keyset cursor: [value cents or −1, |variance|, seq] of the last line of the page. */
type Cursor = [number, number, string];
export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
export function decodeCursor(v: string): Cursor | null {
  try {
    const c: unknown = JSON.parse(Buffer.from(v, "base64url").toString());
    if (Array.isArray(c) && c.length === 3 && Number.isInteger(c[0]) && Number.isInteger(c[1]) && typeof c[2] === "string" && /^\d{1,19}$/.test(c[2])) return [c[0], c[1], c[2]];
  } catch {
    /* not a cursor */
  }
  return null;
}

/** The counted lines of a cell (or a location, or everything) in [from, to), largest value first, then largest variance. */
export async function getReconciliationLines(
  pool: pg.Pool,
  q: { from: number; to: number; locationId: number | null; bucket: AgingBucket | null; limit: number; cursor: Cursor | null },
): Promise<{ lines: ReconciliationLine[]; nextCursor: string | null }> {
  const r = await pool.query<{
    seq: string;
    k1: string;
    k2: number;
    sku: string;
    sku_name: string;
    location: string;
    occurred_at: Date;
    system: number;
    counted: number;
    variance: number;
    value_cents: string | null;
    source: string;
    counted_by: string | null;
  }>({
    name: "reconciliation-lines",
    text: `SELECT l.seq, coalesce(abs(l.variance)::bigint * l.unit_cost_cents, -1) AS k1, abs(l.variance) AS k2, s.code AS sku, s.name AS sku_name,
                  loc.code AS location, l.occurred_at, l.system, l.counted, l.variance,
                  abs(l.variance)::bigint * l.unit_cost_cents AS value_cents, l.source, e.body->'payload'->>'countedBy' AS counted_by
             FROM counted_line l JOIN sku s ON s.id = l.sku_id JOIN location loc ON loc.id = l.location_id JOIN event e ON e.seq = l.seq
            WHERE l.occurred_at >= $1 AND l.occurred_at < $2 AND ($3::int IS NULL OR l.location_id = $3) AND ($4::text IS NULL OR l.bucket = $4)
              AND ($5::bigint IS NULL OR (coalesce(abs(l.variance)::bigint * l.unit_cost_cents, -1), abs(l.variance), l.seq) < ($5, $6, $7::bigint))
            ORDER BY k1 DESC, k2 DESC, l.seq DESC
            LIMIT $8`,
    values: [new Date(q.from), new Date(q.to), q.locationId, q.bucket, q.cursor?.[0] ?? null, q.cursor?.[1] ?? null, q.cursor?.[2] ?? null, q.limit + 1],
  });
  const page = r.rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    lines: page.map((x) => ({
      sku: x.sku,
      skuName: x.sku_name,
      location: x.location,
      occurredAt: x.occurred_at.toISOString(),
      system: x.system,
      counted: x.counted,
      variance: x.variance,
      value: x.value_cents === null ? null : Number(x.value_cents) / 100,
      source: x.source,
      countedBy: x.counted_by,
    })),
    nextCursor: r.rows.length > q.limit && last ? encodeCursor([Number(last.k1), last.k2, last.seq]) : null,
  };
}
