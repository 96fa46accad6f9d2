import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as scorecardRoute from "@/app/api/scorecard/route";
import type { Scorecard } from "@/lib/contracts/scorecard";
import { lastCompleteWeek, shiftWeek, weekRange } from "@/lib/time/iso-week";
import { countOversellsByCause } from "@/server/oversells/count-oversells-by-cause";
import { drainScorecardRollups } from "@/server/scorecard/drain-scorecard-rollups";
import { getScorecard, type ScorecardStats } from "@/server/scorecard/get-scorecard";
import { prepareAllSkuWeeks, prepareSkuWeeks, preparationProgress } from "@/server/scorecard/prepare-sku-weeks";
import { rebuildScorecardRollups } from "@/server/scorecard/rebuild-scorecard-rollups";
import { scorecardWarmerTick } from "@/server/scorecard/scorecard-warmer";
import { ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { routeStandIn } from "../support/route-stand-in";
import { migratedDatabase, type MigratedDatabase } from "../support/own-database";
import { startTestServer, TEST_TOKEN, type TestServer } from "../support/test-server";
import { insertLedgerRows, insertSkus, insertWebAndMarketplace } from "../support/insert-ledger-rows";
import { DAY_MS as DAY, HOUR_MS as H } from "@/lib/time/durations";

// The scorecard's write side (issue 16, "cold"): every SKU's weeks kept by the preparer, so a read
// of a week never asked before replays no SKU; a late event makes exactly its SKU stale until the
// warmer's tick brings it back; a read that would replay many SKUs while the preparer has not
// finished answers 503 scorecard_preparing; closed weeks' oversell counts are kept and a late
// oversold cancellation invalidates them. A database of its own (the preparer covers every SKU of
// it), weeks in UTC relative to the real clock (the preparer's target is the last complete week now).

const TZ = "UTC";
const SKUS = 30;
let db: MigratedDatabase;
let pool: pg.Pool;
let server: TestServer;
const ids = { skus: [] as number[], locations: [] as number[], channels: [] as number[] };
const week = lastCompleteWeek(Date.now(), TZ);
const last = weekRange(week, TZ);
const first = weekRange(shiftWeek(week, -9, TZ), TZ).from.getTime();
let n = 0;

interface Row {
  type: string;
  sku: number;
  channel?: number | null;
  quantity: number;
  occurredAt: number;
  receivedAt?: number;
  orderId?: string | null;
  reason?: string | null;
}

async function insertEvents(rows: readonly Row[]): Promise<void> {
  await insertLedgerRows(
    pool,
    rows.map((r) => ({ ...r, eventId: `p-${++n}`, skuId: r.sku, locationId: ids.locations[0], channelId: r.channel, receivedAt: r.receivedAt ?? r.occurredAt + 1000 })),
  );
}

const card = (stats?: ScorecardStats, opts: { week?: string; oversells?: boolean; maxReplay?: number } = {}) =>
  getScorecard(pool, { week: opts.week ?? week, timezone: TZ, oversells: opts.oversells ?? false, stats, maxReplay: opts.maxReplay });

/** The same week with nothing kept at all: every SKU's history replayed at read time. */
async function fullReplay(w = week): Promise<Scorecard> {
  const keep = await pool.query("SELECT * FROM scorecard_sku_week");
  await pool.query("TRUNCATE scorecard_sku_week, scorecard_answer");
  const s = await card(undefined, { week: w });
  // Put the write side back as it was (the read above stored its own 12 weeks beside it).
  await pool.query("TRUNCATE scorecard_sku_week, scorecard_answer");
  await pool.query(`INSERT INTO scorecard_sku_week SELECT * FROM jsonb_populate_recordset(NULL::scorecard_sku_week, $1::jsonb)`, [JSON.stringify(keep.rows)]);
  return s;
}

const staleSkus = async () =>
  (
    await pool.query<{ sku_id: number }>(
      `SELECT s.sku_id FROM scorecard_sku_events s LEFT JOIN scorecard_sku_prepared p ON p.timezone = $1 AND p.sku_id = s.sku_id
      WHERE p.sku_id IS NULL OR p.late <> s.late OR (p.events <> s.events AND p.high_water < p.through) ORDER BY 1`,
      [TZ],
    )
  ).rows.map((r) => r.sku_id);

beforeAll(async () => {
  db = await migratedDatabase("onepool_sc_prepared");
  pool = db.pool;
  ids.locations = (await pool.query<{ id: number }>("INSERT INTO location (code, name, type, sellable, updated_at) VALUES ('wh', 'wh', 'warehouse', true, now()) RETURNING id")).rows.map((r) => r.id);
  ids.channels = await insertWebAndMarketplace(pool);
  ids.skus = await insertSkus(pool, "P", SKUS);
  // A receipt per SKU (some start weeks later, so their early weeks need no replay), then daily
  // orders that run most SKUs out for hours, a restock, and oversold cancellations.
  const rows: Row[] = [];
  ids.skus.forEach((sku, i) => {
    const start = first + (i % 4) * 7 * DAY + i * H;
    rows.push({ type: "receipt", sku, quantity: 10 + (i % 7) * 3, occurredAt: start });
    for (let t = start + 5 * H, k = 0; t < last.to.getTime() - H; t += DAY + (i % 5) * 3 * H, k++) {
      const orderId = `o-${sku}-${k}`;
      rows.push({ type: "order.placed", sku, channel: ids.channels[k % 2], quantity: 1 + (k % 2), occurredAt: t, orderId });
      if (k % 9 === 4) rows.push({ type: "order.cancelled", sku, channel: ids.channels[k % 2], quantity: 1 + (k % 2), occurredAt: t + 2 * H, orderId, reason: "oversold" });
      if (k % 10 === 9) rows.push({ type: "receipt", sku, quantity: 8, occurredAt: t + 3 * H });
    }
  });
  for (let i = 0; i < rows.length; i += 2000) await insertEvents(rows.slice(i, i + 2000));
  server = await startTestServer(db.url, { ONEPOOL_TIMEZONE: TZ }, { nextHandler: routeStandIn({ "/api/scorecard": scorecardRoute }) });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe("the scorecard's write side (per-SKU weeks kept by the preparer)", () => {
  it("while the backfill is unfinished, a request that would replay many SKUs answers 503 scorecard_preparing with its progress, and Retry-After", async () => {
    await rebuildScorecardRollups(pool);
    await pool.query("TRUNCATE scorecard_preparer");
    expect(await preparationProgress(pool, TZ)).toEqual({ done: 0, total: SKUS, active: false });
    // No preparer at work (none ever ran here): a read replays, slow but never stuck.
    const stats = {} as ScorecardStats;
    await card(stats, { maxReplay: 5 });
    expect(stats.replayed).toBe(SKUS);
    await pool.query("TRUNCATE scorecard_sku_week, scorecard_answer");
    // One chunk of the backfill: resumable progress, still preparing, and a preparer seen at work.
    // (4 of 30: the 26 left are more than the API's READ_REPLAY_LIMIT of 25.)
    const step = await prepareSkuWeeks(pool, TZ, { limit: 4 });
    expect(step).toEqual({ locked: true, prepared: 4, remaining: SKUS - 4, resumed: 0 });
    expect(await preparationProgress(pool, TZ)).toEqual({ done: 4, total: SKUS, active: true });
    const res = await fetch(`${server.url}/api/scorecard?week=${week}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body.error.code).toBe("scorecard_preparing");
    expect(body.error.details).toEqual({ progress: { done: 4, total: SKUS, step: "weeks" } });
    await expect(card(undefined, { maxReplay: 5 })).rejects.toBeInstanceOf(ScorecardPreparingError);
    await expect(card(undefined, { maxReplay: 5 })).rejects.toMatchObject({ progress: { done: 4, total: SKUS, step: "weeks" } });
    // Another instance holding the preparer's lock: this one does nothing.
    const other = await pool.connect();
    try {
      await other.query("SELECT pg_advisory_lock(7400169, 17)");
      expect(await prepareSkuWeeks(pool, TZ)).toMatchObject({ locked: false, prepared: 0 });
      await other.query("SELECT pg_advisory_unlock(7400169, 17)");
    } finally {
      other.release();
    }
    // The rest; then the oversold lines' facts, which the rebuild forgot: while a preparer runs, a
    // request folds at most 25 SKUs for them too (still 503), and the warmer's pass (no bound) folds them.
    expect(await prepareAllSkuWeeks(pool, TZ)).toBe(SKUS - 4);
    const oversellsPending = await fetch(`${server.url}/api/scorecard?week=${week}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(oversellsPending.status).toBe(503);
    const pendingBody = await oversellsPending.json();
    expect(pendingBody.error.code).toBe("scorecard_preparing");
    // The second step says so: its count is over the SKUs with oversold lines, not the weeks' count.
    expect(pendingBody.error.details.progress.step).toBe("oversells");
    await card(undefined, { oversells: true });
    const ok = await fetch(`${server.url}/api/scorecard?week=${week}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).week).toBe(week);
  }, 60_000);

  it("after a rebuild and the backfill, a week never asked before replays zero SKUs, with the figures of a full replay", async () => {
    await rebuildScorecardRollups(pool);
    await prepareAllSkuWeeks(pool, TZ);
    expect(await preparationProgress(pool, TZ)).toMatchObject({ done: SKUS, total: SKUS });
    for (const w of [week, shiftWeek(week, -4, TZ)]) {
      const stats = {} as ScorecardStats;
      const s = await card(stats, { week: w });
      expect(stats).toMatchObject({ replayed: 0, answerKept: false });
      expect(s.figures.find((f) => f.key === "stockout_hours" && f.sku === undefined)!.value).toBeGreaterThan(0);
      expect(s).toEqual(await fullReplay(w));
    }
  }, 60_000);

  it("a late event makes exactly its SKU stale; the warmer's tick brings it back, figures equal to a full replay", async () => {
    await prepareAllSkuWeeks(pool, TZ);
    const before = await card();
    // A big order that occurred mid-week, received now: that SKU sells out for the rest of the week.
    const sku = ids.skus[5];
    await insertEvents([{ type: "order.placed", sku, channel: ids.channels[0], quantity: 500, occurredAt: last.from.getTime() + 2 * DAY, receivedAt: Date.now(), orderId: "late-big" }]);
    await drainScorecardRollups(pool);
    expect(await staleSkus()).toEqual([sku]);
    expect(await preparationProgress(pool, TZ)).toMatchObject({ done: SKUS - 1, total: SKUS });

    const tick = await scorecardWarmerTick(pool, TZ);
    // Folded on from its kept state at the last week end before the late event (scorecard-weeks.test.ts checks that path in depth).
    expect(tick.prepare).toEqual({ locked: true, prepared: 1, remaining: 0, resumed: 1 });
    expect(tick.warmed).toBe(true);
    expect(await staleSkus()).toEqual([]);
    // A tick with nothing changed prepares nothing.
    expect((await scorecardWarmerTick(pool, TZ)).prepare).toEqual({ locked: true, prepared: 0, remaining: 0, resumed: 0 });

    await pool.query("TRUNCATE scorecard_answer");
    const stats = {} as ScorecardStats;
    const after = await card(stats);
    expect(stats.replayed).toBe(0);
    expect(after).not.toEqual(before);
    expect(after.figures.find((f) => f.key === "units_sold" && f.channel === null)!.value).toBe(before.figures.find((f) => f.key === "units_sold" && f.channel === null)!.value! + 500);
    expect(after).toEqual(await fullReplay());
  }, 60_000);

  it("closed weeks' oversell counts are kept (a warm call reads them), and a late oversold cancellation invalidates them", async () => {
    const find = (s: Scorecard, cause: string) => s.figures.filter((f) => f.key === "oversells" && f.channel === null && f.reason === cause);
    const total = (s: Scorecard) => s.figures.filter((f) => f.key === "oversells" && f.channel === null).reduce((a, f) => a + f.value!, 0);
    const first = await card(undefined, { oversells: true });
    expect(total(first)).toBeGreaterThan(0);
    const warm = {} as ScorecardStats;
    expect(await card(warm, { oversells: true })).toEqual(first);
    expect(warm.oversellWeeksKept).toBe(12);
    // The warm call serves what is kept: a changed kept row shows.
    await pool.query(
      `UPDATE scorecard_oversell_week SET counts = (SELECT jsonb_agg(CASE WHEN c->>'channel' IS NULL AND c->>'cause' = 'unexplained' THEN jsonb_set(c, '{count}', '1000') ELSE c END) FROM jsonb_array_elements(counts) c)
        WHERE week_from = $1`,
      [last.from],
    );
    const tampered = await card(undefined, { oversells: true });
    expect(find(tampered, "unexplained")[0].value).toBe(1000);

    // A late oversold cancellation in the week: the stamp moves, the engine runs again for it.
    const sku = ids.skus[7];
    const placedAt = last.from.getTime() + 3 * DAY;
    await insertEvents([
      { type: "order.placed", sku, channel: ids.channels[1], quantity: 1, occurredAt: placedAt, receivedAt: Date.now(), orderId: "late-oversold" },
      { type: "order.cancelled", sku, channel: ids.channels[1], quantity: 1, occurredAt: placedAt + H, receivedAt: Date.now(), orderId: "late-oversold", reason: "oversold" },
    ]);
    const stats = {} as ScorecardStats;
    const after = await card(stats, { oversells: true });
    // Only that week: the 11 before it ended more than the future tolerance (at most a day) before the event occurred.
    expect(stats.oversellWeeksKept).toBe(11);
    expect(total(after)).toBe(total(first) + 1);
    const engine = await countOversellsByCause(pool, last.from, last.to);
    for (const c of engine.filter((x) => x.channel === null)) expect(find(after, c.cause)[0].value, c.cause).toBe(c.count);

    // A published number written into the past (a seed, an import) moves the history epoch: recomputed too.
    await card(undefined, { oversells: true });
    await pool.query("INSERT INTO published_history (sku_id, channel_id, quantity, at) VALUES ($1, $2, 3, $3)", [sku, ids.channels[1], new Date(placedAt - H)]);
    const backdated = {} as ScorecardStats;
    await card(backdated, { oversells: true });
    expect(backdated.oversellWeeksKept).toBe(0);
  }, 60_000);

  it("an event late for its SKU that occurred after the weeks' ends (and the future tolerance) keeps every week's oversell counts", async () => {
    const total = (s: Scorecard) => s.figures.filter((f) => f.key === "oversells" && f.channel === null).reduce((a, f) => a + f.value!, 0);
    const first = await card(undefined, { oversells: true });
    const sku = ids.skus[11];
    // After the last week's end by more than the largest tolerance (a day) and the hour the stamp rounds to.
    const after = last.to.getTime() + DAY + 2 * H;
    await insertEvents([{ type: "order.placed", sku, channel: ids.channels[0], quantity: 1, occurredAt: after + H, orderId: "after-1" }]);
    await drainScorecardRollups(pool);
    const warm = {} as ScorecardStats;
    expect(await card(warm, { oversells: true })).toEqual(first);
    expect(warm.oversellWeeksKept).toBe(12);
    // Late for its SKU (before its latest event): the answer cache's stamp moves, these do not.
    const late = await pool.query<{ late: string }>("SELECT late FROM scorecard_sku_events WHERE sku_id = $1", [sku]);
    await insertEvents([{ type: "order.cancelled", sku, channel: ids.channels[0], quantity: 1, occurredAt: after, orderId: "after-1", reason: "oversold" }]);
    await drainScorecardRollups(pool);
    expect((await pool.query<{ late: string }>("SELECT late FROM scorecard_sku_events WHERE sku_id = $1", [sku])).rows[0].late).toBe(String(Number(late.rows[0].late) + 1));
    const stats = {} as ScorecardStats;
    const kept = await card(stats, { oversells: true });
    expect(stats.oversellWeeksKept).toBe(12);
    expect(total(kept)).toBe(total(first));
  }, 60_000);

  it("scorecard_event_hour counts the ledger per occurredAt hour, the same from the drain as from the rebuild", async () => {
    const hours = async () =>
      (await pool.query<{ hour: Date; events: string }>("SELECT hour, events FROM scorecard_event_hour WHERE events <> 0 ORDER BY hour")).rows.map((r) => [r.hour.toISOString(), r.events]);
    const ledger = async () =>
      (
        await pool.query<{ hour: Date; events: string }>("SELECT date_bin(interval '1 hour', occurred_at, timestamptz 'epoch') AS hour, count(*)::text AS events FROM event GROUP BY 1 ORDER BY 1")
      ).rows.map((r) => [r.hour.toISOString(), r.events]);
    // Events at odd minutes and seconds, in hours with counts already and in new ones, drained.
    await insertEvents(ids.skus.slice(0, 6).map((sku, i) => ({ type: "receipt", sku, quantity: 1, occurredAt: last.from.getTime() + i * 1_234_567 })));
    await drainScorecardRollups(pool);
    const drained = await hours();
    expect(drained.length).toBeGreaterThan(100);
    expect(drained).toEqual(await ledger());
    await rebuildScorecardRollups(pool);
    expect(await hours()).toEqual(drained);
  }, 60_000);
});
