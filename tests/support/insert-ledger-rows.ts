import type pg from "pg";
import { unnestColumns } from "@/server/db/unnest-columns";

/** One ledger row as a test writes it by SQL: ids, times in ms; what is left out is null (the source "wms"). */
export interface LedgerRowInput {
  eventId: string;
  type: string;
  skuId: number;
  locationId: number;
  quantity: number;
  occurredAt: number;
  receivedAt: number;
  source?: string;
  toLocationId?: number | null;
  channelId?: number | null;
  orderId?: string | null;
  reason?: string | null;
  reference?: string | null;
  bucket?: string | null;
  promisedAt?: number | null;
}

/**
 * Rows straight into the ledger, past ingest and its projections: for a file that generates a large
 * ledger fast and tests what reads it (the scorecard's preparer and rollups).
 */
export async function insertLedgerRows(pool: pg.Pool, rows: readonly LedgerRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  const at = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));
  await pool.query(
    `INSERT INTO event (source, event_id, type, sku_id, location_id, to_location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, reference, bucket, promised_at, body)
     SELECT *, '{}'::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::timestamptz[], $10::timestamptz[],
                                      $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamptz[])`,
    unnestColumns(rows, (r) => [
      r.source ?? "wms",
      r.eventId,
      r.type,
      r.skuId,
      r.locationId,
      r.toLocationId ?? null,
      r.channelId ?? null,
      r.quantity,
      at(r.occurredAt),
      at(r.receivedAt),
      r.orderId ?? null,
      r.reason ?? null,
      r.reference ?? null,
      r.bucket ?? null,
      at(r.promisedAt),
    ]),
  );
}

/** The channels a scorecard test sells on, web (a website) and mkt (a marketplace): their ids, in that order. */
export async function insertWebAndMarketplace(pool: pg.Pool): Promise<number[]> {
  const r = await pool.query<{ id: number }>("INSERT INTO channel (code, name, kind, updated_at) VALUES ('web', 'web', 'website', now()), ('mkt', 'mkt', 'marketplace', now()) RETURNING id");
  return r.rows.map((x) => x.id);
}

/** `count` SKUs coded `<letter>001`, `<letter>002`, …: their ids, in that order. */
export async function insertSkus(pool: pg.Pool, letter: string, count: number): Promise<number[]> {
  const r = await pool.query<{ id: number }>(
    "INSERT INTO sku (code, name, updated_at) SELECT $1::text || lpad(i::text, 3, '0'), lower($1::text), now() FROM generate_series(1, $2::int) i ORDER BY i RETURNING id",
    [letter, count],
  );
  return r.rows.map((x) => x.id);
}
