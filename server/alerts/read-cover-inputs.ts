import "server-only";
import type pg from "pg";
import type { CoverInput } from "@/lib/alerts/conditions";

// What low cover is computed from (docs/NUMBERS.md, docs/ALERTS.md), read once for both the low_cover alert and the
// Reorder view, so the two can never disagree on a SKU's numbers.

type Db = Pick<pg.PoolClient, "query">;

export interface CoverRow extends Omit<CoverInput, "safetyDays"> {
  skuId: number;
  code: string;
  name: string;
  /** False when the SKU sold nothing in 7 days (cover ∞): it cannot be low. */
  sold: boolean;
}

/**
 * Per SKU: available real (sellable locations, negatives as 0), incoming over every location (POs,
 * ASNs, transfers in transit; clamped at 0), units sold in the dashboard's 24-hour and 7-day windows
 * and the lead time. `skus` null reads every SKU; `unsold` false leaves out SKUs with no sales row
 * in 7 days (the alert's case: only they can be low).
 */
export async function readCoverInputs(db: Db, skus: number[] | null, opts: { unsold: boolean }): Promise<CoverRow[]> {
  const r = await db.query<{ id: number; code: string; name: string; lead_time_days: number; available_real: number; incoming: number; units24h: number; units7d: number; sold: boolean }>(
    `SELECT s.id, s.code, s.name, s.lead_time_days, COALESCE(v.units24h, 0)::float8 AS units24h, COALESCE(v.units7d, 0)::float8 AS units7d,
            v.units7d IS NOT NULL AS sold,
            COALESCE(a.available_real, 0)::float8 AS available_real, GREATEST(0, COALESCE(a.incoming, 0))::float8 AS incoming
       FROM sku s
       JOIN LATERAL (
         SELECT COALESCE(SUM(h.units) FILTER (WHERE h.hour >= date_trunc('hour', now()) - interval '23 hours'), 0) AS units24h, SUM(h.units) AS units7d
           FROM sales_hourly h WHERE h.sku_id = s.id AND h.hour >= date_trunc('hour', now()) - interval '167 hours') v ON ($2 OR v.units7d IS NOT NULL)
       LEFT JOIN LATERAL (
         SELECT SUM(GREATEST(0, sl.available)) FILTER (WHERE l.sellable) AS available_real, SUM(sl.incoming_total) AS incoming
           FROM stock_level sl JOIN location l ON l.id = sl.location_id WHERE sl.sku_id = s.id) a ON true
      WHERE ($1::int[] IS NULL OR s.id = ANY($1))`,
    [skus, opts.unsold],
  );
  return r.rows.map((x) => ({
    skuId: x.id,
    code: x.code,
    name: x.name,
    leadTimeDays: x.lead_time_days,
    availableReal: x.available_real,
    incoming: x.incoming,
    units24h: x.units24h,
    units7d: x.units7d,
    sold: x.sold,
  }));
}
