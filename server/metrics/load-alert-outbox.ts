import "server-only";
import type pg from "pg";

export interface AlertOutboxDepth {
  destination: string;
  pending: number;
  oldestAgeSeconds: number;
}

/**
 * Per alert destination: messages made and not yet delivered (waiting for their first attempt or a
 * retry), and the age of the oldest since it was made. Only pending rows are read (the
 * (state, next_attempt_at) index); turns still gathering in their 5-minute window are not a backlog
 * and are not counted.
 */
export async function loadAlertOutbox(pool: pg.Pool): Promise<AlertOutboxDepth[]> {
  const r = await pool.query<{ name: string; pending: number; age: number | null }>(
    `SELECT d.name, COALESCE(p.pending, 0)::int AS pending, EXTRACT(EPOCH FROM now() - p.oldest)::float8 AS age
       FROM alert_destination d
       LEFT JOIN (SELECT destination_id, count(*) AS pending, min(created_at) AS oldest FROM alert_delivery WHERE state = 'pending' GROUP BY destination_id) p ON p.destination_id = d.id
      ORDER BY d.name`,
  );
  return r.rows.map((x) => ({ destination: x.name, pending: x.pending, oldestAgeSeconds: Math.max(0, x.age ?? 0) }));
}
