import "server-only";
import type pg from "pg";

// The outcome of a claimed attempt. Only the claim's own attempt is updated: if the row was taken
// over meanwhile (this instance stalled past the stale-claim window), the newer claim owns it.

export async function markDeliverySent(pool: pg.Pool, week: string, personId: string, attempt: number, messageId: string, at: Date): Promise<void> {
  await pool.query(
    `UPDATE scorecard_delivery SET status = 'sent', sent_at = $5, message_id = $4, error = NULL
      WHERE week = $1 AND person_id = $2 AND attempts = $3 AND status = 'sending'`,
    [week, personId, attempt, messageId || null, at],
  );
}

export async function markDeliveryFailed(pool: pg.Pool, week: string, personId: string, attempt: number, error: string): Promise<void> {
  await pool.query(
    `UPDATE scorecard_delivery SET status = 'failed', error = $4
      WHERE week = $1 AND person_id = $2 AND attempts = $3 AND status = 'sending'`,
    [week, personId, attempt, error.slice(0, 1000)],
  );
}
