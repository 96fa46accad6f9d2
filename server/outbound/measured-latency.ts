import "server-only";
import type pg from "pg";

/** docs/CHANNEL-RULES.md: a channel's latency is measured once it has this many acknowledged pushes in 24 h. */
export const MIN_ACKS_FOR_MEASURED = 20;
const CACHE_MS = 5000;

export interface MeasuredLatency {
  acks: number;
  p95Ms: number;
}

const cache = new WeakMap<object, { at: number; value: Promise<Map<number, MeasuredLatency>> }>();

/**
 * p95 of each channel's acknowledged end-to-end lags over 24 h, for channels with enough acks.
 * Cached a few seconds per pool: every publisher pass and reservation reads the allocation
 * context, and a percentile over a day of acks is too dear to run once a second.
 */
export function getMeasuredLatencies(pool: pg.Pool | pg.PoolClient): Promise<Map<number, MeasuredLatency>> {
  const hit = cache.get(pool);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = pool
    .query<{ channel_id: number; acks: string; p95: number }>(
      // Only acks of real changes have a lag; a re-told number's ack (lag_ms null) measures nothing.
      `SELECT channel_id, count(lag_ms) AS acks, percentile_disc(0.95) WITHIN GROUP (ORDER BY lag_ms) AS p95
         FROM outbound_ack WHERE acked_at > now() - interval '24 hours'
        GROUP BY channel_id HAVING count(lag_ms) >= $1`,
      [MIN_ACKS_FOR_MEASURED],
    )
    .then((r) => new Map(r.rows.map((x) => [x.channel_id, { acks: Number(x.acks), p95Ms: x.p95 }])));
  value.catch(() => cache.delete(pool));
  cache.set(pool, { at: Date.now(), value });
  return value;
}

/** After acks are recorded in this process: the next read measures again. */
export function forgetMeasuredLatencies(pool: pg.Pool | pg.PoolClient): void {
  cache.delete(pool);
}
