import "server-only";
import type pg from "pg";
import type { CanonicalEvent } from "@/lib/events/parse-canonical-event";
import { eventKey } from "@/lib/quantity/fold-level";
import { unnestColumns } from "@/server/db/unnest-columns";

/** A validated event with its codes resolved to ids, waiting for the next group commit. */
export interface PendingEvent {
  canonical: CanonicalEvent;
  skuId: number;
  locationId: number;
  toLocationId: number | null;
  channelId: number | null;
  /** The canonical event as received, stored in the ledger for audit. */
  body: string;
  receivedAt: Date;
}

export type WriteOutcome = { status: "accepted"; seq: string } | { status: "duplicate" };

/**
 * Events that the new ones cause, written in the same transaction (an order converting its
 * reservation). Called with the events that entered the ledger, before any stock row is locked.
 */
export type FollowUps = (client: pg.PoolClient, fresh: readonly PendingEvent[]) => Promise<PendingEvent[]>;

/** An event this transaction put in the ledger, with its sequence number: what the projection folds. */
export interface AppendedEvent {
  p: PendingEvent;
  seq: string;
}

export interface LedgerAppend {
  /** Per submitted event, in order: accepted (with its seq) or a duplicate of one already stored or earlier in the batch. */
  outcomes: WriteOutcome[];
  /** The events new to the ledger, follow-ups included (these have no outcome: nobody submitted them). */
  appended: AppendedEvent[];
}

/**
 * The ledger half of a batch (docs/QUANTITY-MODEL.md §4.11): append the events, once each. The
 * idempotency key is (source, id): a repeat inside the batch and one already in the ledger
 * (ON CONFLICT DO NOTHING) are both duplicates and change nothing. Then the follow-ups of the new
 * ones are appended the same way. Runs inside the caller's transaction, before the projection
 * (server/projection/fold-into-projection.ts) folds what was appended.
 */
export async function appendToLedger(client: pg.PoolClient, events: readonly PendingEvent[], followUps?: FollowUps): Promise<LedgerAppend> {
  const outcomes: WriteOutcome[] = new Array(events.length).fill({ status: "duplicate" });
  const firstIndex = new Map<string, number>();
  events.forEach((p, i) => {
    const k = eventKey(p.canonical);
    if (!firstIndex.has(k)) firstIndex.set(k, i);
  });
  const unique = [...firstIndex.values()].map((i) => events[i]);

  const inserted = await insertLedger(client, unique);
  const appended: AppendedEvent[] = [];
  for (const p of unique) {
    const k = eventKey(p.canonical);
    const seq = inserted.get(k);
    if (seq === undefined) continue;
    outcomes[firstIndex.get(k)!] = { status: "accepted", seq };
    appended.push({ p, seq });
  }
  if (appended.length === 0 || !followUps) return { outcomes, appended };
  const extra = await followUps(
    client,
    appended.map((f) => f.p),
  );
  const more = await insertLedger(client, extra);
  for (const p of extra) {
    const seq = more.get(eventKey(p.canonical));
    if (seq !== undefined) appended.push({ p, seq });
  }
  return { outcomes, appended };
}

// The hot statements are named, i.e. prepared once per connection: Postgres then parses and plans
// them once instead of on every batch, which at small batches was a large share of its CPU.
async function insertLedger(client: pg.PoolClient, events: readonly PendingEvent[]): Promise<Map<string, string>> {
  if (events.length === 0) return new Map();
  const r = await client.query<{ seq: string; source: string; event_id: string }>({
    name: "ingest-insert-ledger",
    text: `INSERT INTO event (source, event_id, type, sku_id, location_id, to_location_id, channel_id, quantity, occurred_at, received_at,
                        version, order_id, reservation_id, reference, reason, condition, bucket, expected_at, body, promised_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::timestamptz[],
                          $10::timestamptz[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                          $18::timestamptz[], $19::jsonb[], $20::timestamptz[])
     ON CONFLICT (source, event_id) DO NOTHING
     RETURNING seq, source, event_id`,
    values: unnestColumns(events, (p) => [
      p.canonical.source,
      p.canonical.id,
      p.canonical.type,
      p.skuId,
      p.locationId,
      p.toLocationId,
      p.channelId,
      p.canonical.quantity,
      p.canonical.occurredAt,
      p.receivedAt,
      p.canonical.version,
      p.canonical.orderId,
      p.canonical.reservationId,
      p.canonical.reference,
      p.canonical.reason,
      p.canonical.condition,
      p.canonical.bucket,
      p.canonical.expectedAt,
      p.body,
      p.canonical.promisedAt,
    ]),
  });
  return new Map(r.rows.map((row) => [`${row.source}\u0000${row.event_id}`, row.seq]));
}
