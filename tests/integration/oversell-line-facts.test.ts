import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { OversellLine } from "@/lib/contracts/oversells";
import { pruneDeliveryLog } from "@/server/connectors/prune-delivery-log";
import { applyMigrations } from "@/server/db/migrate";
import { getOversells, type OversellsStats } from "@/server/oversells/get-oversells";
import { prunePublishedHistory } from "@/server/oversells/prune-published-history";
import { countOversellsKept } from "@/server/scorecard/oversell-cache";
import { ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { seededRandom } from "../support/seeded-random";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { DAY_MS as DAY, HOUR_MS as H } from "@/lib/time/durations";

// Oversold lines' facts kept per line (docs/OVERSELLS.md, "Kept facts"): the kept path answers exactly
// what the engine computes with nothing kept, a late event recomputes its SKU only (and changes the
// line), an event of another SKU or after the line recomputes nothing, and a location, epoch or
// rebuild change recomputes; pruning the history keeps what it cannot have changed. The ledger is
// written with SQL (received_at as given, else the statement's clock: a late arrival); each test has
// its own catalogue and channel, and reads its channel only, so the stats count its own SKUs. Its own
// database: the history's cut only grows, and pruning moves it (docs/OVERSELLS.md, "Kept facts").

const admin = inject("adminUrl");
const DB = `onepool_oversell_facts_${process.pid}`;
let pool: pg.Pool;
beforeAll(async () => {
  await createDatabase(admin, DB);
  pool = new pg.Pool({ connectionString: withDatabase(admin, DB), max: 4 });
  await applyMigrations(pool, undefined, () => {});
});
afterAll(async () => {
  await pool?.end();
  await dropDatabase(admin, DB);
});

interface Catalogue {
  skus: number[];
  locations: { wh: number; store: number; q: number };
  channel: number;
  other: number;
  channelCode: string;
}

async function catalogue(skus: number): Promise<Catalogue> {
  const tag = randomUUID().slice(0, 8);
  const ids = async (sql: string, params: unknown[]) => (await pool.query<{ id: number }>(sql, params)).rows.map((r) => r.id);
  const [wh, store, q] = await ids(
    `INSERT INTO location (code, name, type, sellable, trusted_sources, updated_at)
     SELECT l.code || '-' || $1, l.code, 'warehouse', l.sellable, l.trusted, now()
       FROM (VALUES (1, 'wh', true, ARRAY['wms']), (2, 'store', true, ARRAY['pos']), (3, 'q', false, ARRAY[]::text[])) l(i, code, sellable, trusted) ORDER BY l.i RETURNING id`,
    [tag],
  );
  const [channel, other] = await ids(
    "INSERT INTO channel (code, name, kind, updated_at) SELECT c || '-' || $1, c, 'website', now() FROM unnest(ARRAY['web', 'shop']) WITH ORDINALITY u(c, i) ORDER BY i RETURNING id",
    [tag],
  );
  const skuIds = await ids("INSERT INTO sku (code, name, updated_at) SELECT 'S' || i || '-' || $1, 'S' || i, now() FROM generate_series(1, $2::int) i ORDER BY i RETURNING id", [tag, skus]);
  return { skus: skuIds, locations: { wh, store, q }, channel, other, channelCode: `web-${tag}` };
}

interface Ev {
  type: string;
  sku: number;
  location: number;
  quantity: number;
  at: number;
  /** When it arrived; left out: now (a late arrival for anything that occurred before). */
  received?: number;
  source?: string;
  to?: number;
  channel?: number;
  order?: string;
  reason?: string;
}

let n = 0;
async function insert(events: readonly Ev[]): Promise<void> {
  const col = <T>(f: (e: Ev) => T) => events.map(f);
  await pool.query(
    `INSERT INTO event (source, event_id, type, sku_id, location_id, to_location_id, channel_id, quantity, occurred_at, received_at, order_id, reason, reference, body)
     SELECT u.source, u.id, u.type, u.sku, u.loc, u.to_loc, u.ch, u.q, u.at, coalesce(u.rcv, statement_timestamp()), u.ord, u.reason, u.ref, '{}'::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[])
         AS u(source, id, type, sku, loc, to_loc, ch, q, at, rcv, ord, reason, ref)`,
    [
      col((e) => e.source ?? "wms"),
      col(() => `olf-${randomUUID()}-${++n}`),
      col((e) => e.type),
      col((e) => e.sku),
      col((e) => e.location),
      col((e) => e.to ?? null),
      col((e) => e.channel ?? null),
      col((e) => e.quantity),
      col((e) => new Date(e.at)),
      col((e) => (e.received === undefined ? null : new Date(e.received))),
      col((e) => e.order ?? null),
      col((e) => e.reason ?? null),
      col((e) => (e.type === "transfer.out" ? `T${n}` : null)),
    ],
  );
}

/** An order line placed at `at` and cancelled as oversold `after` later, both known when they occurred. */
const oversold = (c: Catalogue, sku: number, at: number, quantity: number, after = H, location = c.locations.wh): Ev[] => {
  const order = `o-${randomUUID()}`;
  return [
    { type: "order.placed", sku, location, quantity, at, received: at, channel: c.channel, order },
    { type: "order.cancelled", sku, location, quantity, at: at + after, received: at + after, channel: c.channel, order, reason: "oversold" },
  ];
};

/** The catalogue's channel's oversold lines (the kept path) and what the call folded. */
async function read(c: Catalogue, from: number, to: number): Promise<{ lines: OversellLine[]; stats: OversellsStats }> {
  const stats = { linesKept: -1, skusFolded: -1 };
  const lines = await getOversells(pool, { from: new Date(from), to: new Date(to), channel: c.channelCode, stats });
  return { lines, stats };
}

/** The same with nothing kept for the catalogue's SKUs: the engine over every line. */
async function fresh(c: Catalogue, from: number, to: number): Promise<OversellLine[]> {
  await pool.query("DELETE FROM oversell_line_facts WHERE sku_id = ANY($1::int[])", [c.skus]);
  const r = await read(c, from, to);
  expect(r.stats.linesKept).toBe(0);
  return r.lines;
}

describe("oversold lines' facts kept per line (docs/OVERSELLS.md, Kept facts)", () => {
  it("after random ingest, late arrivals included, the kept path answers exactly what the engine does with nothing kept", async () => {
    const c = await catalogue(6);
    const rnd = seededRandom(20261207);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const t0 = Date.now() - 20 * 24 * H;
    const span = 4 * 24 * H;
    const [from, to] = [t0, t0 + span + 2 * H];
    const { wh, store, q } = c.locations;
    /** Random events of the given SKUs; `history`: received within 2 hours of occurring, else arriving now. */
    const batch = (skus: readonly number[], count: number, history: boolean): Ev[] =>
      Array.from({ length: count }, (): Ev[] => {
        const sku = pick(skus);
        const at = t0 + Math.floor(rnd() * span);
        const received = history ? at + Math.floor(rnd() * 2 * H) : undefined;
        const location = pick([wh, wh, store]);
        const quantity = 1 + Math.floor(rnd() * 6);
        const kind = rnd();
        if (kind < 0.25) return oversold(c, sku, at, quantity, Math.floor(rnd() * 3 * H)).map((e) => (history ? e : { ...e, received: undefined }));
        if (kind < 0.45) return [{ type: "receipt", sku, location, quantity: quantity * 3, at, received }];
        if (kind < 0.55) return [{ type: "shrink", sku, location, quantity, at, received }];
        if (kind < 0.65) return [{ type: "cycle_count", sku, location, quantity: Math.floor(rnd() * 10), at, received, source: pick(["wms", "pos"]) }];
        if (kind < 0.75) return [{ type: "transfer.out", sku, location, to: q, quantity, at, received }];
        return [{ type: "order.placed", sku, location, quantity: 1, at, received, channel: pick([c.channel, c.other]), order: `x-${randomUUID()}` }];
      }).flat();

    await insert(batch(c.skus, 150, true));
    let lastKept = 0;
    let foldedFewer = false;
    for (let round = 0; round < 6; round++) {
      // Rounds 1–4: one or two SKUs get events that arrive now (late ones mostly); round 5: nothing.
      const touched = round === 0 || round === 5 ? [] : c.skus.filter(() => rnd() < 0.3).slice(0, 2);
      if (touched.length > 0) await insert(batch(touched, 6, false));
      const kept = await read(c, from, to);
      if (round > 0 && kept.stats.skusFolded < c.skus.length) foldedFewer = true;
      lastKept = kept.stats.linesKept;
      expect(kept.lines.length).toBeGreaterThan(10);
      expect(kept.lines).toEqual(await fresh(c, from, to));
    }
    // The kept path was taken: nothing arrived before the last round, so every line came from kept facts.
    expect(lastKept).toBeGreaterThan(10);
    expect(foldedFewer).toBe(true);
  });

  it("a late event that occurred before a line's placing recomputes its SKU and changes the line; one at exactly the cancellation too", async () => {
    const c = await catalogue(1);
    const [sku] = c.skus;
    const t0 = Date.now() - 10 * 24 * H;
    await insert([{ type: "receipt", sku, location: c.locations.wh, quantity: 10, at: t0, received: t0 }, ...oversold(c, sku, t0 + 2 * H, 5)]);
    const range = [t0, t0 + 4 * H] as const;
    const first = await read(c, ...range);
    expect(first.stats).toEqual({ linesKept: 0, skusFolded: 1 });
    expect(first.lines).toMatchObject([{ availableReal: 10, availableKnown: 10, cause: "unexplained" }]);
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 1, skusFolded: 0 });

    // A shrink of 8 that occurred an hour before the sale arrives now: Onepool knew 10, there were 2.
    await insert([{ type: "shrink", sku, location: c.locations.wh, quantity: 8, at: t0 + H }]);
    const late = await read(c, ...range);
    expect(late.stats).toEqual({ linesKept: 0, skusFolded: 1 });
    expect(late.lines).toMatchObject([{ availableReal: 2, availableKnown: 10, cause: "late_events" }]);
    expect(late.lines[0].ingestLagMs).toBeGreaterThan(9 * 24 * H);
    expect(late.lines).toEqual(await fresh(c, ...range));

    // The cancellation is the SKU's latest event: a damage at exactly that instant is a correction
    // inside (placedAt, cancelledAt], and moves no `late` counter (it is not before the high water).
    const cancelledAt = Date.parse(late.lines[0].cancelledAt);
    await read(c, ...range);
    await insert([{ type: "shrink", sku, location: c.locations.wh, quantity: 1, at: cancelledAt }]);
    const atEnd = await read(c, ...range);
    expect(atEnd.stats.skusFolded).toBe(1);
    expect(atEnd.lines).toEqual(await fresh(c, ...range));
  });

  it("an event of another SKU, or of the same SKU after the line, recomputes nothing; a late one recomputes its own SKU only", async () => {
    const c = await catalogue(3);
    const [a, b, other] = c.skus;
    const t0 = Date.now() - 10 * 24 * H;
    const { wh } = c.locations;
    await insert([
      { type: "receipt", sku: a, location: wh, quantity: 4, at: t0, received: t0 },
      { type: "receipt", sku: b, location: wh, quantity: 4, at: t0, received: t0 },
      ...oversold(c, a, t0 + H, 2),
      ...oversold(c, b, t0 + H, 2),
      // Events after the lines: each SKU's high water is past its cancellation.
      { type: "receipt", sku: a, location: wh, quantity: 1, at: t0 + 5 * H, received: t0 + 5 * H },
      { type: "receipt", sku: b, location: wh, quantity: 1, at: t0 + 5 * H, received: t0 + 5 * H },
    ]);
    const range = [t0, t0 + 4 * H] as const;
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 2 });
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 2, skusFolded: 0 });

    // Late for a SKU without a line, then new (after the high water) for the SKUs with one.
    await insert([
      { type: "shrink", sku: other, location: wh, quantity: 1, at: t0 + H },
      { type: "receipt", sku: a, location: wh, quantity: 1, at: t0 + 6 * H },
      { type: "order.placed", sku: b, location: wh, quantity: 1, at: t0 + 7 * H, channel: c.other, order: "after" },
    ]);
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 2, skusFolded: 0 });

    // Late for b: b alone is folded again.
    await insert([{ type: "receipt", sku: b, location: wh, quantity: 1, at: t0 + 30 * 60_000 }]);
    const late = await read(c, ...range);
    expect(late.stats).toEqual({ linesKept: 1, skusFolded: 1 });
    expect(late.lines).toEqual(await fresh(c, ...range));
  });

  it("a request bounded to one SKU answers 'preparing' while a preparer runs, rather than fold two; unbounded, or with no preparer, it folds them", async () => {
    const c = await catalogue(2);
    const [a, b] = c.skus;
    const t0 = Date.now() - 10 * 24 * H;
    const { wh } = c.locations;
    await insert([...oversold(c, a, t0 + H, 2), ...oversold(c, b, t0 + H, 2)]);
    const span = { from: new Date(t0), to: new Date(t0 + 4 * H), channel: c.channelCode };
    const bounded = (active: boolean) => ({ max: 1, preparerActive: async () => active });
    await expect(getOversells(pool, { ...span, limit: bounded(true) })).rejects.toBeInstanceOf(ScorecardPreparingError);
    const stats = { linesKept: -1, skusFolded: -1 };
    // Nobody preparing: waiting would not help, so the request folds them itself (and keeps them).
    expect(await getOversells(pool, { ...span, limit: bounded(false), stats })).toHaveLength(2);
    expect(stats).toEqual({ linesKept: 0, skusFolded: 2 });
    // Kept now: within the bound whoever prepares.
    expect(await getOversells(pool, { ...span, limit: bounded(true), stats })).toHaveLength(2);
    expect(stats).toEqual({ linesKept: 2, skusFolded: 0 });
    // A late event for one SKU: one fold, inside the bound.
    await insert([{ type: "receipt", sku: a, location: wh, quantity: 1, at: t0 + 30 * 60_000 }]);
    expect(await getOversells(pool, { ...span, limit: bounded(true), stats })).toHaveLength(2);
    expect(stats).toEqual({ linesKept: 1, skusFolded: 1 });
  });

  it("a location's trust or sellable flag, the history epoch and a rollup rebuild each recompute every line", async () => {
    const c = await catalogue(2);
    const t0 = Date.now() - 10 * 24 * H;
    const { wh, store } = c.locations;
    const [a, b] = c.skus;
    await insert([
      { type: "receipt", sku: a, location: wh, quantity: 3, at: t0, received: t0 },
      { type: "receipt", sku: a, location: store, quantity: 3, at: t0, received: t0 },
      // An untrusted count at the store (pos only): trusted, it would set the store to 0.
      { type: "cycle_count", sku: a, location: store, quantity: 0, at: t0 + 30 * 60_000, received: t0 + 30 * 60_000, source: "wms" },
      { type: "receipt", sku: b, location: wh, quantity: 1, at: t0, received: t0 },
      ...oversold(c, a, t0 + H, 8),
      ...oversold(c, b, t0 + H, 2),
    ]);
    const range = [t0, t0 + 4 * H] as const;
    const availableOfA = (lines: OversellLine[]) => lines.find((l) => l.quantity === 8)!.availableReal;
    const first = await read(c, ...range);
    expect(first.stats.skusFolded).toBe(2);
    expect(availableOfA(first.lines)).toBe(6);
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 2, skusFolded: 0 });

    await pool.query("UPDATE location SET trusted_sources = ARRAY['wms', 'pos'] WHERE id = $1", [store]);
    const trusted = await read(c, ...range);
    expect(trusted.stats).toEqual({ linesKept: 0, skusFolded: 2 });
    expect(availableOfA(trusted.lines)).toBe(3);
    expect((await read(c, ...range)).stats.linesKept).toBe(2);

    await pool.query("UPDATE location SET sellable = false WHERE id = $1", [store]);
    const unsellable = await read(c, ...range);
    expect(unsellable.stats).toEqual({ linesKept: 0, skusFolded: 2 });
    expect(unsellable.lines).toEqual(await fresh(c, ...range));

    // A backdated import of the published history, or deleting the number in force, bumps the epoch (docs/SCORECARD.md).
    await pool.query("UPDATE scorecard_history_epoch SET epoch = epoch + 1 WHERE id = 1");
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 2 });

    // A rebuild counts every SKU's `late` from 1 again: the kept facts go with the old counters.
    await pool.query("SELECT onepool_scorecard_rebuild()");
    expect((await pool.query("SELECT 1 FROM oversell_line_facts WHERE sku_id = ANY($1::int[])", [c.skus])).rowCount).toBe(0);
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 2 });
  });
});

describe("pruning the published history and acknowledgements (docs/OVERSELLS.md, Kept facts and Retention)", () => {
  /** Rows of (sku, channel)'s history, each `[quantity, at]`. */
  const history = async (c: Catalogue, sku: number, rows: [number, number][]) => {
    for (const [q, at] of rows) await pool.query("INSERT INTO published_history (sku_id, channel_id, quantity, at) VALUES ($1, $2, $3, $4)", [sku, c.channel, q, new Date(at)]);
  };
  /** A week around `t0` whose oversell counts may be kept; how many of its weeks the call served kept. */
  const weekKept = async (t0: number) => (await countOversellsKept(pool, [{ from: new Date(t0 - DAY), to: new Date(t0 + 6 * DAY) }], { toleranceMs: 120_000 })).kept;
  const epoch = async () => (await pool.query<{ epoch: string; cut: Date | null }>("SELECT epoch::text, cut FROM scorecard_history_epoch WHERE id = 1")).rows[0];

  /** A SKU with one oversold line placed at t0, its facts and its week's counts kept. */
  async function keptLine(c: Catalogue, t0: number) {
    const [sku] = c.skus;
    await insert([{ type: "receipt", sku, location: c.locations.wh, quantity: 2, at: t0 - 2 * H, received: t0 - 2 * H }, ...oversold(c, sku, t0, 5)]);
    const range = [t0 - DAY, t0 + DAY] as const;
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 1 });
    await weekKept(t0);
    const kept = await read(c, ...range);
    expect(kept.stats).toEqual({ linesKept: 1, skusFolded: 0 });
    expect(await weekKept(t0)).toBe(1);
    return { sku, range, line: kept.lines[0] };
  }

  it("pruning rows older than every line keeps the lines' facts and the weeks' counts", async () => {
    const c = await catalogue(1);
    const t0 = Date.now() - 10 * DAY;
    await history(c, c.skus[0], [
      [9, Date.now() - 500 * DAY],
      [7, Date.now() - 450 * DAY],
      [3, t0 - H],
    ]);
    const { range, line } = await keptLine(c, t0);
    expect(line.published).toBe(3);
    const before = await epoch();

    expect(await prunePublishedHistory(pool, 400)).toBe(1);
    const after = await epoch();
    expect(after.epoch).toBe(before.epoch);
    // The 500-day row's next row (450 days) is the instant before which answers may have changed.
    expect(Math.abs(after.cut!.getTime() - (Date.now() - 450 * DAY))).toBeLessThan(60_000);
    const again = await read(c, ...range);
    expect(again.stats).toEqual({ linesKept: 1, skusFolded: 0 });
    expect(await weekKept(t0)).toBe(1);
    expect(again.lines).toEqual(await fresh(c, ...range));
  });

  it("pruning acknowledgements keeps the newest one before the cutoff: the line's acknowledged number and kept facts stay", async () => {
    const c = await catalogue(1);
    const t0 = Date.now() - 10 * DAY;
    const [sku] = c.skus;
    for (const [q, days] of [
      [4, 500],
      [6, 450],
    ]) {
      await pool.query(
        "INSERT INTO outbound_ack (channel_id, sku_id, sequence, quantity, attempts, occurred_at, acked_at, lag_ms) VALUES ($1, $2, 1, $3, 1, NULL, now() - make_interval(days => $4), NULL)",
        [c.channel, sku, q, days],
      );
    }
    const { range, line } = await keptLine(c, t0);
    expect(line.acknowledged).toBe(6);

    await pruneDeliveryLog(pool, 30, 90, 400);
    const left = await pool.query<{ quantity: number }>("SELECT quantity FROM outbound_ack WHERE channel_id = $1 ORDER BY acked_at", [c.channel]);
    expect(left.rows.map((r) => r.quantity)).toEqual([6]);
    const again = await read(c, ...range);
    expect(again.stats).toEqual({ linesKept: 1, skusFolded: 0 });
    expect(await weekKept(t0)).toBe(1);
    expect(again.lines[0].acknowledged).toBe(6);
    expect(again.lines).toEqual(await fresh(c, ...range));
  });

  it("deleting the newest row of a (SKU, channel) outright bumps the epoch: every line and week is computed again", async () => {
    const c = await catalogue(1);
    const t0 = Date.now() - 10 * DAY;
    await history(c, c.skus[0], [
      [7, t0 - 2 * H],
      [3, t0 - H],
    ]);
    const { sku, range, line } = await keptLine(c, t0);
    expect(line.published).toBe(3);
    const before = await epoch();

    await pool.query("DELETE FROM published_history WHERE sku_id = $1 AND quantity = 3", [sku]);
    expect(Number((await epoch()).epoch)).toBe(Number(before.epoch) + 1);
    const again = await read(c, ...range);
    expect(again.stats).toEqual({ linesKept: 0, skusFolded: 1 });
    expect(again.lines[0].published).toBe(7);
    expect(await weekKept(t0)).toBe(0);
    expect(again.lines).toEqual(await fresh(c, ...range));
  });

  // Last: it moves the database's cut past this file's lines for good.
  it("a prune that deletes the number in force at a line's placing computes that line again, and keeps neither it nor its week", async () => {
    const c = await catalogue(1);
    const t0 = Date.now() - 10 * DAY;
    await history(c, c.skus[0], [
      [3, t0 - H],
      [8, t0 + DAY],
    ]);
    const { range, line } = await keptLine(c, t0);
    expect(line.published).toBe(3);

    // The cutoff (7 days ago) is after both rows: the one in force at the placing goes, its next row stays.
    expect(await prunePublishedHistory(pool, 7)).toBeGreaterThanOrEqual(1);
    expect((await epoch()).cut!.getTime()).toBe(t0 + DAY);
    const again = await read(c, ...range);
    expect(again.stats).toEqual({ linesKept: 0, skusFolded: 1 });
    expect(again.lines[0].published).toBeNull();
    expect(again.lines).toEqual(await fresh(c, ...range));
    expect(await weekKept(t0)).toBe(0);
    // Placed before the cut: never kept, so every read computes it.
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 1 });
    expect(await weekKept(t0)).toBe(0);
  });
});
