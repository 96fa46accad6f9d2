import "server-only";
import type pg from "pg";

export interface ChannelLag {
  channel: string;
  acks: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/**
 * End-to-end lag (docs/NUMBERS.md): occurredAt of the event that changed a channel's number → the
 * channel's acknowledgement of it, p50/p95 per channel with an outbound connector over the window.
 */
export async function getEndToEndLag(pool: pg.Pool, windowSeconds: number): Promise<ChannelLag[]> {
  const r = await pool.query<{ code: string; acks: string; p50: number | null; p95: number | null }>(
    `SELECT c.code, count(a.lag_ms) AS acks,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY a.lag_ms) AS p50,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY a.lag_ms) AS p95
       FROM channel_outbound o JOIN channel c ON c.id = o.channel_id
       LEFT JOIN outbound_ack a ON a.channel_id = o.channel_id AND a.acked_at > now() - make_interval(secs => $1::int)
      GROUP BY c.code ORDER BY c.code`,
    [windowSeconds],
  );
  return r.rows.map((x) => ({ channel: x.code, acks: Number(x.acks), p50Ms: x.p50, p95Ms: x.p95 }));
}
