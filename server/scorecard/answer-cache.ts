import "server-only";
import type pg from "pg";
import { scorecardFigure, type ScorecardFigure } from "@/lib/contracts/scorecard";

// A closed week's ledger figures (every figure but end-to-end lag and oversells), kept under a
// stamp that moves whenever an event that occurred before the week's end arrives (the per-SKU
// stamps of sku-weeks.ts, summed up: every SKU's `late` bumps, and the event counts of the SKUs
// whose latest event is still before the end), and with the catalogue (SKU and channel codes,
// locations' sellable flags and trusted sources). An event's receivedAt is its arrival, after any
// closed week, so ingest lag moves only with such events too. Read (after the queue is drained)
// before the figures are computed: an event committed in between makes the next call recompute,
// never the reverse.

/** Bump when a figure's definition changes, so answers computed by older code are not served. */
const VERSION = 1;

export const answerKey = (week: string, tz: string, skus: readonly string[] | null): string => JSON.stringify({ v: VERSION, week, tz, skus: skus ? [...skus].sort() : null });

/** The catalogue's part of a stamp (SKU and channel codes, locations' sellable flags and trusted sources), as SQL. */
export const CATALOGUE_SQL = `md5(concat_ws('|', (SELECT string_agg(id || ':' || code, ',' ORDER BY id) FROM sku), (SELECT string_agg(id || ':' || code, ',' ORDER BY id) FROM channel),
  (SELECT string_agg(id || ':' || sellable || ':' || trusted_sources::text, ',' ORDER BY id) FROM location)))`;

export async function answerStamp(pool: pg.Pool, end: Date): Promise<string> {
  return (await answerStamps(pool, [end]))[0];
}

/** answerStamp for several ends in one query (the oversell counts of 12 weeks). */
export async function answerStamps(pool: pg.Pool, ends: readonly Date[]): Promise<string[]> {
  if (ends.length === 0) return [];
  const r = await pool.query<{ late: string; before: string; catalogue: string }>(
    `WITH c AS (
       SELECT (SELECT coalesce(sum(late), 0) FROM scorecard_sku_events) AS late,
              ${CATALOGUE_SQL} AS catalogue)
     SELECT c.late, md5(coalesce((SELECT string_agg(sku_id || ':' || events, ',' ORDER BY sku_id) FROM scorecard_sku_events WHERE high_water < u.e), '')) AS before, c.catalogue
       FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(e, i) CROSS JOIN c ORDER BY u.i`,
    [ends],
  );
  return r.rows.map((x) => `${x.late}:${x.before}:${x.catalogue}`);
}

export async function readAnswer(pool: pg.Pool, key: string, stamp: string): Promise<ScorecardFigure[] | null> {
  const r = await pool.query<{ figures: unknown }>("SELECT figures FROM scorecard_answer WHERE key = $1 AND stamp = $2", [key, stamp]);
  if (r.rows.length === 0) return null;
  const parsed = scorecardFigure.array().safeParse(r.rows[0].figures);
  return parsed.success ? parsed.data : null;
}

export async function storeAnswer(pool: pg.Pool, key: string, stamp: string, figures: readonly ScorecardFigure[]): Promise<void> {
  await pool.query(
    `INSERT INTO scorecard_answer (key, stamp, figures, computed_at) VALUES ($1, $2, $3::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET stamp = EXCLUDED.stamp, figures = EXCLUDED.figures, computed_at = EXCLUDED.computed_at`,
    [key, stamp, JSON.stringify(figures)],
  );
}
