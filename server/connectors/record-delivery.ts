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

/** One row per webhook delivery: the source's health figures and its security log. */
export async function recordDelivery(pool: pg.Pool, d: DeliveryRecord): Promise<void> {
  await pool.query(
    `INSERT INTO webhook_delivery (source, provider, topic, delivery_id, outcome, http_status, accepted, duplicates, unmapped, rejected, reason, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [d.source, d.provider, d.topic?.slice(0, 200) ?? null, d.deliveryId?.slice(0, 200) ?? null, d.outcome, d.httpStatus, d.accepted ?? 0, d.duplicates ?? 0, d.unmapped ?? 0, d.rejected ?? 0, d.reason?.slice(0, 1000) ?? null, d.receivedAt],
  );
}
