import "server-only";
import type pg from "pg";
import type { EffectiveLatency } from "@/lib/allocation/effective-latency";
import { getChannelLatencies } from "./get-channel-latencies";

export interface OutboundHealth {
  channel: string;
  name: string;
  provider: "standard" | "shopify";
  /** Numbers waiting to be acknowledged. */
  pending: number;
  /** The oldest of them: when the change it carries happened. */
  oldestPendingAt: string | null;
  failing: { since: string; reason: string } | null;
  /** The last error of a waiting push (retries in progress), when not failing. */
  lastError: string | null;
  /** The next scheduled retry of a push that already failed (null: none waits on a backoff). */
  nextAttemptAt: string | null;
  lastAckAt: string | null;
  /** End-to-end lag over the last 5 minutes and, for the dynamic buffer, the last 24 h. */
  lag5m: { acks: number; p50Ms: number | null; p95Ms: number | null };
  lag24h: { acks: number; p95Ms: number | null };
  /** The latency the dynamic buffer uses now: the same value the published numbers and the Rules page use. */
  latency: EffectiveLatency;
  latencySource: EffectiveLatency["source"];
  /** The channel's configured latency, used until enough acks measure one. */
  latencyMinutes: number | null;
}

/** Shown instead of a channel's own words to whoever may not manage connectors. */
export const REASON_FOR_ADMINS = "the channel refused or did not answer; an admin sees the reason";

/**
 * Per-channel outbound health for the dashboard (issue 7): pending, failing, last acknowledgement,
 * lag. The failing reason and last error quote the receiver's answer or the connect error (a
 * window into whatever the URL reaches): only callers with `withReasons` (admins) get them.
 */
export async function getOutboundHealth(pool: pg.Pool, opts: { withReasons: boolean }): Promise<OutboundHealth[]> {
  const [r, latencies] = await Promise.all([
    pool.query<{
      code: string;
      name: string;
      provider: "standard" | "shopify";
      failing_since: Date | null;
      failing_reason: string | null;
      last_ack_at: Date | null;
      latency_minutes: number | null;
      pending: string;
      oldest: Date | null;
      last_error: string | null;
      next_at: Date | null;
      acks5: string;
      p50_5: number | null;
      p95_5: number | null;
      acks24: string;
      p95_24: number | null;
    }>(
      `SELECT c.code, c.name, o.provider, o.failing_since, o.failing_reason, o.last_ack_at, c.latency_minutes,
            p.pending, p.oldest, p.last_error, p.next_at, l5.acks AS acks5, l5.p50 AS p50_5, l5.p95 AS p95_5, l24.acks AS acks24, l24.p95 AS p95_24
       FROM channel_outbound o JOIN channel c ON c.id = o.channel_id
       LEFT JOIN LATERAL (
         SELECT count(*) AS pending, min(first_occurred_at) AS oldest, min(next_attempt_at) FILTER (WHERE attempts > 0) AS next_at,
                (array_agg(last_error ORDER BY last_attempt_at DESC NULLS LAST) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
           FROM outbound_push WHERE channel_id = o.channel_id AND state = 'pending') p ON true
       LEFT JOIN LATERAL (
         SELECT count(lag_ms) AS acks, percentile_disc(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY lag_ms) AS p95
           FROM outbound_ack WHERE channel_id = o.channel_id AND acked_at > now() - interval '5 minutes') l5 ON true
       LEFT JOIN LATERAL (
         SELECT count(lag_ms) AS acks, percentile_disc(0.95) WITHIN GROUP (ORDER BY lag_ms) AS p95
           FROM outbound_ack WHERE channel_id = o.channel_id AND acked_at > now() - interval '24 hours') l24 ON true
      ORDER BY c.code`,
    ),
    getChannelLatencies(pool),
  ]);
  const latency = new Map(latencies.map(({ channel, ...l }) => [channel, l as EffectiveLatency]));
  return r.rows.map((x) => {
    const acks24 = Number(x.acks24);
    const l = latency.get(x.code) ?? { source: "none", ms: null };
    return {
      channel: x.code,
      name: x.name,
      provider: x.provider,
      pending: Number(x.pending),
      oldestPendingAt: x.oldest?.toISOString() ?? null,
      failing: x.failing_since ? { since: x.failing_since.toISOString(), reason: opts.withReasons ? (x.failing_reason ?? "refused") : REASON_FOR_ADMINS } : null,
      lastError: x.last_error === null ? null : opts.withReasons ? x.last_error : REASON_FOR_ADMINS,
      nextAttemptAt: x.next_at?.toISOString() ?? null,
      lastAckAt: x.last_ack_at?.toISOString() ?? null,
      lag5m: { acks: Number(x.acks5), p50Ms: x.p50_5, p95Ms: x.p95_5 },
      lag24h: { acks: acks24, p95Ms: x.p95_24 },
      latency: l,
      latencySource: l.source,
      latencyMinutes: x.latency_minutes,
    };
  });
}
