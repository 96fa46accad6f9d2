import "server-only";
import type pg from "pg";
import { RESERVATION_SOURCE } from "@/server/reservations/hold-events";

export interface LagSummary {
  windowSeconds: number;
  events: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** Ingest lag (receivedAt − occurredAt) percentiles over the events received in the window; Onepool's own reservation events are not ingested, so not counted. */
export async function getIngestLag(pool: pg.Pool, windowSeconds: number): Promise<LagSummary> {
  const r = await pool.query<{ n: string; p50: number | null; p95: number | null }>(
    `SELECT count(*) AS n,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY lag) AS p95
       FROM (SELECT (EXTRACT(EPOCH FROM (received_at - occurred_at)) * 1000)::float8 AS lag
               FROM event WHERE received_at > now() - make_interval(secs => $1::int) AND source <> $2) x`,
    [windowSeconds, RESERVATION_SOURCE],
  );
  const row = r.rows[0];
  return {
    windowSeconds,
    events: Number(row.n),
    p50Ms: row.p50 === null ? null : Math.round(row.p50),
    p95Ms: row.p95 === null ? null : Math.round(row.p95),
  };
}
