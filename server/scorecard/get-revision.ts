import "server-only";
import type pg from "pg";

/**
 * When a closed week's numbers last changed because late events arrived: the latest receivedAt of
 * the events that occurred in [from, to) but were received after `to` (null: none did).
 */
export async function getRevisedAt(pool: pg.Pool, from: Date, to: Date): Promise<Date | null> {
  const r = await pool.query<{ at: Date | null }>("SELECT max(received_at) AS at FROM event WHERE received_at >= $2 AND occurred_at >= $1 AND occurred_at < $2", [from, to]);
  return r.rows[0]?.at ?? null;
}
