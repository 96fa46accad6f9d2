import "server-only";
import type pg from "pg";

export interface DeliveryRecord {
  source: string;
  provider: string;
  topic: string | null;
  deliveryId: string | null;
  outcome: string;
  httpStatus: number;
  receivedAt: Date;
  accepted?: number;
  duplicates?: number;
  unmapped?: number;
  rejected?: number;
  reason?: string;
}

// Text from a body (an error message quoting it) may hold U+0000, which Postgres text refuses.
const clean = (v: string | null | undefined, max: number) => (v == null ? null : v.slice(0, max).replaceAll("\u0000", "\uFFFD"));

/** One row per webhook delivery: the source's health figures and its security log. */
export async function recordDelivery(pool: pg.Pool, d: DeliveryRecord): Promise<void> {
  await pool.query(
    `INSERT INTO webhook_delivery (source, provider, topic, delivery_id, outcome, http_status, accepted, duplicates, unmapped, rejected, reason, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      d.source,
      d.provider,
      clean(d.topic, 200),
      clean(d.deliveryId, 200),
      d.outcome,
      d.httpStatus,
      d.accepted ?? 0,
      d.duplicates ?? 0,
      d.unmapped ?? 0,
      d.rejected ?? 0,
      clean(d.reason, 1000),
      d.receivedAt,
    ],
  );
}
