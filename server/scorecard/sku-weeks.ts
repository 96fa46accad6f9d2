import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { LocationInfo } from "@/lib/scorecard/available-history";
import { DAY_MS } from "@/lib/scorecard/rollup-pieces";
import { skuWeeks, type SkuWeek, type WeekWindow } from "@/lib/scorecard/sku-week";
import { forEachSkuHistory } from "./load-sku-histories";

// Stockout hours and cover need each SKU's available real over time, which is no sum (per-location
// clamping, absolutes, trusted sources): it is replayed from the ledger, then kept per (SKU, week)
// in scorecard_sku_week with a stamp, the number of the SKU's events before the week's end. The
// event trigger counts them per SKU and UTC day, so a call re-reads only the SKUs an event has
// reached since (a late one included), and replays nothing when nothing moved.
//
// Stamp of (SKU, week ending at `to`) = its events on UTC days before the day `to` falls in or
// ends = all events − those on days from ceil-day(to) on. Events of [to, ceil-day(to)) count too:
// a needless replay at worst, never a missed one. Read before the histories: an event committed
// in between is in the replay but not the stamp, so the next call replays again (never the reverse).

const CACHE_CHUNK = 5000;

/** Bump when what a SKU's week holds (lib/scorecard/sku-week.ts) is computed differently. */
const VERSION = 1;

/** The locations' sellable flags and trusted sources, which the replay depends on beside the ledger (and the code's version). */
export const locationsFingerprint = (locations: readonly LocationInfo[]): string =>
  createHash("sha1")
    .update(JSON.stringify([VERSION, ...[...locations].sort((a, b) => Number(a.id) - Number(b.id)).map((l) => [l.id, l.sellable, [...l.trusted].sort()])]))
    .digest("hex");

async function readStamps(pool: pg.Pool, skuIds: readonly number[] | null, weeks: readonly WeekWindow[]): Promise<Map<number, number[]>> {
  const days = weeks.map((w) => new Date(Math.ceil(w.to / DAY_MS) * DAY_MS).toISOString().slice(0, 10));
  const [totals, recent] = await Promise.all([
    pool.query<{ sku_id: number; events: string }>("SELECT sku_id, events FROM scorecard_sku_events WHERE ($1::int[] IS NULL OR sku_id = ANY($1::int[]))", [skuIds]),
    pool.query<{ sku_id: number; k: number; n: string }>(
      `SELECT sku_id, width_bucket(day, $1::date[]) AS k, sum(events) AS n FROM scorecard_sku_day
        WHERE day >= $2::date AND ($3::int[] IS NULL OR sku_id = ANY($3::int[])) GROUP BY 1, 2`,
      [days, days[0], skuIds],
    ),
  ]);
  const out = new Map<number, number[]>();
  for (const t of totals.rows) out.set(t.sku_id, weeks.map(() => Number(t.events)));
  // Bucket k (1-based) holds days in [days[k−1], days[k]): it is after week j's end for every j < k.
  for (const r of recent.rows) {
    const stamps = out.get(r.sku_id);
    if (!stamps) continue;
    for (let j = 0; j < r.k && j < weeks.length; j++) stamps[j] -= Number(r.n);
  }
  return out;
}

/** Each SKU's values for each week (same order as `weeks`), from the cache where current, replayed where not. */
export async function getSkuWeeks(
  pool: pg.Pool, skuIds: readonly number[], restricted: boolean, locations: readonly LocationInfo[], weeks: readonly WeekWindow[],
): Promise<{ values: Map<number, SkuWeek[]>; replayed: number }> {
  const config = locationsFingerprint(locations);
  const filter = restricted ? skuIds : null;
  const stamps = await readStamps(pool, filter, weeks);
  const stampOf = (skuId: number) => stamps.get(skuId) ?? weeks.map(() => 0);
  const dates = (f: (w: WeekWindow) => number) => weeks.map((w) => new Date(f(w)));
  const cached = await pool.query<{
    sku_id: number; week_to: Date; stamp: string; zero_ms: string; available_end: number; known: boolean; units_4w: number; units_24h: number; units_7d: number;
  }>(
    `SELECT sku_id, week_to, stamp, zero_ms, available_end, known, units_4w, units_24h, units_7d FROM scorecard_sku_week
      WHERE config = $1 AND (sellers_from, week_from, week_to) IN (SELECT * FROM unnest($2::timestamptz[], $3::timestamptz[], $4::timestamptz[]))
        AND ($5::int[] IS NULL OR sku_id = ANY($5::int[]))`,
    [config, dates((w) => w.sellersFrom), dates((w) => w.from), dates((w) => w.to), filter],
  );
  const weekOf = new Map(weeks.map((w, i) => [w.to, i]));
  const values = new Map<number, (SkuWeek | undefined)[]>(skuIds.map((id) => [id, weeks.map(() => undefined)]));
  for (const r of cached.rows) {
    const i = weekOf.get(r.week_to.getTime());
    const slot = values.get(r.sku_id);
    if (i === undefined || !slot || Number(r.stamp) !== stampOf(r.sku_id)[i]) continue;
    slot[i] = { zeroMs: Number(r.zero_ms), availableEnd: r.available_end, known: r.known, units4w: r.units_4w, units24h: r.units_24h, units7d: r.units_7d };
  }

  const stale = skuIds.filter((id) => values.get(id)!.some((v) => v === undefined));
  const fresh: { skuId: number; i: number; v: SkuWeek }[] = [];
  if (stale.length > 0) {
    await forEachSkuHistory(pool, stale, new Date(weeks[weeks.length - 1].to), (skuId, events) => {
      const v = skuWeeks(events, locations, weeks);
      values.set(skuId, v);
      v.forEach((x, i) => fresh.push({ skuId, i, v: x }));
    });
    for (let c = 0; c < fresh.length; c += CACHE_CHUNK) await storeSkuWeeks(pool, config, weeks, fresh.slice(c, c + CACHE_CHUNK), stampOf);
  }
  return { values: values as Map<number, SkuWeek[]>, replayed: stale.length };
}

async function storeSkuWeeks(
  pool: pg.Pool, config: string, weeks: readonly WeekWindow[], rows: readonly { skuId: number; i: number; v: SkuWeek }[], stampOf: (skuId: number) => number[],
): Promise<void> {
  const col = <T>(f: (r: { skuId: number; i: number; v: SkuWeek }) => T) => rows.map(f);
  await pool.query(
    `INSERT INTO scorecard_sku_week (sku_id, sellers_from, week_from, week_to, config, stamp, zero_ms, available_end, known, units_4w, units_24h, units_7d)
     SELECT u.sku_id, u.sellers_from, u.week_from, u.week_to, $1, u.stamp, u.zero_ms, u.available_end, u.known, u.units_4w, u.units_24h, u.units_7d
       FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::bigint[], $7::bigint[], $8::int[], $9::bool[], $10::int[], $11::int[], $12::int[])
         AS u(sku_id, sellers_from, week_from, week_to, stamp, zero_ms, available_end, known, units_4w, units_24h, units_7d)
     ON CONFLICT (sku_id, sellers_from, week_from, week_to) DO UPDATE SET config = EXCLUDED.config, stamp = EXCLUDED.stamp, zero_ms = EXCLUDED.zero_ms,
       available_end = EXCLUDED.available_end, known = EXCLUDED.known, units_4w = EXCLUDED.units_4w, units_24h = EXCLUDED.units_24h, units_7d = EXCLUDED.units_7d`,
    [
      config, col((r) => r.skuId), col((r) => new Date(weeks[r.i].sellersFrom)), col((r) => new Date(weeks[r.i].from)), col((r) => new Date(weeks[r.i].to)),
      col((r) => stampOf(r.skuId)[r.i]), col((r) => r.v.zeroMs), col((r) => r.v.availableEnd), col((r) => r.v.known), col((r) => r.v.units4w),
      col((r) => r.v.units24h), col((r) => r.v.units7d),
    ],
  );
}
