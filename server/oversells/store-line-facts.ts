import "server-only";
import type pg from "pg";
import type { KeptLineFacts } from "@/lib/oversells/kept-line-facts";

/** Rows per statement: bounds one INSERT's arrays (a fresh start stores every line of the span). */
const CHUNK = 5000;

const SQL = `INSERT INTO oversell_line_facts (seq, sku_id, config, events, high_water, late, placed_at, placed_event, channel_id,
       available_known, available_real, ingest_lag_ms, correction_units, other_channel_units, published, acknowledged, computed_at)
SELECT u.*, now() FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::timestamptz[], $6::bigint[], $7::timestamptz[], $8::text[], $9::int[],
       $10::int[], $11::int[], $12::bigint[], $13::int[], $14::int[], $15::int[], $16::int[]) AS u
ON CONFLICT (seq) DO UPDATE SET sku_id = EXCLUDED.sku_id, config = EXCLUDED.config, events = EXCLUDED.events, high_water = EXCLUDED.high_water, late = EXCLUDED.late,
  placed_at = EXCLUDED.placed_at, placed_event = EXCLUDED.placed_event, channel_id = EXCLUDED.channel_id, available_known = EXCLUDED.available_known,
  available_real = EXCLUDED.available_real, ingest_lag_ms = EXCLUDED.ingest_lag_ms, correction_units = EXCLUDED.correction_units,
  other_channel_units = EXCLUDED.other_channel_units, published = EXCLUDED.published, acknowledged = EXCLUDED.acknowledged, computed_at = EXCLUDED.computed_at`;

/** Keep the lines' facts under the config and SKU stamps they were computed with (docs/OVERSELLS.md, "Kept facts"). */
export async function storeLineFacts(db: pg.Pool, rows: readonly (KeptLineFacts & { seq: string; skuId: number })[]): Promise<void> {
  for (let c = 0; c < rows.length; c += CHUNK) {
    const part = rows.slice(c, c + CHUNK);
    const col = <T>(f: (r: (typeof rows)[number]) => T) => part.map(f);
    await db.query(SQL, [
      col((r) => r.seq),
      col((r) => r.skuId),
      col((r) => r.config),
      col((r) => r.stamp.events),
      col((r) => new Date(r.stamp.highWater)),
      col((r) => r.stamp.late),
      col((r) => new Date(r.placing.placedAt)),
      col((r) => r.placing.placedEvent),
      col((r) => r.placing.channelId),
      col((r) => r.facts.availableKnown),
      col((r) => r.facts.availableReal),
      col((r) => r.facts.ingestLagMs),
      col((r) => r.facts.correctionUnits),
      col((r) => r.facts.otherChannelUnits),
      col((r) => r.facts.published),
      col((r) => r.facts.acknowledged),
    ]);
  }
}
