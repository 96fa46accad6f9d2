import "server-only";
import type pg from "pg";

export interface StockSummary {
  skus: number;
  stockouts: number;
  lowCover: number;
  availableReal: number;
  onHand: number;
  incoming: number;
}

// The numbers of toSkuRow (server/queries/get-sku-rows.ts) and lib/metrics/velocity, summed in SQL:
// available real over sellable locations (never below 0 per location), velocity the higher of the
// last 24 h and 7 days / 7, cover = available real / velocity, low cover below lead time + safety
// days, stockout at 0. One grouped pass over stock and sales instead of building 100,000 rows (issue 18).
const SUMMARY_SQL = `
  WITH a AS (SELECT sl.sku_id, SUM(GREATEST(0, sl.available)) FILTER (WHERE l.sellable) AS ar, SUM(sl.on_hand) AS oh, SUM(sl.incoming_total) AS inc
               FROM stock_level sl JOIN location l ON l.id = sl.location_id GROUP BY sl.sku_id),
       v AS (SELECT h.sku_id, GREATEST(0, COALESCE(SUM(h.units) FILTER (WHERE h.hour >= date_trunc('hour', now()) - interval '23 hours'), 0))::numeric AS v24,
                    GREATEST(0, SUM(h.units))::numeric / 7 AS v7
               FROM sales_hourly h WHERE h.hour >= date_trunc('hour', now()) - interval '167 hours' GROUP BY h.sku_id),
       x AS (SELECT COALESCE(a.ar, 0) AS ar, COALESCE(a.oh, 0) AS oh, COALESCE(a.inc, 0) AS inc,
                    GREATEST(COALESCE(v.v24, 0), COALESCE(v.v7, 0)) AS rate, s.lead_time_days AS lt
               FROM sku s LEFT JOIN a ON a.sku_id = s.id LEFT JOIN v ON v.sku_id = s.id)
  SELECT count(*)::int AS skus, (count(*) FILTER (WHERE ar <= 0))::int AS stockouts,
         (count(*) FILTER (WHERE ar > 0 AND rate > 0 AND ar / rate < lt + $1))::int AS low_cover,
         COALESCE(SUM(ar), 0)::float8 AS available_real, COALESCE(SUM(oh), 0)::float8 AS on_hand, COALESCE(SUM(inc), 0)::float8 AS incoming
    FROM x`;

/** Counts for the dashboard's summary bar (GET /api/stock/summary): the totals of the rows the list shows. */
export async function getStockSummary(pool: pg.Pool, safetyDays: number): Promise<StockSummary> {
  const r = (await pool.query<{ skus: number; stockouts: number; low_cover: number; available_real: number; on_hand: number; incoming: number }>(SUMMARY_SQL, [safetyDays])).rows[0];
  return { skus: r.skus, stockouts: r.stockouts, lowCover: r.low_cover, availableReal: r.available_real, onHand: r.on_hand, incoming: r.incoming };
}
