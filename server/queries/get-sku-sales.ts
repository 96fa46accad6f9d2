import "server-only";
import type pg from "pg";

/** Units sold per UTC day over the last `days` days, zero-filled, oldest first (the velocity chart). */
export async function getSkuDailySales(pool: pg.Pool, code: string, days: number): Promise<{ day: string; units: number }[]> {
  const r = await pool.query<{ day: string; units: number }>(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(SUM(h.units), 0)::float8 AS units
       FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => $2::int - 1),
                            date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS d(day)
       LEFT JOIN sku s ON s.code = $1
       LEFT JOIN sales_hourly h ON h.sku_id = s.id AND (h.hour AT TIME ZONE 'UTC') >= d.day AND (h.hour AT TIME ZONE 'UTC') < d.day + interval '1 day'
      GROUP BY d.day ORDER BY d.day`,
    [code, days],
  );
  return r.rows;
}
