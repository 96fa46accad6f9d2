import "server-only";
import type pg from "pg";
import type { KeptLineFacts } from "@/lib/oversells/kept-line-facts";

const SQL = `SELECT f.seq::text AS seq, f.config, f.events::float8 AS events, f.high_water, f.late::float8 AS late, f.placed_at, f.placed_event, f.channel_id,
       f.available_known, f.available_real, f.ingest_lag_ms::float8 AS ingest_lag_ms, f.correction_units, f.other_channel_units, f.published, f.acknowledged
  FROM oversell_line_facts f WHERE f.seq = ANY($1::bigint[])`;

interface Row {
  seq: string;
  config: string;
  events: number;
  high_water: Date;
  late: number;
  placed_at: Date;
  placed_event: string | null;
  channel_id: number | null;
  available_known: number;
  available_real: number;
  ingest_lag_ms: number | null;
  correction_units: number;
  other_channel_units: number;
  published: number | null;
  acknowledged: number | null;
}

/** The kept facts of the lines whose order.cancelled has one of these seqs (docs/OVERSELLS.md, "Kept facts"), by seq; whether current is for the caller to say. */
export async function loadKeptLineFacts(db: pg.Pool, seqs: readonly string[]): Promise<Map<string, KeptLineFacts>> {
  const r = await db.query<Row>(SQL, [seqs]);
  return new Map(
    r.rows.map((x) => [
      x.seq,
      {
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
      },
    ]),
  );
}
