import "server-only";
import type pg from "pg";

export interface OutboxDepth {
  channel: string;
  pending: number;
  oldestAgeSeconds: number;
}

/**
 * Per channel with an outbound connector: numbers waiting for an acknowledgement and the age of
 * the oldest. Only pending rows are read (the (state, next_attempt_at) index), so a big catalogue
 * whose numbers are delivered costs nothing. A change's age counts from when it happened (as the
 * outbound health panel shows it); a re-told number (first_occurred_at null) from when it was queued.
 */
export async function loadOutboxDepth(pool: pg.Pool): Promise<OutboxDepth[]> {
  const r = await pool.query<{ code: string; pending: string; age: number | null }>(
    `SELECT c.code, COALESCE(p.pending, 0) AS pending, EXTRACT(EPOCH FROM now() - p.oldest)::float8 AS age
       FROM channel_outbound o JOIN channel c ON c.id = o.channel_id
       LEFT JOIN (SELECT channel_id, count(*) AS pending, min(COALESCE(first_occurred_at, last_occurred_at)) AS oldest
                    FROM outbound_push WHERE state = 'pending' GROUP BY channel_id) p ON p.channel_id = o.channel_id
      ORDER BY c.code`,
  );
  return r.rows.map((x) => ({ channel: x.code, pending: Number(x.pending), oldestAgeSeconds: Math.max(0, x.age ?? 0) }));
}
