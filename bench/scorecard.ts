import "../server/preload";
import os from "node:os";
import { parseArgs } from "node:util";
import type pg from "pg";
import { connectDb } from "@/server/db/connect";
import { applyMigrations } from "@/server/db/migrate";
import { getOversells } from "@/server/oversells/get-oversells";
import { getScorecard, type ScorecardStats } from "@/server/scorecard/get-scorecard";
import { prepareAllSkuWeeks, type PrepareResult } from "@/server/scorecard/prepare-sku-weeks";
import { lastCompleteWeek, shiftWeek, weekRange, weeksBefore } from "@/lib/time/iso-week";
import { prepareDatabase, type BenchDb } from "./database";
import { median } from "./rules";

// npx tsx bench/scorecard.ts [--events 200000] [--skus 2000] [--runs 5] [--empty-runs 0] [--keep] [--db URL] [--reads-only]:
// time getScorecard over a generated ledger (receipts, orders, cancellations, shipments,
// deliveries, spread over the 16 weeks the answer reads): the write side's backfill (every SKU's
// weeks replayed once, as after a migration or `npm run rebuild`, as of a week ago), a week closing (with the fold
// states kept at each week's end, and without: the code before), then "cold" (a week never asked
// before: the kept SKU weeks read, no kept answer), after a late event (its SKU replayed, the kept
// answer stale), and warm, beside a raw ceiling: one bare aggregate scan of the 12 weeks' events,
// the least any read-time scan of the ledger would cost. `--empty-runs N` also times N reads with
// nothing kept at all (every SKU replayed at read time: what the API now answers 503 to).
// `--oversells` adds the oversells figure: its first and warm calls, then the oversold lines' kept
// facts (getOversells with none kept and kept, after a restart, after a late event in an old week).
// The current week's first read is timed with each SKU's checkpoint inside the week and without;
// `--current-events N` first adds N orders spread over the week so far (up to 20 minutes ago), so
// the comparison means something early in a week, whose generated ledger holds little of it yet.
// A throwaway database, as `npm run bench` uses: BENCH_DATABASE_URL / DATABASE_URL's server, else an
// embedded Postgres. `--keep` leaves it (its URL is printed) and `--db URL` times an existing one
// without generating (an empty one is generated into), so a 10 M ledger is written once. Events are written with SQL in chunks
// (the ingest path is measured by `npm run bench`); the scorecard reads what those writes left.
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "200000" },
    skus: { type: "string", default: "2000" },
    runs: { type: "string", default: "5" },
    "empty-runs": { type: "string", default: "0" },
    keep: { type: "boolean", default: false },
    oversells: { type: "boolean", default: false },
    "current-events": { type: "string", default: "0" },
    "reads-only": { type: "boolean", default: false },
    db: { type: "string" },
  },
});
const EVENTS = Number(values.events);
const SKUS = Number(values.skus);
const RUNS = Number(values.runs);
const TZ = "UTC";
/** Order lines per INSERT: bounds each statement's memory (and its triggers' transition tables). */
const CHUNK = 300_000;

async function generate(pool: pg.Pool, from: Date, to: Date) {
  await pool.query("INSERT INTO location (code, name, type, sellable, updated_at) VALUES ('wh', 'wh', 'warehouse', true, now())");
  await pool.query("INSERT INTO channel (code, name, kind, updated_at) SELECT 'ch' || i, 'ch' || i, 'marketplace', now() FROM generate_series(1, 3) i");
  await pool.query("INSERT INTO sku (code, name, updated_at) SELECT 'SKU-' || lpad(i::text, 6, '0'), 'sku ' || i, now() FROM generate_series(1, $1::int) i", [SKUS]);
  const t0 = performance.now();
  // One receipt per SKU at the start, then order lines of 3 events (placed, shipped, delivered; every 10th cancelled instead).
  await pool.query(
    `INSERT INTO event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, promised_at, body)
     SELECT 'bench', 'r' || s.id, 'receipt', s.id, (SELECT id FROM location LIMIT 1), NULL, 1000, $1::timestamptz, $1::timestamptz, NULL, NULL, NULL, '{}'::jsonb FROM sku s`,
    [from],
  );
  const span = Math.floor((to.getTime() - from.getTime()) / 1000);
  const lines = Math.floor(EVENTS / 3);
  // A bulk load: the rollup trigger is off while millions of rows go in, then the rollups are rebuilt
  // from the ledger in one pass (what the migration's backfill does), timed on its own.
  const rollups = (await pool.query<{ f: string | null }>("SELECT to_regproc('onepool_scorecard_rebuild')::text AS f")).rows[0].f !== null;
  if (rollups) await pool.query("ALTER TABLE event DISABLE TRIGGER event_scorecard_rollups");
  for (let lo = 1; lo <= lines; lo += CHUNK) {
    const hi = Math.min(lines, lo + CHUNK - 1);
    await pool.query(
      `WITH lines AS (
         SELECT i, (SELECT min(id) FROM sku) + ((i::bigint * 7919) % $1::int)::int AS sku_id, (SELECT min(id) FROM channel) + i % 3 AS channel_id,
                $2::timestamptz + make_interval(secs => ((i::bigint * 104729) % $3::bigint)::float8) AS at
           FROM generate_series($4::int, $5::int) i)
       INSERT INTO event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, promised_at, body)
       SELECT 'bench', 'o' || i || ':' || k, t, sku_id, (SELECT id FROM location LIMIT 1), channel_id, 1,
              at + make_interval(hours => k * 20), at + make_interval(hours => k * 20, secs => i % 90), 'o' || i,
              CASE WHEN t = 'order.cancelled' THEN (ARRAY['customer', 'oversold', 'payment'])[1 + i % 3] END,
              CASE WHEN k = 0 THEN at + interval '3 days' END, '{}'::jsonb
         FROM lines, LATERAL (VALUES (0, 'order.placed'), (1, CASE WHEN i % 10 = 0 THEN 'order.cancelled' ELSE 'order.shipped' END),
                                     (3, CASE WHEN i % 10 = 0 THEN NULL ELSE 'order.delivered' END)) v(k, t)
        WHERE t IS NOT NULL AND at + make_interval(hours => k * 20) < now()`,
      [SKUS, from, span, lo, hi],
    );
    process.stdout.write(`\r  ${hi.toLocaleString("en")} / ${lines.toLocaleString("en")} order lines written`);
  }
  process.stdout.write("\n");
  const written = performance.now() - t0;
  let rebuilt = 0;
  if (rollups) {
    await pool.query("ALTER TABLE event ENABLE TRIGGER event_scorecard_rollups");
    const r0 = performance.now();
    await pool.query("SELECT onepool_scorecard_rebuild()");
    rebuilt = performance.now() - r0;
  }
  await pool.query("VACUUM ANALYZE");
  return { written, rebuilt };
}

async function main() {
  let db0: BenchDb | null = null;
  let url = values.db;
  if (!url) {
    db0 = await prepareDatabase({ adminUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL, embeddedDir: ".data/bench-scorecard", log: console.log });
    url = db0.url;
  }
  const db = connectDb(url, 8);
  try {
    await applyMigrations(db.pool, undefined, () => {});
    const week = lastCompleteWeek(Date.now(), TZ);
    const from = weekRange(weeksBefore(week, 15, TZ)[0], TZ).from;
    const to = weekRange(week, TZ).to;
    // A database given by --db is timed as it is, unless it has no ledger yet (a fresh one to generate into and --keep).
    const noLedger = (await db.pool.query("SELECT 1 FROM event LIMIT 1")).rowCount === 0;
    if (!values.db || noLedger) {
      const g = await generate(db.pool, from, to);
      console.log(`Written in ${(g.written / 1000).toFixed(1)} s; rollups rebuilt from it in ${(g.rebuilt / 1000).toFixed(1)} s`);
    }
    const n = (await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM event")).rows[0].n;
    const size = (await db.pool.query<{ s: string }>("SELECT pg_size_pretty(pg_total_relation_size('event')) AS s")).rows[0].s;
    console.log(`Ledger: ${Number(n).toLocaleString("en")} events (${size} with indexes), ${SKUS} SKUs`);

    // Raw ceiling: one bare aggregate over the 12 weeks' events (what a read-time scan costs at least).
    const first = weekRange(weeksBefore(week, 11, TZ)[0], TZ).from;
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await db.pool.query("SELECT count(*), sum(quantity) FROM event WHERE occurred_at >= $1 AND occurred_at < $2", [first, to]);
      raw.push(performance.now() - s);
    }
    let lastStats: ScorecardStats = { replayed: 0, resumed: 0, checkpointed: 0, answerKept: false, oversellWeeksKept: 0 };
    const run = async (w = week) => {
      const stats = {} as ScorecardStats;
      const s = performance.now();
      await getScorecard(db.pool, { week: w, timezone: TZ, oversells: false, stats });
      lastStats = stats;
      return performance.now() - s;
    };
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    const line = (name: string, xs: number[]) => console.log(`${name}: median ${f(median(xs))} [${xs.map(f).join(", ")}]`);
    console.log(`Raw ceiling (count, sum over the 12 weeks' events): median ${f(median(raw))} [${raw.map(f).join(", ")}]`);
    // Nothing kept at all: every SKU's history replayed at read time (the API answers 503 "preparing" to this now).
    const empty: number[] = [];
    for (let i = 0; i < Number(values["empty-runs"]); i++) {
      await forgetCaches(db.pool);
      empty.push(await run());
    }
    if (empty.length) line(`getScorecard ${week}, nothing kept (every SKU replayed at read time)`, empty);
    // The write side's backfill: every SKU replayed once into all its weeks (after a migration, `npm run rebuild`, a fresh start),
    // here as it was a week ago (through the week before the last complete one), so that the last one can then close.
    // --reads-only: a kept ledger timed again (`--db`), the write side's backfill and closes left out
    // (at 10 M they take 10 minutes and more, and were timed when the ledger was written).
    if (!values["reads-only"]) {
      await forgetCaches(db.pool);
      const weekAgo = Date.now() - 7 * 86_400_000;
      const b0 = performance.now();
      const prepared = await prepareAllSkuWeeks(db.pool, TZ, undefined, weekAgo);
      console.log(`Backfill (write side), as a week ago (through ${lastCompleteWeek(weekAgo, TZ)}): ${prepared} SKUs, all their weeks, in ${f(performance.now() - b0)}`);
      // A week closes (${week}): every SKU folds that week on from its state kept at the week before's end.
      const c0 = performance.now();
      const closing: PrepareResult[] = [];
      await prepareAllSkuWeeks(db.pool, TZ, (r) => closing.push(r));
      const resumed = closing.reduce((a, r) => a + r.resumed, 0);
      console.log(`Week close (${week}), kept fold states: ${closing.reduce((a, r) => a + r.prepared, 0)} SKUs (${resumed} folded on from the week before) in ${f(performance.now() - c0)}`);
      // The same close as the code before kept no fold state: every SKU's whole ledger replayed again.
      await db.pool.query("TRUNCATE scorecard_sku_fold");
      await db.pool.query("UPDATE scorecard_sku_prepared SET through = $1", [weekRange(lastCompleteWeek(weekAgo, TZ), TZ).to]);
      const w0 = performance.now();
      const whole: PrepareResult[] = [];
      await prepareAllSkuWeeks(db.pool, TZ, (r) => whole.push(r));
      console.log(`Week close (${week}), nothing kept (the code before): ${whole.reduce((a, r) => a + r.prepared, 0)} SKUs, whole ledgers, in ${f(performance.now() - w0)}`);
      // Monday before the preparer got to it: the last complete week read folds each SKU's week on read from the week before's state.
      await db.pool.query("DELETE FROM scorecard_sku_fold WHERE week_end = $1", [to]);
      await db.pool.query("DELETE FROM scorecard_sku_week WHERE week_to = $1", [to]);
      await db.pool.query("TRUNCATE scorecard_answer");
      const monday = await run();
      console.log(`getScorecard ${week} before the preparer closed it: ${f(monday)} (SKUs replayed ${lastStats.replayed}, folded one week on ${lastStats.resumed})`);
    }
    await prepareAllSkuWeeks(db.pool, TZ); // Cold: a week never asked before (no kept answer), the SKU weeks kept by the write side.
    const cold: number[] = [];
    const replayedCold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await db.pool.query("TRUNCATE scorecard_answer");
      cold.push(await run(shiftWeek(week, -i, TZ)));
      replayedCold.push(lastStats.replayed);
    }
    line(`getScorecard, cold: ${RUNS} weeks never asked before (${week} and the ones before), no kept answer, SKUs replayed ${replayedCold.join("/")}`, cold);
    // Cold after a late event: one event that occurred inside the week arrives, so the week's kept
    // answer is stale and its SKU is replayed; everything else comes from the rollups and kept SKU weeks.
    const late: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await db.pool.query(
        `INSERT INTO event (source, event_id, type, sku_id, location_id, quantity, occurred_at, received_at, body)
         SELECT 'bench', 'late-' || $3::text, 'receipt', (SELECT min(id) FROM sku) + $4::int, (SELECT min(id) FROM location), 1, $1::timestamptz + ($2::timestamptz - $1::timestamptz) / 2, now(), '{}'::jsonb`,
        [weekRange(week, TZ).from, to, `${Date.now()}-${i}`, i],
      );
      late.push(await run());
    }
    line(`getScorecard ${week}, after a late event (its SKU replayed, the rest from rollups and kept weeks)`, late);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await run());
    line(`getScorecard ${week}, warm (nothing changed)`, warm);
    // The current week (not over): folded on read from the last complete week's kept states, then
    // the same with no state kept (the code before: every SKU that moved in it replayed whole).
    const currentWeek = shiftWeek(week, 1, TZ);
    const extra = Number(values["current-events"]);
    if (extra > 0) {
      const span = Math.max(1, Math.floor((Date.now() - 20 * 60_000 - to.getTime()) / 1000));
      await db.pool.query(
        `INSERT INTO event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, order_id, body)
         SELECT 'bench', 'cw' || i || ':' || $4::text, 'order.placed', (SELECT min(id) FROM sku) + ((i::bigint * 7919) % $1::int)::int, (SELECT min(id) FROM location),
                (SELECT min(id) FROM channel), 1, $2::timestamptz + make_interval(secs => ((i::bigint * 104729) % $3::bigint)::float8), now(), 'cw' || i || ':' || $4::text, '{}'::jsonb
           FROM generate_series(1, $5::int) i`,
        [SKUS, to, span, Date.now(), extra],
      );
      await db.pool.query("ANALYZE event");
    }
    const inWeek = (await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM event WHERE occurred_at >= $1", [to])).rows[0].n;
    const currentRuns: number[] = [];
    const resumedCurrent: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new event of this week before each run, so each run has a SKU that moved since the last.
      await db.pool.query(
        `INSERT INTO event (source, event_id, type, sku_id, location_id, quantity, occurred_at, received_at, body)
         SELECT 'bench', 'now-' || $1::text, 'receipt', (SELECT min(id) FROM sku) + $2::int, (SELECT min(id) FROM location), 1, now(), now(), '{}'::jsonb`,
        [`${Date.now()}-${i}`, i],
      );
      currentRuns.push(await run(currentWeek));
      resumedCurrent.push(lastStats.resumed);
    }
    line(
      `getScorecard ${currentWeek} (the current week, ${Number(inWeek).toLocaleString("en")} events in it; the first run is its first read), folded on read; SKUs folded ${resumedCurrent.join("/")}`,
      currentRuns,
    );
    // The current week's first read (no SKU's week kept, every SKU that moved in it folded), from the
    // checkpoints the reads above kept and with none; alternating, so both see the same machine. A read
    // without keeps checkpoints at the mark again for the next one with.
    const withCp: number[] = [];
    const withoutCp: number[] = [];
    let checkpointed = 0;
    let foldedCp = 0;
    for (let i = 0; i < RUNS; i++) {
      await db.pool.query("DELETE FROM scorecard_sku_week WHERE week_to > now()");
      withCp.push(await run(currentWeek));
      checkpointed = lastStats.checkpointed;
      foldedCp = lastStats.resumed;
      await db.pool.query("DELETE FROM scorecard_sku_week WHERE week_to > now()");
      await db.pool.query("TRUNCATE scorecard_sku_checkpoint");
      withoutCp.push(await run(currentWeek));
    }
    const sinceMark = (await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM event WHERE occurred_at >= (SELECT min(at) FROM scorecard_sku_checkpoint)")).rows[0].n;
    line(`getScorecard ${currentWeek}, first read from checkpoints (${checkpointed} of ${foldedCp} SKUs folded from one; ${Number(sinceMark).toLocaleString("en")} events since the mark)`, withCp);
    line(`getScorecard ${currentWeek}, first read with no checkpoint (the week so far folded from last week's end)`, withoutCp);
    // The code before the fold states: every SKU that moved in the week replayed whole (5 minutes at 10 M).
    if (!values["reads-only"]) {
      await db.pool.query("ALTER TABLE scorecard_sku_fold RENAME TO scorecard_sku_fold_off");
      await db.pool.query("CREATE TABLE scorecard_sku_fold (LIKE scorecard_sku_fold_off INCLUDING ALL)");
      await db.pool.query("DELETE FROM scorecard_sku_week WHERE week_to > now()");
      try {
        const s0 = await run(currentWeek);
        console.log(`getScorecard ${currentWeek}, first read with no fold state kept (the code before): ${f(s0)} (SKUs replayed ${lastStats.replayed})`);
      } finally {
        await db.pool.query("DROP TABLE scorecard_sku_fold");
        await db.pool.query("ALTER TABLE scorecard_sku_fold_off RENAME TO scorecard_sku_fold");
      }
    }
    if (values.oversells) {
      // With the oversells figure: the first call runs the oversell engine over the 12 weeks and keeps
      // each closed week's counts; warm calls then read them (server/scorecard/oversell-cache.ts).
      const withOversells = async () => {
        const s = performance.now();
        await getScorecard(db.pool, { week, timezone: TZ, stats: (lastStats = {} as ScorecardStats) });
        return performance.now() - s;
      };
      await db.pool.query("TRUNCATE scorecard_oversell_week, oversell_line_facts");
      line(`getScorecard ${week} with oversells, first call (the engine over 12 weeks, no line's facts kept)`, [await withOversells()]);
      const kept: number[] = [];
      for (let i = 0; i < RUNS; i++) kept.push(await withOversells());
      line(`getScorecard ${week} with oversells, warm (${lastStats.oversellWeeksKept} weeks' counts kept)`, kept);
      await timeLineFacts(db.pool, week, line, withOversells);
    }
    console.log("(target: < 2,000 ms cold, < 200 ms warm over 10 M events)");
    if (values.keep && db0) console.log(`Kept: ${url}`);
  } finally {
    await db.close();
    if (!values.keep) await db0?.cleanup();
  }
}

/**
 * --oversells: the oversold lines' kept facts (docs/OVERSELLS.md, "Kept facts"). getOversells over the
 * 12 weeks (what /oversells and the engine's run pay) and getScorecard with oversells: with no facts
 * kept, after a restart (facts kept, no week's counts or answer kept), and after one late event in
 * the oldest of the 12 weeks (its SKU folded again). Raw figures, with the load average.
 */
async function timeLineFacts(pool: pg.Pool, week: string, line: (name: string, xs: number[]) => void, withOversells: () => Promise<number>): Promise<void> {
  const first = weekRange(weeksBefore(week, 11, TZ)[0], TZ);
  const span = { from: first.from, to: weekRange(week, TZ).to };
  const lines = async () => {
    const stats = { linesKept: 0, skusFolded: 0 };
    const s = performance.now();
    const n = (await getOversells(pool, { ...span, stats })).length;
    return { ms: performance.now() - s, n, ...stats };
  };
  const say = (name: string, r: Awaited<ReturnType<typeof lines>>) =>
    console.log(`${name}: ${r.ms.toFixed(0)} ms (${r.n} lines, ${r.linesKept} from kept facts, ${r.skusFolded} SKUs folded; load ${os.loadavg()[0].toFixed(1)})`);
  const forget = (tables: string) => pool.query(`TRUNCATE ${tables}`);
  for (let i = 0; i < RUNS; i++) {
    await forget("oversell_line_facts");
    say("getOversells over 12 weeks, no facts kept (the engine over every line)", await lines());
    say("getOversells over 12 weeks, facts kept", await lines());
  }
  // Lines whose facts a getScorecard call stored (computed again), from computed_at.
  const scorecard = async () => {
    const since = (await pool.query<{ t: Date }>("SELECT clock_timestamp() AS t")).rows[0].t;
    const ms = await withOversells();
    const r = await pool.query<{ n: string; skus: string }>("SELECT count(*) AS n, count(DISTINCT sku_id) AS skus FROM oversell_line_facts WHERE computed_at >= $1", [since]);
    console.log(`  ${ms.toFixed(0)} ms: ${r.rows[0].n} lines' facts computed again (${r.rows[0].skus} SKUs), load ${os.loadavg()[0].toFixed(1)}`);
    return ms;
  };
  const restart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await forget("scorecard_oversell_week, scorecard_answer");
    restart.push(await scorecard());
  }
  line(`getScorecard ${week} with oversells after a restart (facts kept, no week's counts, no answer)`, restart);
  // A receipt that occurred an hour into the oldest week arrives now, on the SKU of the k-th oversold line after it.
  const lateEvent = (k: number) =>
    pool.query(
      `INSERT INTO event (source, event_id, type, sku_id, location_id, quantity, occurred_at, received_at, body)
       SELECT 'bench', 'late-facts-' || $2::text, 'receipt', ${LINE_SKU}, (SELECT min(id) FROM location), 1, $1::timestamptz, now(), '{}'::jsonb`,
      [new Date(first.from.getTime() + 3_600_000), `${Date.now()}-${k}`, k],
    );
  for (let i = 0; i < RUNS; i++) {
    await lateEvent(i);
    say(`getOversells over 12 weeks after a late event in ${weeksBefore(week, 11, TZ)[0]}`, await lines());
  }
  const late: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await lateEvent(100 + i);
    late.push(await scorecard());
  }
  line(`getScorecard ${week} with oversells after a late event in the oldest week (its weeks' counts recounted from kept facts)`, late);
}

/** The SKU of the $3-th oversold line after $1 (a late event there changes a line's facts, as one on a SKU without lines would not). */
const LINE_SKU = `(SELECT sku_id FROM event WHERE type = 'order.cancelled' AND reason = 'oversold' AND occurred_at > $1::timestamptz ORDER BY occurred_at, seq OFFSET $3::int LIMIT 1)`;

/** Whatever the scorecard keeps between calls is emptied, the write side's weeks included. */
async function forgetCaches(pool: pg.Pool): Promise<void> {
  await pool.query("TRUNCATE scorecard_sku_week, scorecard_answer, scorecard_sku_prepared, scorecard_sku_fold, scorecard_sku_checkpoint");
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
