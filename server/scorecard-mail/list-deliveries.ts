import "server-only";
import type pg from "pg";

export interface DeliveryRow {
  week: string;
  personId: string;
  email: string;
  name: string;
  status: "sending" | "sent" | "failed";
  attempts: number;
  createdAt: string;
  attemptedAt: string;
  sentAt: string | null;
  error: string | null;
  messageId: string | null;
}

/** The send history for admins, newest week first; `week` narrows it to one week. */
export async function listDeliveries(pool: pg.Pool, opts: { week?: string; limit: number }): Promise<DeliveryRow[]> {
  const r = await pool.query<{
    week: string;
    person_id: string;
    email: string;
    name: string;
    status: DeliveryRow["status"];
    attempts: number;
    created_at: Date;
    attempted_at: Date;
    sent_at: Date | null;
    error: string | null;
    message_id: string | null;
  }>(
    `SELECT d.week, d.person_id, u.email, u.name, d.status, d.attempts, d.created_at, d.attempted_at, d.sent_at, d.error, d.message_id
       FROM scorecard_delivery d JOIN app_user u ON u.id = d.person_id
      WHERE ($1::text IS NULL OR d.week = $1)
      ORDER BY d.week DESC, d.created_at DESC, u.email
      LIMIT $2`,
    [opts.week ?? null, opts.limit],
  );
  return r.rows.map((x) => ({
    week: x.week,
    personId: x.person_id,
    email: x.email,
    name: x.name,
    status: x.status,
    attempts: x.attempts,
    createdAt: x.created_at.toISOString(),
    attemptedAt: x.attempted_at.toISOString(),
    sentAt: x.sent_at?.toISOString() ?? null,
    error: x.error,
    messageId: x.message_id,
  }));
}
