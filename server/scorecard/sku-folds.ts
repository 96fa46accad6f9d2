import "server-only";
import type pg from "pg";
import { inTransaction } from "@/server/db/in-transaction";
import type { SkuFoldState } from "@/lib/scorecard/sku-fold";
import type { SkuWeek, WeekWindow } from "@/lib/scorecard/sku-week";
import type { Stamp } from "./sku-weeks";

// Each SKU's fold state at each week's end in a zone, and the values of the week ending there
// (scorecard_sku_fold; docs/SCORECARD.md, "Fold state at each week's end"). A row is valid while it
// exists: the drain deletes a SKU's rows that end after the earliest event it folds for that SKU
// (migration 20261207075849), and a row is only written if no such event was drained between the
// stamp read before the history and the write (storeSkuFolds). So a newly closed week folds that
// week's events from the week before, and a late event costs the weeks from its own on.

export interface KeptFold {
  weekFrom: number;
  state: SkuFoldState;
  value: SkuWeek;
}

/**
 * The kept folds of these SKUs in `timezone` under `config` at the given week ends, by SKU then week
 * end (ms); with `from`, only those at or after each SKU's own instant (a read needs none before the
 * start of its first stale week, and each row carries a jsonb state).
 */
export async function readSkuFolds(
  pool: pg.Pool,
  timezone: string,
  config: string,
  skuIds: readonly number[],
  ends: readonly number[],
  from?: (skuId: number) => number,
): Promise<Map<number, Map<number, KeptFold>>> {
  const r = await pool.query<{
    sku_id: number;
    week_end: Date;
    week_from: Date;
    state: SkuFoldState;
    zero_ms: number;
    available_end: number;
    known: boolean;
    units_4w: number;
    units_24h: number;
    units_7d: number;
  }>(
    `SELECT f.sku_id, f.week_end, f.week_from, f.state, f.zero_ms::float8 AS zero_ms, f.available_end, f.known, f.units_4w, f.units_24h, f.units_7d
       FROM unnest($3::int[], $5::timestamptz[]) AS u(sku_id, lo)
       JOIN scorecard_sku_fold f ON f.timezone = $1 AND f.config = $2 AND f.sku_id = u.sku_id AND f.week_end >= u.lo AND f.week_end = ANY($4::timestamptz[])`,
    [timezone, config, skuIds, ends.map((t) => new Date(t)), skuIds.map((id) => new Date(from ? from(id) : Math.min(...ends)))],
  );
  const out = new Map<number, Map<number, KeptFold>>();
  for (const x of r.rows) {
    let m = out.get(x.sku_id);
    if (!m) out.set(x.sku_id, (m = new Map()));
    m.set(x.week_end.getTime(), {
      weekFrom: x.week_from.getTime(),
      state: x.state,
      value: { zeroMs: x.zero_ms, availableEnd: x.available_end, known: x.known, units4w: x.units_4w, units24h: x.units_24h, units7d: x.units_7d },
    });
  }
  return out;
}

/** Which week ends (ms) each SKU has a kept fold for, and that week's start: no states read (the preparer's plan). */
export async function readSkuFoldEnds(pool: pg.Pool, timezone: string, config: string, skuIds: readonly number[], through: Date): Promise<Map<number, Map<number, number>>> {
  const r = await pool.query<{ sku_id: number; week_end: Date; week_from: Date }>(
    "SELECT sku_id, week_end, week_from FROM scorecard_sku_fold WHERE timezone = $1 AND config = $2 AND sku_id = ANY($3::int[]) AND week_end <= $4",
    [timezone, config, skuIds, through],
  );
  const out = new Map<number, Map<number, number>>();
  for (const x of r.rows) {
    let m = out.get(x.sku_id);
    if (!m) out.set(x.sku_id, (m = new Map()));
    m.set(x.week_end.getTime(), x.week_from.getTime());
  }
  return out;
}

/** The kept fold state of each (SKU, week end) asked for. */
export async function readSkuFoldStates(pool: pg.Pool, timezone: string, config: string, at: ReadonlyMap<number, number>): Promise<Map<number, SkuFoldState>> {
  const ids = [...at.keys()];
  if (ids.length === 0) return new Map();
  const r = await pool.query<{ sku_id: number; state: SkuFoldState }>(
    `SELECT f.sku_id, f.state FROM unnest($3::int[], $4::timestamptz[]) AS u(sku_id, week_end)
       JOIN scorecard_sku_fold f ON f.timezone = $1 AND f.sku_id = u.sku_id AND f.week_end = u.week_end AND f.config = $2`,
    [timezone, config, ids, ids.map((id) => new Date(at.get(id)!))],
  );
  return new Map(r.rows.map((x) => [x.sku_id, x.state]));
}

export interface FoldRow {
  skuId: number;
  window: WeekWindow;
  state: SkuFoldState;
  value: SkuWeek;
}

/**
 * Keep fold rows computed from histories read after `stampOf`'s stamps. Under the drain's lock, so
 * no drain runs between the check and the write: a SKU's rows go in only while its stamp says no
 * event before their end was drained since (same `late`, and same `events` or high_water already at
 * or past the end: the rule of sku-weeks.ts). A drain after the write deletes them itself.
 */
export async function storeSkuFolds(pool: pg.Pool, timezone: string, config: string, rows: readonly FoldRow[], stampOf: (skuId: number) => Stamp): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: FoldRow) => T) => rows.map(f);
  await inTransaction(pool, async (client) => {
    // The drain's own lock (onepool_scorecard_drain): the stamps read below are every drain's so far.
    await client.query("SELECT pg_advisory_xact_lock(7400169, 16)");
    await client.query(
      `INSERT INTO scorecard_sku_fold (timezone, sku_id, week_end, config, sellers_from, week_from, state, zero_ms, available_end, known, units_4w, units_24h, units_7d)
       SELECT $1, u.sku_id, u.week_end, $2, u.sellers_from, u.week_from, u.state, u.zero_ms, u.available_end, u.known, u.units_4w, u.units_24h, u.units_7d
         FROM unnest($3::int[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[], $8::bigint[], $9::int[], $10::bool[], $11::int[], $12::int[], $13::int[],
                     $14::bigint[], $15::timestamptz[], $16::bigint[])
           AS u(sku_id, week_end, sellers_from, week_from, state, zero_ms, available_end, known, units_4w, units_24h, units_7d, events, high_water, late)
         JOIN scorecard_sku_events s ON s.sku_id = u.sku_id
        WHERE s.late = u.late AND (s.events = u.events OR u.high_water >= u.week_end)
       ON CONFLICT (timezone, sku_id, week_end) DO UPDATE SET config = EXCLUDED.config, sellers_from = EXCLUDED.sellers_from, week_from = EXCLUDED.week_from,
         state = EXCLUDED.state, zero_ms = EXCLUDED.zero_ms, available_end = EXCLUDED.available_end, known = EXCLUDED.known, units_4w = EXCLUDED.units_4w,
         units_24h = EXCLUDED.units_24h, units_7d = EXCLUDED.units_7d`,
      [
        timezone,
        config,
        col((r) => r.skuId),
        col((r) => new Date(r.window.to)),
        col((r) => new Date(r.window.sellersFrom)),
        col((r) => new Date(r.window.from)),
        col((r) => JSON.stringify(r.state)),
        col((r) => r.value.zeroMs),
        col((r) => r.value.availableEnd),
        col((r) => r.value.known),
        col((r) => r.value.units4w),
        col((r) => r.value.units24h),
        col((r) => r.value.units7d),
        col((r) => stampOf(r.skuId).events),
        col((r) => {
          const h = stampOf(r.skuId).highWater;
          return h === null ? null : new Date(h);
        }),
        col((r) => stampOf(r.skuId).late),
      ],
    );
  });
}

/**
 * The kept weeks (scorecard_sku_week) of each SKU up to `upTo`, put back from its kept folds under
 * the stamp read now, where they are not current: a kept fold holds, so nothing before its end
 * arrived since it was folded, and the week's values it holds are still the replay's.
 */
export async function restampSkuWeeks(pool: pg.Pool, timezone: string, config: string, upTo: ReadonlyMap<number, number>, stampOf: (skuId: number) => Stamp): Promise<void> {
  const ids = [...upTo.keys()];
  if (ids.length === 0) return;
  await pool.query(
    `INSERT INTO scorecard_sku_week (sku_id, sellers_from, week_from, week_to, config, events, high_water, late, zero_ms, available_end, known, units_4w, units_24h, units_7d)
     SELECT f.sku_id, f.sellers_from, f.week_from, f.week_end, f.config, u.events, u.high_water, u.late, f.zero_ms, f.available_end, f.known, f.units_4w, f.units_24h, f.units_7d
       FROM unnest($3::int[], $4::timestamptz[], $5::bigint[], $6::timestamptz[], $7::bigint[]) AS u(sku_id, up_to, events, high_water, late)
       JOIN scorecard_sku_fold f ON f.timezone = $1 AND f.sku_id = u.sku_id AND f.week_end <= u.up_to AND f.config = $2
       LEFT JOIN scorecard_sku_week w ON w.sku_id = f.sku_id AND w.sellers_from = f.sellers_from AND w.week_from = f.week_from AND w.week_to = f.week_end
      WHERE w.sku_id IS NULL OR w.config <> $2 OR w.late <> u.late OR NOT (w.events = u.events OR coalesce(w.high_water >= w.week_to, false))
     ON CONFLICT (sku_id, sellers_from, week_from, week_to) DO UPDATE SET config = EXCLUDED.config, events = EXCLUDED.events, high_water = EXCLUDED.high_water,
       late = EXCLUDED.late, zero_ms = EXCLUDED.zero_ms, available_end = EXCLUDED.available_end, known = EXCLUDED.known, units_4w = EXCLUDED.units_4w,
       units_24h = EXCLUDED.units_24h, units_7d = EXCLUDED.units_7d`,
    [
      timezone,
      config,
      ids,
      ids.map((id) => new Date(upTo.get(id)!)),
      ids.map((id) => stampOf(id).events),
      ids.map((id) => {
        const h = stampOf(id).highWater;
        return h === null ? null : new Date(h);
      }),
      ids.map((id) => stampOf(id).late),
    ],
  );
}
