import "../server/preload";
import { parseArgs } from "node:util";
import { connectDb } from "@/server/db/connect";
import { applyMigrations } from "@/server/db/migrate";
import { getScorecard } from "@/server/scorecard/get-scorecard";
import { lastCompleteWeek, weekRange, weeksBefore } from "@/lib/time/iso-week";
import { prepareDatabase } from "./database";
import { median } from "./rules";

// npx tsx bench/scorecard.ts [--events 200000] [--skus 2000]: time getScorecard for the last complete
// week over a generated ledger (receipts, orders, cancellations, shipments, deliveries, spread over the
// 16 weeks the answer reads), cold (first call) and warm (median of 5). A throwaway database, as
// `npm run bench` uses: BENCH_DATABASE_URL / DATABASE_URL's server, else an embedded Postgres.
// Events are written with SQL (the ingest path is measured by `npm run bench`); the scorecard reads the ledger only.
const { values } = parseArgs({ options: { events: { type: "string", default: "200000" }, skus: { type: "string", default: "2000" } } });
const EVENTS = Number(values.events);
const SKUS = Number(values.skus);
const TZ = "UTC";

async function main() {
  const db0 = await prepareDatabase({ adminUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL, embeddedDir: ".data/bench-scorecard", log: console.log });
  const db = connectDb(db0.url, 8);
  try {
    await applyMigrations(db.pool, undefined, () => {});
    const week = lastCompleteWeek(Date.now(), TZ);
    const from = weekRange(weeksBefore(week, 15, TZ)[0], TZ).from;
    const to = weekRange(week, TZ).to;
    await db.pool.query("INSERT INTO location (code, name, type, sellable, updated_at) VALUES ('wh', 'wh', 'warehouse', true, now())");
    await db.pool.query("INSERT INTO channel (code, name, kind, updated_at) SELECT 'ch' || i, 'ch' || i, 'marketplace', now() FROM generate_series(1, 3) i");
    await db.pool.query("INSERT INTO sku (code, name, updated_at) SELECT 'SKU-' || lpad(i::text, 6, '0'), 'sku ' || i, now() FROM generate_series(1, $1::int) i", [SKUS]);
    const t0 = performance.now();
    // One receipt per SKU at the start, then order lines of 4 events (placed, shipped, delivered; every 10th cancelled instead).
    await db.pool.query(
      `INSERT INTO event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, promised_at, body)
       SELECT 'bench', 'r' || s.id, 'receipt', s.id, (SELECT id FROM location LIMIT 1), NULL, 1000, $1::timestamptz, $1::timestamptz, NULL, NULL, NULL, '{}'::jsonb FROM sku s`,
      [from],
    );
    const span = Math.floor((to.getTime() - from.getTime()) / 1000);
    await db.pool.query(
      `WITH lines AS (
         SELECT i, (SELECT min(id) FROM sku) + (i * 7919) % $2::int AS sku_id, (SELECT min(id) FROM channel) + i % 3 AS channel_id,
                $3::timestamptz + make_interval(secs => ((i::bigint * 104729) % $4::bigint)::float8) AS at
           FROM generate_series(1, $1::int / 3) i)
       INSERT INTO event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, promised_at, body)
       SELECT 'bench', 'o' || i || ':' || k, t, sku_id, (SELECT id FROM location LIMIT 1), channel_id, 1,
              at + make_interval(hours => k * 20), at + make_interval(hours => k * 20, secs => i % 90), 'o' || i,
              CASE WHEN t = 'order.cancelled' THEN 'customer' END,
              CASE WHEN k = 0 THEN at + interval '3 days' END, '{}'::jsonb
         FROM lines, LATERAL (VALUES (0, 'order.placed'), (1, CASE WHEN i % 10 = 0 THEN 'order.cancelled' ELSE 'order.shipped' END),
                                     (3, CASE WHEN i % 10 = 0 THEN NULL ELSE 'order.delivered' END)) v(k, t)
        WHERE t IS NOT NULL AND at + make_interval(hours => k * 20) < now()`,
      [EVENTS, SKUS, from, span],
    );
    await db.pool.query("ANALYZE event");
    const n = (await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM event")).rows[0].n;
    console.log(`Ledger: ${n} events over ${SKUS} SKUs, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const run = async () => {
      const s = performance.now();
      await getScorecard(db.pool, { week, timezone: TZ, oversells: false });
      return performance.now() - s;
    };
    const cold = await run();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await run());
    console.log(`getScorecard ${week}: cold ${cold.toFixed(0)} ms, warm median ${median(warm).toFixed(0)} ms (target: < 2,000 ms cold, < 200 ms warm over 10 M events)`);
  } finally {
    await db.close();
    await db0.cleanup();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
