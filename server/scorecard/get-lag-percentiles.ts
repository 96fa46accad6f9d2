import "server-only";
import type pg from "pg";
import { RESERVATION_SOURCE } from "@/server/reservations/hold-events";

export interface LagRow {
  week: number;
  /** null = all channels. */
  channel: string | null;
  p50: number | null;
  p95: number | null;
}

// percentile_disc is the nearest rank (the first value whose cumulative share reaches p), the same
// rule as lib/metrics/percentile.ts, so these match the live lag figures' definition.

/** Ingest lag (receivedAt − occurredAt) p50/p95 in ms per week and channel (and all) over the events received in each week; Onepool's own holds are not ingested. */
export async function getIngestLagByWeek(pool: pg.Pool, edges: readonly Date[], skuIds: readonly number[] | null): Promise<LagRow[]> {
  const r = await pool.query<{ w: number; channel: string | null; total: boolean; p50: number | null; p95: number | null }>(
    `SELECT w, c.code AS channel, GROUPING(x.channel_id) = 1 AS total,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY lag) AS p95
       FROM (SELECT width_bucket(received_at, $1::timestamptz[]) AS w, channel_id,
                    (EXTRACT(EPOCH FROM (received_at - occurred_at)) * 1000)::float8 AS lag
               FROM event WHERE received_at >= $2 AND received_at < $3 AND source <> $4
                AND ($5::int[] IS NULL OR sku_id = ANY($5::int[]))) x
       LEFT JOIN channel c ON c.id = x.channel_id
      GROUP BY GROUPING SETS ((w, x.channel_id, c.code), (w))`,
    [edges, edges[0], edges[edges.length - 1], RESERVATION_SOURCE, skuIds],
  );
  return r.rows
    .filter((x) => x.total || x.channel !== null)
    .map((x) => ({ week: x.w, channel: x.total ? null : x.channel, p50: x.p50 === null ? null : Math.round(x.p50), p95: x.p95 === null ? null : Math.round(x.p95) }));
}

/** End-to-end lag p50/p95 in ms per week and channel (and all) over the acknowledgements in each week that carried a change (lag_ms not null). */
export async function getEndToEndLagByWeek(pool: pg.Pool, edges: readonly Date[], skuIds: readonly number[] | null): Promise<LagRow[]> {
  const r = await pool.query<{ w: number; channel: string | null; total: boolean; p50: number | null; p95: number | null }>(
    `SELECT w, c.code AS channel, GROUPING(c.code) = 1 AS total,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY lag_ms) AS p95
       FROM (SELECT width_bucket(acked_at, $1::timestamptz[]) AS w, channel_id, lag_ms FROM outbound_ack
              WHERE acked_at >= $2 AND acked_at < $3 AND lag_ms IS NOT NULL AND ($4::int[] IS NULL OR sku_id = ANY($4::int[]))) a
       JOIN channel c ON c.id = a.channel_id
      GROUP BY GROUPING SETS ((w, c.code), (w))`,
    [edges, edges[0], edges[edges.length - 1], skuIds],
  );
  return r.rows.map((x) => ({ week: x.w, channel: x.total ? null : x.channel, p50: x.p50, p95: x.p95 }));
}
