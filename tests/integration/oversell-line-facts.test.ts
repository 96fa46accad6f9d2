import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { OversellLine } from "@/lib/contracts/oversells";
import { applyMigrations } from "@/server/db/migrate";
import { getOversells, type OversellsStats } from "@/server/oversells/get-oversells";
import { seededRandom } from "../support/seeded-random";

// Oversold lines' facts kept per line (docs/OVERSELLS.md, "Kept facts"): the kept path answers exactly
// what the engine computes with nothing kept, a late event recomputes its SKU only (and changes the
// line), an event of another SKU or after the line recomputes nothing, and a location, epoch or
// rebuild change recomputes. The ledger is written with SQL (received_at as given, else the
// statement's clock: a late arrival); each test has its own catalogue and channel, and reads its
// channel only, so the stats count its own SKUs.

const H = 3_600_000;
let pool: pg.Pool;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 4 });
  await applyMigrations(pool, undefined, () => {});
});
afterAll(() => pool?.end());

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

    // Pruning or a backdated import of the published history bumps the epoch (docs/SCORECARD.md).
    await pool.query("UPDATE scorecard_history_epoch SET epoch = epoch + 1 WHERE id = 1");
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 2 });

    // A rebuild counts every SKU's `late` from 1 again: the kept facts go with the old counters.
    await pool.query("SELECT onepool_scorecard_rebuild()");
    expect((await pool.query("SELECT 1 FROM oversell_line_facts WHERE sku_id = ANY($1::int[])", [c.skus])).rowCount).toBe(0);
    expect((await read(c, ...range)).stats).toEqual({ linesKept: 0, skusFolded: 2 });
  });
});
