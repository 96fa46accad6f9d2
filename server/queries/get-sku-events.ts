import "server-only";
import type pg from "pg";

export interface LedgerEntry {
  seq: string;
  id: string;
  source: string;
  type: string;
  location: string;
  toLocation: string | null;
  channel: string | null;
  quantity: number;
  occurredAt: string;
  receivedAt: string;
  lagMs: number;
  reference: string | null;
  reason: string | null;
  /** Count variance (system − counted) or an untrusted source's drift, for absolutes. */
  effect: { kind: "variance" | "drift"; amount: number } | null;
  /** A delta that happened before a later trusted count/snapshot at its location: already inside it. */
  absorbed: boolean;
}

/** The latest ledger events of a SKU, newest first, with their ingest lag. */
export async function getSkuEvents(pool: pg.Pool, code: string, limit: number, before?: string | null): Promise<LedgerEntry[]> {
  const r = await pool.query<{
    seq: string;
    event_id: string;
    source: string;
    type: string;
    location: string;
    to_location: string | null;
    channel: string | null;
    quantity: number;
    occurred_at: Date;
    received_at: Date;
    reference: string | null;
    reason: string | null;
    effect_kind: "variance" | "drift" | null;
    effect_amount: number | null;
    absorbed: boolean;
  }>(
    `SELECT e.seq, e.event_id, e.source, e.type, l.code AS location, tl.code AS to_location, c.code AS channel, e.quantity,
            e.occurred_at, e.received_at, e.reference, e.reason, ef.kind AS effect_kind, ef.amount AS effect_amount,
            (e.type NOT IN ('cycle_count', 'snapshot') AND EXISTS (
               SELECT 1 FROM event a JOIN event_effect av ON av.seq = a.seq AND av.kind = 'variance'
                WHERE a.sku_id = e.sku_id AND a.location_id = e.location_id AND a.occurred_at > e.occurred_at)) AS absorbed
       FROM event e
       JOIN sku s ON s.id = e.sku_id
       JOIN location l ON l.id = e.location_id
       LEFT JOIN location tl ON tl.id = e.to_location_id
       LEFT JOIN channel c ON c.id = e.channel_id
       LEFT JOIN event_effect ef ON ef.seq = e.seq
      WHERE s.code = $1 AND ($3::bigint IS NULL OR e.seq < $3::bigint)
      ORDER BY e.seq DESC
      LIMIT $2`,
    [code, limit, before ?? null],
  );
  return r.rows.map((x) => ({
    seq: x.seq,
    id: x.event_id,
    source: x.source,
    type: x.type,
    location: x.location,
    toLocation: x.to_location,
    channel: x.channel,
    quantity: x.quantity,
    occurredAt: x.occurred_at.toISOString(),
    receivedAt: x.received_at.toISOString(),
    lagMs: x.received_at.getTime() - x.occurred_at.getTime(),
    reference: x.reference,
    reason: x.reason,
    effect: x.effect_kind ? { kind: x.effect_kind, amount: x.effect_amount ?? 0 } : null,
    absorbed: x.absorbed,
  }));
}
