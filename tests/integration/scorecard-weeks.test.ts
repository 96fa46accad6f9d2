import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StockEvent } from "@/lib/quantity/types";
import { foldSkuWeeks, START_STATE } from "@/lib/scorecard/sku-fold";
import { skuWeeks, weekWindow, weeksSince, type SkuWeek } from "@/lib/scorecard/sku-week";
import type { Scorecard } from "@/lib/contracts/scorecard";
import { lastCompleteWeek, shiftWeek, weekOf, weekRange } from "@/lib/time/iso-week";
import { drainScorecardRollups } from "@/server/scorecard/drain-scorecard-rollups";
import { getScorecard, type ScorecardStats } from "@/server/scorecard/get-scorecard";
import { forEachSkuHistory, loadLocations } from "@/server/scorecard/load-sku-histories";
import { prepareAllSkuWeeks, prepareSkuWeeks, type PrepareResult } from "@/server/scorecard/prepare-sku-weeks";
import { warmCurrentWeek } from "@/server/scorecard/scorecard-warmer";
import { checkpointInstant } from "@/server/scorecard/sku-checkpoints";
import { getSkuWeeks, locationsFingerprint, ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { seededRandom as random } from "../support/seeded-random";
import { migratedDatabase, type MigratedDatabase } from "../support/own-database";
import { insertLedgerRows, insertSkus, insertWebAndMarketplace } from "../support/insert-ledger-rows";
import { DAY_MS as DAY, HOUR_MS as H } from "@/lib/time/durations";

// Each SKU's fold state kept at each week's end (docs/SCORECARD.md, "Fold state at each week's end"):
// when a week closes the preparer folds only that week from the week before; a late event deletes
// the SKU's states from its own week on, and the next preparation folds only those weeks; the current
// week is folded on read from the last week's end. Every time, the kept weeks must be exactly what a
// replay of each SKU's whole ledger gives. A generated ledger (seeded) in Europe/Madrid over the 10
// weeks before the current one, which takes in the 169-hour week in which summer time ended (W43),
// with absolutes from trusted and untrusted sources, transfers into an unsellable location, holds,
// orders and cancellations. Weeks are relative to the real clock, as the preparer's target is.

const TZ = "Europe/Madrid";
const SKUS = 14;
let db: MigratedDatabase;
let pool: pg.Pool;
const now = Date.now();
const current = weekOf(now, TZ);
const closed = lastCompleteWeek(now, TZ);
/** A week earlier: the preparer's view before `closed` ended. */
const before = now - 7 * DAY;
const start = weekRange(shiftWeek(closed, -9, TZ), TZ).from.getTime();
const ids = { skus: [] as number[], locations: {} as Record<string, number>, channels: [] as number[] };
let n = 0;

interface Row {
  type: string;
  sku: number;
  source?: string;
  location: string;
  to?: string;
  quantity: number;
  at: number;
  received?: number;
  channel?: number;
  reason?: string;
  bucket?: string;
}

async function insertEvents(rows: readonly Row[]): Promise<void> {
  await insertLedgerRows(
    pool,
    rows.map((r) => {
      const eventId = `f-${++n}`;
      return {
        eventId,
        type: r.type,
        source: r.source,
        skuId: r.sku,
        locationId: ids.locations[r.location],
        toLocationId: r.to ? ids.locations[r.to] : null,
        reference: r.to ? `T${eventId}` : null,
        channelId: r.channel,
        quantity: r.quantity,
        occurredAt: r.at,
        receivedAt: r.received ?? r.at + 1000,
        reason: r.reason,
        bucket: r.bucket,
      };
    }),
  );
  await drainScorecardRollups(pool);
}

/** Random events of one SKU in [from, to). */
function ledger(rnd: () => number, sku: number, from: number, to: number, count: number): Row[] {
  const rows: Row[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < count; i++) {
    // A fifth of the events on or beside a week edge (an hour either side), the rest anywhere.
    const edge = weekRange(weekOf(from + rnd() * (to - from), TZ), TZ).from.getTime();
    const at = Math.min(to - 1, Math.max(from, rnd() < 0.2 ? edge + Math.round((rnd() - 0.5) * 2 * H) : Math.floor(from + rnd() * (to - from))));
    const location = pick(["wh", "wh", "store", "qc"]);
    const type = pick([
      "receipt",
      "order.placed",
      "order.placed",
      "order.placed",
      "order.cancelled",
      "order.shipped",
      "cycle_count",
      "snapshot",
      "transfer.out",
      "reservation.created",
      "reservation.released",
      "shrink",
    ]);
    const q = type === "receipt" ? 5 + Math.floor(rnd() * 20) : type === "cycle_count" || type === "snapshot" ? Math.floor(rnd() * 15) : 1 + Math.floor(rnd() * 4);
    rows.push({
      type,
      sku,
      location,
      quantity: q,
      at,
      source: type === "cycle_count" || type === "snapshot" ? pick(["wms", "erp"]) : "wms",
      to: type === "transfer.out" ? pick(["qc", "store", "wh"].filter((l) => l !== location)) : undefined,
      channel: type.startsWith("order.") ? pick(ids.channels) : undefined,
      reason: type === "order.cancelled" ? "customer" : type === "shrink" ? "lost" : undefined,
      bucket: type === "snapshot" ? pick(["on_hand", "available"]) : undefined,
    });
  }
  return rows;
}

/** What a replay of each SKU's whole ledger gives for each of its weeks from its first one to `last`. */
async function replayed(last: string): Promise<Map<number, { weeks: string[]; values: SkuWeek[]; events: StockEvent[] }>> {
  const locations = await loadLocations(pool);
  const firsts = new Map((await pool.query<{ sku_id: number; lo: Date }>("SELECT sku_id, min(occurred_at) AS lo FROM event GROUP BY 1")).rows.map((r) => [r.sku_id, r.lo.getTime()]));
  const out = new Map<number, { weeks: string[]; values: SkuWeek[]; events: StockEvent[] }>();
  await forEachSkuHistory(pool, [...firsts.keys()], weekRange(last, TZ).to, (sku, events) => {
    const weeks = weeksSince(firsts.get(sku)!, last, TZ);
    out.set(sku, {
      weeks,
      values: skuWeeks(
        events,
        locations,
        weeks.map((w) => weekWindow(w, TZ)),
      ),
      events,
    });
  });
  return out;
}

/** Every kept week (scorecard_sku_week, current under the stamps) and kept fold, against the replay. */
async function expectKeptEqualsReplay(last: string): Promise<void> {
  const locations = await loadLocations(pool);
  const config = locationsFingerprint(locations);
  for (const [sku, r] of await replayed(last)) {
    const windows = r.weeks.map((w) => weekWindow(w, TZ));
    const got = await getSkuWeeks(pool, [sku], true, locations, windows);
    expect({ sku, replayed: got.replayed, resumed: got.resumed }).toEqual({ sku, replayed: 0, resumed: 0 });
    expect(got.values.get(sku), `SKU ${sku}`).toEqual(r.values);
    const folds = await pool.query<{ week_end: Date; state: unknown; zero_ms: string; available_end: number }>(
      "SELECT week_end, state, zero_ms, available_end FROM scorecard_sku_fold WHERE timezone = $1 AND sku_id = $2 AND config = $3 ORDER BY week_end",
      [TZ, sku, config],
    );
    expect(folds.rows.map((f) => f.week_end.getTime())).toEqual(windows.map((w) => w.to));
    expect(folds.rows.map((f) => [Number(f.zero_ms), f.available_end])).toEqual(r.values.map((v) => [v.zeroMs, v.availableEnd]));
    // The state kept at the last end is the whole ledger's fold there.
    expect(folds.rows.at(-1)!.state).toEqual(JSON.parse(JSON.stringify(foldSkuWeeks(START_STATE, r.events, locations, windows).states.at(-1))));
  }
}

const card = (week: string, stats?: ScorecardStats) => getScorecard(pool, { week, timezone: TZ, oversells: false, stats, now });

/** The same week with nothing kept: every SKU's ledger replayed at read time. */
async function fullReplay(week: string): Promise<Scorecard> {
  const keep = await pool.query("SELECT * FROM scorecard_sku_week");
  const folds = await pool.query("SELECT * FROM scorecard_sku_fold");
  const checkpoints = await pool.query("SELECT * FROM scorecard_sku_checkpoint");
  await pool.query("TRUNCATE scorecard_sku_week, scorecard_sku_fold, scorecard_answer");
  const stats = {} as ScorecardStats;
  const s = await card(week, stats);
  expect(stats.replayed).toBe(SKUS);
  await pool.query("TRUNCATE scorecard_sku_week, scorecard_sku_fold, scorecard_answer");
  await pool.query("INSERT INTO scorecard_sku_week SELECT * FROM jsonb_populate_recordset(NULL::scorecard_sku_week, $1::jsonb)", [JSON.stringify(keep.rows)]);
  await pool.query("INSERT INTO scorecard_sku_fold SELECT * FROM jsonb_populate_recordset(NULL::scorecard_sku_fold, $1::jsonb)", [JSON.stringify(folds.rows)]);
  // With nothing to resume from, the replay wrote no checkpoint: the ones before are put back as they were.
  await pool.query("TRUNCATE scorecard_sku_checkpoint");
  await pool.query("INSERT INTO scorecard_sku_checkpoint SELECT * FROM jsonb_populate_recordset(NULL::scorecard_sku_checkpoint, $1::jsonb)", [JSON.stringify(checkpoints.rows)]);
  return s;
}

async function prepareAll(at: number): Promise<PrepareResult[]> {
  const steps: PrepareResult[] = [];
  await prepareAllSkuWeeks(pool, TZ, (r) => steps.push(r), at);
  return steps;
}
const sum = (steps: readonly PrepareResult[], k: "prepared" | "resumed") => steps.reduce((a, r) => a + r[k], 0);

beforeAll(async () => {
  db = await migratedDatabase("onepool_sc_folds");
  pool = db.pool;
  for (const [code, sellable, trusted] of [
    ["wh", true, []],
    ["store", true, ["erp", "wms"]],
    ["qc", false, ["wms"]],
  ] as const) {
    ids.locations[code] = (
      await pool.query<{ id: number }>("INSERT INTO location (code, name, type, sellable, trusted_sources, updated_at) VALUES ($1, $1, 'warehouse', $2, $3, now()) RETURNING id", [
        code,
        sellable,
        trusted,
      ])
    ).rows[0].id;
  }
  ids.channels = await insertWebAndMarketplace(pool);
  ids.skus = await insertSkus(pool, "F", SKUS);
  const rnd = random(20261207);
  // What the ledger held a week ago (some SKUs start weeks later than others), received as it occurred.
  const rows = ids.skus.flatMap((sku, i) => ledger(rnd, sku, start + (i % 5) * 7 * DAY + i * 3 * H, before, 120 + i * 10));
  for (let i = 0; i < rows.length; i += 1000) await insertEvents(rows.slice(i, i + 1000));
}, 120_000);

afterAll(() => db?.drop());

describe("fold states kept at each week's end", () => {
  it("a week closing folds only that week from the week before, late events only from their own week; the kept weeks equal a full replay", async () => {
    // A week ago: the backfill replays every SKU's whole ledger (nothing kept yet).
    const first = await prepareAll(before);
    expect(sum(first, "prepared")).toBe(SKUS);
    expect(sum(first, "resumed")).toBe(0);
    await expectKeptEqualsReplay(shiftWeek(closed, -1, TZ));

    // The week that then ran on: its events, plus late ones that occurred weeks back (received now).
    const rnd = random(7);
    await insertEvents(ids.skus.flatMap((sku) => ledger(rnd, sku, before, weekRange(closed, TZ).to.getTime(), 25)));
    const lateSkus = ids.skus.slice(0, 4);
    const lateAt = (i: number) => weekRange(shiftWeek(closed, -3, TZ), TZ).from.getTime() + 2 * DAY + i * 5 * H;
    await insertEvents(lateSkus.map((sku, i) => ({ type: "receipt", sku, location: "wh", quantity: 7, at: lateAt(i), received: now })));
    // The late events took their SKUs' states after them with them, and left the ones before.
    for (const [i, sku] of lateSkus.entries()) {
      const ends = (await pool.query<{ e: Date }>("SELECT week_end AS e FROM scorecard_sku_fold WHERE sku_id = $1", [sku])).rows.map((r) => r.e.getTime());
      expect(ends.length).toBeGreaterThan(0);
      expect(Math.max(...ends)).toBeLessThanOrEqual(lateAt(i));
    }

    // Now (the week closed): every SKU folds on from its last kept end, none replays its ledger.
    const monday = await prepareAll(now);
    expect(sum(monday, "prepared")).toBe(SKUS);
    expect(sum(monday, "resumed")).toBe(SKUS);
    await expectKeptEqualsReplay(closed);
    expect(await card(closed)).toEqual(await fullReplay(closed));

    // A late event before the SKU's first one: nothing kept holds, its whole ledger again.
    const firstOf = (await pool.query<{ lo: Date }>("SELECT min(occurred_at) AS lo FROM event WHERE sku_id = $1", [ids.skus[13]])).rows[0].lo.getTime();
    await insertEvents([{ type: "receipt", sku: ids.skus[13], location: "store", quantity: 3, at: firstOf - 10 * DAY, received: now }]);
    expect(await prepareSkuWeeks(pool, TZ, { now })).toMatchObject({ prepared: 1, resumed: 0, remaining: 0 });
    await expectKeptEqualsReplay(closed);

    // Prepared, but no state kept at the last week's end (as every SKU prepared before states were kept): prepared again, from the week before.
    await pool.query("DELETE FROM scorecard_sku_fold WHERE sku_id = $1 AND week_end = $2", [ids.skus[6], weekRange(closed, TZ).to]);
    expect(await prepareSkuWeeks(pool, TZ, { now })).toMatchObject({ prepared: 1, resumed: 1, remaining: 0 });
    await expectKeptEqualsReplay(closed);
  }, 180_000);

  it("the current week is folded on read from the last week's end, equal to a full replay, and stays so as events arrive", async () => {
    await prepareAll(now);
    const stats = {} as ScorecardStats;
    const s = await card(current, stats);
    expect(stats).toMatchObject({ replayed: 0, resumed: SKUS });
    expect(s.week).toBe(current);
    expect(s).toEqual(await fullReplay(current));
    // Events of this week arrive (one that runs a SKU out, one late in the current week): still a fold of this week only, still exact.
    const from = weekRange(current, TZ).from.getTime();
    await insertEvents([
      { type: "order.placed", sku: ids.skus[2], location: "wh", quantity: 400, at: Math.max(from, now - 2 * H), channel: ids.channels[0] },
      { type: "cycle_count", sku: ids.skus[5], location: "store", source: "erp", quantity: 0, at: from + 1000, received: now },
    ]);
    const again = {} as ScorecardStats;
    const s2 = await card(current, again);
    expect(again).toMatchObject({ replayed: 0 });
    expect(again.resumed).toBeGreaterThan(0);
    expect(s2).not.toEqual(s);
    expect(s2).toEqual(await fullReplay(current));
  }, 120_000);

  it("while the preparer works, only the current week's fold on read is exempt from the replay limit; the week that just closed waits for it", async () => {
    await prepareAll(now);
    // One SKU left to prepare, a preparer seen at work (prepareAll just was): reads are bounded.
    await pool.query("DELETE FROM scorecard_sku_prepared WHERE sku_id = $1", [ids.skus[0]]);
    await pool.query("DELETE FROM scorecard_sku_week WHERE week_to > now()");
    const stats = {} as ScorecardStats;
    await getScorecard(pool, { week: current, timezone: TZ, oversells: false, stats, maxReplay: 0 });
    expect(stats).toMatchObject({ replayed: 0, resumed: SKUS });
    // Monday before the preparer closed the week: folding it on read counts as replaying.
    await pool.query("DELETE FROM scorecard_sku_fold WHERE week_end = $1", [weekRange(closed, TZ).to]);
    await pool.query("DELETE FROM scorecard_sku_week WHERE week_to = $1", [weekRange(closed, TZ).to]);
    await pool.query("TRUNCATE scorecard_answer");
    await expect(getScorecard(pool, { week: closed, timezone: TZ, oversells: false, maxReplay: 0 })).rejects.toBeInstanceOf(ScorecardPreparingError);
    // The preparer closes it from the week before's states; then it reads.
    expect(sum(await prepareAll(now), "resumed")).toBe(SKUS);
    expect(await card(closed)).toEqual(await fullReplay(closed));
  }, 120_000);

  it("the current week goes on from each SKU's checkpoint inside it: the same figures as without, a late event before it deletes it, and the figures stay right", async () => {
    await prepareAll(now);
    const week = weekWindow(current, TZ);
    // The clock the checkpoints' mark is taken from: now, or 2 hours into the week in its first minutes (a mark
    // after the real now is as valid: what arrives before it deletes it), so the week has a mark.
    const clock = Math.max(Date.now(), week.from + 2 * H);
    const mark = checkpointInstant(clock, week)!;
    expect(mark).toBeGreaterThan(week.from);
    // Every SKU moves in the week before the mark (one runs out), some on it and after it.
    await insertEvents([
      ...ids.skus.map((sku, i) => ({ type: "order.placed", sku, location: "wh", quantity: 1 + (i % 3), at: week.from + 1 + i * 60_000, channel: ids.channels[i % 2] })),
      { type: "order.placed", sku: ids.skus[3], location: "wh", quantity: 500, at: mark - 30 * 60_000, channel: ids.channels[0] },
      { type: "receipt", sku: ids.skus[4], location: "store", quantity: 9, at: mark },
      { type: "cycle_count", sku: ids.skus[6], location: "store", source: "erp", quantity: 0, at: mark + 60_000 },
    ]);
    const read = async () => {
      await pool.query("DELETE FROM scorecard_sku_week WHERE week_to = $1", [new Date(week.to)]);
      const stats = {} as ScorecardStats;
      const s = await getScorecard(pool, { week: current, timezone: TZ, oversells: false, stats, now: clock });
      return { s, stats };
    };
    const checkpointsAt = async () =>
      new Map((await pool.query<{ sku_id: number; at: Date }>("SELECT sku_id, at FROM scorecard_sku_checkpoint WHERE timezone = $1", [TZ])).rows.map((r) => [r.sku_id, r.at.getTime()]));

    // No checkpoint yet: each SKU's week folds from last week's end, and a checkpoint at the mark is kept.
    await pool.query("TRUNCATE scorecard_sku_checkpoint");
    const first = await read();
    expect(first.stats).toMatchObject({ replayed: 0, resumed: SKUS, checkpointed: 0 });
    expect([...(await checkpointsAt()).values()]).toEqual(ids.skus.map(() => mark));
    // From the checkpoints: the same figures, as a full replay's.
    const second = await read();
    expect(second.stats).toMatchObject({ replayed: 0, resumed: SKUS, checkpointed: SKUS });
    expect(second.s).toEqual(first.s);
    expect(second.s).toEqual(await fullReplay(current));
    const availableEnd = async (sku: number) =>
      (await pool.query<{ a: number }>("SELECT available_end AS a FROM scorecard_sku_week WHERE sku_id = $1 AND week_to = $2", [sku, new Date(week.to)])).rows[0].a;
    const before1 = await availableEnd(ids.skus[1]);

    // Late events: one before a SKU's checkpoint (received now) deletes it; one at the instant of another's leaves it.
    await insertEvents([
      { type: "receipt", sku: ids.skus[1], location: "wh", quantity: 1000, at: mark - 1 },
      { type: "order.placed", sku: ids.skus[2], location: "wh", quantity: 3, at: mark, channel: ids.channels[1] },
    ]);
    const kept = await checkpointsAt();
    expect(kept.has(ids.skus[1])).toBe(false);
    expect(kept.get(ids.skus[2])).toBe(mark);
    const third = await read();
    expect(third.stats).toMatchObject({ replayed: 0, resumed: SKUS, checkpointed: SKUS - 1 });
    // The receipt before the checkpoint is in the week's end (a fold from the old checkpoint would have missed it).
    expect(await availableEnd(ids.skus[1])).toBe(before1 + 1000);
    expect(third.s).toEqual(await fullReplay(current));
    // The read kept a new checkpoint for the SKU that lost its own.
    expect((await checkpointsAt()).get(ids.skus[1])).toBe(mark);
    await pool.query("TRUNCATE scorecard_sku_checkpoint");
    expect((await read()).s).toEqual(third.s);

    // The warmer folds the current week's moved SKUs and keeps their checkpoints, so the next read goes on from them:
    // a few SKUs a step, every step counted; a pass told to stop folds nothing.
    await pool.query("TRUNCATE scorecard_sku_checkpoint");
    await pool.query("DELETE FROM scorecard_sku_week WHERE week_to = $1", [new Date(week.to)]);
    expect(await warmCurrentWeek(pool, TZ, { now: clock, signal: AbortSignal.abort() })).toEqual({ replayed: 0, resumed: 0, checkpointed: 0 });
    expect((await checkpointsAt()).size).toBe(0);
    expect(await warmCurrentWeek(pool, TZ, { now: clock, step: 5 })).toMatchObject({ replayed: 0, resumed: SKUS, checkpointed: 0 });
    expect((await checkpointsAt()).size).toBe(SKUS);
    const warmed = await read();
    expect(warmed.stats).toMatchObject({ checkpointed: SKUS });
    expect(warmed.s).toEqual(third.s);

    // Between full passes only SKUs whose checkpoint is behind the mark are folded: one that moved after
    // the mark keeps its checkpoint and is left to the reads; the next full pass folds it.
    await insertEvents([{ type: "order.placed", sku: ids.skus[0], location: "wh", quantity: 1, at: mark + 2 * 60_000, channel: ids.channels[0] }]);
    await drainScorecardRollups(pool);
    expect(await warmCurrentWeek(pool, TZ, { now: clock, everySku: false })).toMatchObject({ resumed: 0 });
    expect(await warmCurrentWeek(pool, TZ, { now: clock })).toMatchObject({ resumed: 1, checkpointed: 1 });
  }, 120_000);
});
