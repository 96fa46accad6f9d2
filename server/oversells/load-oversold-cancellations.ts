import "server-only";
import type pg from "pg";
import type { KeptLineFacts } from "@/lib/oversells/kept-line-facts";
import type { OversoldLineRow } from "./load-oversold-lines";

/** One oversold cancellation, with the facts kept for its line if any (whether current is for the caller to say). */
export interface OversoldCancellation {
  seq: string;
  orderId: string | null;
  skuId: number;
  sku: string;
  quantity: number;
  cancelledAt: Date;
  kept: KeptLineFacts | null;
  /** The kept line's channel code (its channel_id as stored), null without one. */
  keptChannel: string | null;
}

// Every oversold cancellation of [from, to) with its kept facts beside it, through the partial index
// of oversold cancellations (migration oversold_cancellations_index). No lookup of the placing
// order.placed: a line whose kept facts are current has the placing they were computed for
// (docs/OVERSELLS.md, "Kept facts"), and only the other lines' SKUs are read again.
const SQL = `SELECT c.seq::text AS seq, c.order_id, c.sku_id, s.code AS sku, c.quantity, c.occurred_at AS cancelled_at,
       f.config, f.events::float8 AS events, f.high_water, f.late::float8 AS late, f.placed_at, f.placed_event, f.channel_id, fc.code AS kept_channel,
       f.available_known, f.available_real, f.ingest_lag_ms::float8 AS ingest_lag_ms, f.correction_units, f.other_channel_units, f.published, f.acknowledged
  FROM event c
  JOIN sku s ON s.id = c.sku_id
  LEFT JOIN oversell_line_facts f ON f.seq = c.seq
  LEFT JOIN channel fc ON fc.id = f.channel_id
 WHERE c.type = 'order.cancelled' AND c.reason = 'oversold' AND c.occurred_at >= $1 AND c.occurred_at < $2
 ORDER BY c.occurred_at, c.seq`;

/** The cancellation's own columns as the placing query names them, then its kept row's (null without one). */
interface Row extends Pick<OversoldLineRow, "seq" | "order_id" | "sku_id" | "sku" | "quantity" | "cancelled_at"> {
  config: string | null;
  events: number;
  high_water: Date;
  late: number;
  placed_at: Date;
  placed_event: string | null;
  channel_id: number | null;
  kept_channel: string | null;
  available_known: number;
  available_real: number;
  ingest_lag_ms: number | null;
  correction_units: number;
  other_channel_units: number;
  published: number | null;
  acknowledged: number | null;
}

const keptOf = (x: Row): KeptLineFacts | null =>
  x.config === null
    ? null
    : {
        config: x.config,
        stamp: { events: x.events, highWater: x.high_water.getTime(), late: x.late },
        placing: { placedAt: x.placed_at.getTime(), placedEvent: x.placed_event, channelId: x.channel_id },
        facts: {
          availableKnown: x.available_known,
          availableReal: x.available_real,
          ingestLagMs: x.ingest_lag_ms,
          correctionUnits: x.correction_units,
          otherChannelUnits: x.other_channel_units,
          published: x.published,
          acknowledged: x.acknowledged,
        },
      };

/** Oversold cancellations (docs/OVERSELLS.md) whose occurredAt is in [from, to), oldest first, each with its line's kept facts. */
export async function loadOversoldCancellations(db: pg.Pool, from: Date, to: Date): Promise<OversoldCancellation[]> {
  const r = await db.query<Row>(SQL, [from, to]);
  return r.rows.map((x) => ({
    seq: x.seq,
    orderId: x.order_id,
    skuId: x.sku_id,
    sku: x.sku,
    quantity: x.quantity,
    cancelledAt: x.cancelled_at,
    kept: keptOf(x),
    keptChannel: x.kept_channel,
  }));
}
