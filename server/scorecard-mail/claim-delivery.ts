import "server-only";
import type pg from "pg";

// The claim that makes each (week, person) e-mail go out once across instances (docs/SCORECARD-MAIL.md).
// A new row is inserted as 'sending'; an existing one is taken over only when this SQL says it may be
// (a failed attempt whose backoff has passed, or a 'sending' claim abandoned by a crashed instance).
// ON CONFLICT DO UPDATE … WHERE locks the row and re-checks the condition on its latest version, so
// of two instances racing for the same row exactly one gets it back.

export const MAX_ATTEMPTS = 5;
/** First wait after a failed send; it doubles per attempt (5, 10, 20, 40 minutes). */
export const RETRY_BASE_SECONDS = 300;
/** A 'sending' claim older than this was abandoned (its instance died): far above the SMTP timeouts. */
export const STALE_CLAIM_MINUTES = 15;

/** Whether existing delivery row `d` may be claimed at `$now` (the parameter's index is given). */
export function claimableSql(d: string, now: string): string {
  return `((${d}.status = 'failed' AND ${d}.attempts < ${MAX_ATTEMPTS}
            AND ${d}.attempted_at <= ${now}::timestamptz - make_interval(secs => ${RETRY_BASE_SECONDS} * 2 ^ (${d}.attempts - 1)))
        OR (${d}.status = 'sending' AND ${d}.attempts < ${MAX_ATTEMPTS}
            AND ${d}.attempted_at <= ${now}::timestamptz - interval '${STALE_CLAIM_MINUTES} minutes'))`;
}

/** Claim one e-mail; the attempt number when this caller won it, null when someone else has it or it is done. */
export async function claimDelivery(pool: pg.Pool, week: string, personId: string, now: Date): Promise<number | null> {
  const r = await pool.query<{ attempts: number }>(
    `INSERT INTO scorecard_delivery AS d (week, person_id, status, attempts, created_at, attempted_at)
     VALUES ($1, $2, 'sending', 1, $3, $3)
     ON CONFLICT (week, person_id) DO UPDATE
       SET status = 'sending', attempts = d.attempts + 1, attempted_at = $3, error = NULL
       WHERE ${claimableSql("d", "$3")}
     RETURNING attempts`,
    [week, personId, now],
  );
  return r.rows[0]?.attempts ?? null;
}
