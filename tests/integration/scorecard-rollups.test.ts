import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scorecard, ScorecardFigure } from "@/lib/contracts/scorecard";
import { getScorecard } from "@/server/scorecard/get-scorecard";
import { rebuildScorecardRollups } from "@/server/scorecard/rebuild-scorecard-rollups";
import { migratedDatabase, type MigratedDatabase } from "../support/own-database";
import { insertLedgerRows } from "../support/insert-ledger-rows";
import { DAY_MS as DAY, HOUR_MS as H, MINUTE_MS as MIN } from "@/lib/time/durations";

// The scorecard's rollups (fed by the event trigger as events are written) against the ledger: a database of
// its own, so the scorecard reads every SKU from the rollups, and a generated ledger in three
// channels (one of them "none") with cancellations by reason, split shipments, reallocations, late
// events in closed weeks and exact edge instants. Each week is answered in Asia/Kolkata (+5:30),
// Asia/Kathmandu (+5:45) and Europe/Madrid (the 169-hour week of 25 October) and compared with
// (a) the ledger scanned at read time (the same call restricted to every SKU takes that path) and
// (b) sums, ratios and nearest-rank percentiles worked out here from the generated rows.

let db: MigratedDatabase;
let pool: pg.Pool;

// Week edges written out in UTC: Monday 00:00 in Kolkata is Sunday 18:30 UTC.
const KOLKATA = {
  W43: { from: Date.parse("2026-10-18T18:30:00Z"), to: Date.parse("2026-10-25T18:30:00Z") },
  W44: { from: Date.parse("2026-10-25T18:30:00Z"), to: Date.parse("2026-11-01T18:30:00Z") },
  W45: { from: Date.parse("2026-11-01T18:30:00Z"), to: Date.parse("2026-11-08T18:30:00Z") },
};

interface Row {
  type: string;
  sku: number;
  location: number;
  toLocation: number | null;
  channel: number | null;
  quantity: number;
  occurredAt: number;
  receivedAt: number;
  orderId: string | null;
  reason: string | null;
  promisedAt: number | null;
}
interface Ack {
  channel: number;
  sku: number;
  ackedAt: number;
  lagMs: number | null;
}

let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const ids = { skus: [] as number[], codes: [] as string[], locations: [] as number[], channels: [] as number[], channelCode: new Map<number, string>() };
const ledger: Row[] = [];
const acks: Ack[] = [];
let eventNo = 0;

async function insertEvents(rows: readonly Row[]): Promise<void> {
  await insertLedgerRows(
    pool,
    rows.map((r) => ({ ...r, eventId: `ev-${++eventNo}`, skuId: r.sku, locationId: r.location, toLocationId: r.toLocation, channelId: r.channel })),
  );
  ledger.push(...rows);
}

async function insertAcks(rows: readonly Ack[]): Promise<void> {
  await pool.query(
    `INSERT INTO outbound_ack (channel_id, sku_id, sequence, quantity, attempts, occurred_at, acked_at, lag_ms)
     SELECT u.channel_id, u.sku_id, 1, 1, 1, CASE WHEN u.lag_ms IS NULL THEN NULL ELSE u.acked_at - make_interval(secs => u.lag_ms / 1000.0) END, u.acked_at, u.lag_ms
       FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::int[]) AS u(channel_id, sku_id, acked_at, lag_ms)`,
    [rows.map((a) => a.channel), rows.map((a) => a.sku), rows.map((a) => new Date(a.ackedAt)), rows.map((a) => a.lagMs)],
  );
  acks.push(...rows);
}

/** Order lines over [from, to): placed (a promise on most), then cancelled by reason, or reallocated, shipped (sometimes in two parts) and delivered. */
function orderLines(n: number, from: number, to: number, tag: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const sku = pick(ids.skus);
    const channel = pick([...ids.channels, null]);
    const placed = from + Math.floor((rnd() * (to - from - 3 * DAY)) / MIN) * MIN + Math.floor(rnd() * 60_000);
    const orderId = `${tag}-${i}`;
    const lag = Math.floor(rnd() * 20) * 1000 + pick([0, 250, 999]);
    const base = { sku, location: ids.locations[0], toLocation: null, channel, orderId, reason: null, promisedAt: null };
    const qty = 1 + Math.floor(rnd() * 4);
    rows.push({ ...base, type: "order.placed", quantity: qty, occurredAt: placed, receivedAt: placed + lag, promisedAt: rnd() < 0.8 ? placed + Math.floor(rnd() * 4 * DAY) : null });
    const roll = rnd();
    if (roll < 0.2) {
      rows.push({ ...base, type: "order.cancelled", quantity: qty, occurredAt: placed + 2 * H, receivedAt: placed + 2 * H + lag, reason: pick(["customer", "oversold", "payment", null, "weird"]) });
      continue;
    }
    let shipAt = placed + Math.floor(rnd() * 2 * DAY);
    if (roll < 0.35) {
      const re = shipAt - pick([H, 0, -H]) * (rnd() < 0.5 ? 1 : -1);
      rows.push({ ...base, type: "order.reallocated", toLocation: ids.locations[1], quantity: qty, occurredAt: re, receivedAt: re + lag });
    }
    if (rnd() < 0.2) rows.push({ ...base, type: "order.shipped", quantity: 1, occurredAt: shipAt, receivedAt: shipAt + lag }), (shipAt += 5 * H);
    rows.push({ ...base, type: "order.shipped", quantity: qty, occurredAt: shipAt, receivedAt: shipAt + lag });
    const deliverAt = shipAt + Math.floor(rnd() * 3 * DAY);
    rows.push({ ...base, type: "order.delivered", quantity: qty, occurredAt: deliverAt, receivedAt: deliverAt + lag });
  }
  return rows;
}

beforeAll(async () => {
  db = await migratedDatabase("onepool_sc_rollups");
  pool = db.pool;
  const loc = await pool.query<{ id: number }>(
    "INSERT INTO location (code, name, type, sellable, updated_at) VALUES ('wh', 'wh', 'warehouse', true, now()), ('store', 'store', 'store', true, now()) RETURNING id",
  );
  ids.locations = loc.rows.map((r) => r.id);
  const ch = await pool.query<{ id: number; code: string }>(
    "INSERT INTO channel (code, name, kind, updated_at) VALUES ('web', 'web', 'website', now()), ('mkt', 'mkt', 'marketplace', now()) RETURNING id, code",
  );
  ids.channels = ch.rows.map((r) => r.id);
  for (const r of ch.rows) ids.channelCode.set(r.id, r.code);
  const sk = await pool.query<{ id: number; code: string }>(
    "INSERT INTO sku (code, name, updated_at) SELECT 'S' || lpad(i::text, 3, '0'), 's', now() FROM generate_series(1, 25) i RETURNING id, code",
  );
  ids.skus = sk.rows.map((r) => r.id);
  ids.codes = sk.rows.map((r) => r.code);

  const start = Date.parse("2026-09-01T00:00:00Z");
  const end = Date.parse("2026-11-08T00:00:00Z");
  // Stock: a receipt per SKU, a few more later (some SKUs run out between them), a cycle count.
  await insertEvents(
    ids.skus.map((sku, i) => ({
      type: "receipt",
      sku,
      location: ids.locations[0],
      toLocation: null,
      channel: null,
      quantity: 20 + (i % 5) * 10,
      occurredAt: start,
      receivedAt: start,
      orderId: null,
      reason: null,
      promisedAt: null,
    })),
  );
  // Several statements, as batches of ingest arrive: each trigger run merges into what is there.
  for (let b = 0; b < 6; b++) await insertEvents(orderLines(60, start + b * ((end - start) / 6), start + (b + 1) * ((end - start) / 6), `b${b}`));
  await insertEvents(
    ids.skus
      .filter((_, i) => i % 3 === 0)
      .map((sku, i) => ({
        type: "receipt",
        sku,
        location: ids.locations[0],
        toLocation: null,
        channel: null,
        quantity: 15,
        occurredAt: Date.parse("2026-10-28T07:00:00Z") + i * H,
        receivedAt: Date.parse("2026-10-28T07:00:00Z") + i * H + 500,
        orderId: null,
        reason: null,
        promisedAt: null,
      })),
  );
  // Edge instants of Kolkata's W44: the first and the last millisecond, placed and received there.
  const edge = (ms: number, orderId: string, channel: number | null): Row => ({
    type: "order.placed",
    sku: ids.skus[0],
    location: ids.locations[0],
    toLocation: null,
    channel,
    quantity: 7,
    occurredAt: ms,
    receivedAt: ms,
    orderId,
    reason: null,
    promisedAt: null,
  });
  await insertEvents([edge(KOLKATA.W44.from, "edge-1", ids.channels[0]), edge(KOLKATA.W44.to - 1, "edge-2", ids.channels[1]), edge(KOLKATA.W44.to, "edge-3", null)]);
  // Acknowledgements: end-to-end lag per channel; a re-told number has none.
  const a: Ack[] = [];
  for (let i = 0; i < 400; i++) {
    a.push({ channel: pick(ids.channels), sku: pick(ids.skus), ackedAt: start + Math.floor(rnd() * (end - start)), lagMs: rnd() < 0.1 ? null : 100 + Math.floor(rnd() * 50) * 37 });
  }
  await insertAcks(a);
}, 120_000);

afterAll(() => db?.drop());

const card = (week: string, timezone: string) => getScorecard(pool, { week, timezone, oversells: false });
const scanned = (week: string, timezone: string) => getScorecard(pool, { week, timezone, oversells: false, skus: ids.codes });
const find = (s: Scorecard, key: string, channel: string | null, extra: Partial<ScorecardFigure> = {}) =>
  s.figures.find((f) => f.key === key && f.channel === channel && f.reason === extra.reason && f.sku === extra.sku && f.bucket === extra.bucket)!;

const code = (channel: number | null) => (channel === null ? null : ids.channelCode.get(channel)!);
const inRange = (t: number, r: { from: number; to: number }) => t >= r.from && t < r.to;
const scopes = () => [null, "web", "mkt"];
const ofScope = (channel: number | null, scope: string | null) => scope === null || code(channel) === scope;

/** Nearest rank, written out: the value at position ceil(p·n) of the sorted values. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

/** Promise and allocation accuracy worked out from the generated rows, one order line at a time. */
function lineRatios(week: { from: number; to: number }, scope: string | null) {
  const lines = new Map<string, Row[]>();
  for (const r of ledger) {
    if (!r.orderId || !["order.placed", "order.reallocated", "order.shipped", "order.delivered"].includes(r.type)) continue;
    const k = `${r.orderId}/${r.sku}`;
    lines.set(k, [...(lines.get(k) ?? []), r]);
  }
  let promised = 0,
    onTime = 0,
    shipped = 0,
    clean = 0;
  for (const evs of lines.values()) {
    const placed = evs.filter((e) => e.type === "order.placed").sort((x, y) => x.occurredAt - y.occurredAt);
    const channel = placed.find((e) => e.channel !== null)?.channel ?? evs.find((e) => e.channel !== null)?.channel ?? null;
    if (!ofScope(channel, scope)) continue;
    const promise = placed.find((e) => e.promisedAt !== null)?.promisedAt ?? null;
    const last = (type: string) => Math.max(...evs.filter((e) => e.type === type).map((e) => e.occurredAt));
    const delivered = last("order.delivered");
    if (promise !== null && inRange(delivered, week)) (promised += 1), (onTime += delivered <= promise ? 1 : 0);
    const ship = last("order.shipped");
    if (inRange(ship, week)) (shipped += 1), (clean += evs.some((e) => e.type === "order.reallocated" && e.occurredAt <= ship) ? 0 : 1);
  }
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1e6) / 1e6);
  return { promise: ratio(onTime, promised), allocation: ratio(clean, shipped) };
}

function expectLedgerFigures(s: Scorecard, weeks: Record<"W43" | "W44", { from: number; to: number }>) {
  for (const scope of scopes()) {
    for (const [name, w] of Object.entries(weeks)) {
      const value = (f: ScorecardFigure) => (name === "W44" ? f.value : f.trend.at(-1)!.value);
      const rows = ledger.filter((r) => inRange(r.occurredAt, w) && ofScope(r.channel, scope));
      const sum = (type: string, reason?: string | null) => rows.filter((r) => r.type === type && (reason === undefined || r.reason === reason)).reduce((n, r) => n + r.quantity, 0);
      const placed = sum("order.placed");
      expect(value(find(s, "units_sold", scope)), `units ${scope} ${name}`).toBe(placed - sum("order.cancelled"));
      const rate = (n: number) => (placed === 0 ? null : Math.round((n / placed) * 1e6) / 1e6);
      expect(value(find(s, "oversell_rate", scope))).toBe(rate(sum("order.cancelled", "oversold")));
      expect(value(find(s, "cancellation_rate", scope, { reason: "customer" }))).toBe(rate(sum("order.cancelled", "customer")));
      // A reason outside the list (and none) counts as `other`.
      expect(value(find(s, "cancellation_rate", scope, { reason: "other" }))).toBe(rate(sum("order.cancelled", null) + sum("order.cancelled", "weird")));
      const lr = lineRatios(w, scope);
      expect(value(find(s, "promise_accuracy", scope)), `promise ${scope} ${name}`).toBe(lr.promise);
      expect(value(find(s, "allocation_accuracy", scope)), `allocation ${scope} ${name}`).toBe(lr.allocation);
      // Ingest lag over the events received in the week (per channel: those naming it).
      const lags = ledger.filter((r) => inRange(r.receivedAt, w) && (scope === null || code(r.channel) === scope)).map((r) => r.receivedAt - r.occurredAt);
      expect(value(find(s, "ingest_lag_p50_ms", scope)), `ingest p50 ${scope} ${name}`).toBe(nearestRank(lags, 0.5));
      expect(value(find(s, "ingest_lag_p95_ms", scope)), `ingest p95 ${scope} ${name}`).toBe(nearestRank(lags, 0.95));
      const e2e = acks.filter((a) => a.lagMs !== null && inRange(a.ackedAt, w) && (scope === null || code(a.channel) === scope)).map((a) => a.lagMs!);
      expect(value(find(s, "e2e_lag_p50_ms", scope))).toBe(nearestRank(e2e, 0.5));
      expect(value(find(s, "e2e_lag_p95_ms", scope))).toBe(nearestRank(e2e, 0.95));
    }
  }
}

describe("scorecard rollups agree with the ledger", () => {
  it("every figure, in Kolkata, Kathmandu and Madrid, equals the ledger scanned at read time", async () => {
    for (const tz of ["Asia/Kolkata", "Asia/Kathmandu", "Europe/Madrid"]) {
      for (const week of ["2026-W43", "2026-W44", "2026-W45"]) expect(await card(week, tz), `${tz} ${week}`).toEqual(await scanned(week, tz));
    }
  }, 120_000);

  it("sums, ratios and nearest-rank percentiles in Kolkata equal those worked out from the generated rows", async () => {
    const s = await card("2026-W44", "Asia/Kolkata");
    expect(s.from).toBe(new Date(KOLKATA.W44.from).toISOString());
    expectLedgerFigures(s, { W43: KOLKATA.W43, W44: KOLKATA.W44 });
    // The edge instants: W44's first and last millisecond count in it, the next Monday's 00:00 does not.
    expect(find(s, "units_sold", "web").value).toBeGreaterThanOrEqual(7);
  });

  it("late events into closed weeks (cancellations, a reallocation, a receipt) move the figures as the ledger does", async () => {
    const before = await card("2026-W44", "Asia/Kolkata");
    const now = Date.now();
    const w = KOLKATA.W44;
    const shippedInW44 = ledger.find(
      (r) => r.type === "order.shipped" && inRange(r.occurredAt, w) && r.channel !== null && !ledger.some((x) => x.orderId === r.orderId && x.type === "order.reallocated"),
    )!;
    const late = (r: Omit<Row, "receivedAt" | "location" | "toLocation" | "promisedAt">): Row => ({ location: ids.locations[0], toLocation: null, promisedAt: null, receivedAt: now, ...r });
    await insertEvents([
      late({ type: "order.cancelled", sku: ids.skus[1], channel: ids.channels[1], quantity: 3, occurredAt: w.from + 30 * MIN, orderId: "late-1", reason: "oversold" }),
      late({ type: "order.cancelled", sku: ids.skus[2], channel: null, quantity: 2, occurredAt: w.to - 15 * MIN, orderId: "late-2", reason: "customer" }),
      {
        ...late({ type: "order.reallocated", sku: shippedInW44.sku, channel: shippedInW44.channel, quantity: 1, occurredAt: shippedInW44.occurredAt - H, orderId: shippedInW44.orderId, reason: null }),
        toLocation: ids.locations[1],
      },
      late({ type: "receipt", sku: ids.skus[3], channel: null, quantity: 50, occurredAt: KOLKATA.W43.from + 2 * H, orderId: null, reason: null }),
    ]);
    const after = await card("2026-W44", "Asia/Kolkata");
    expect(after).not.toEqual(before);
    expectLedgerFigures(after, { W43: KOLKATA.W43, W44: KOLKATA.W44 });
    expect(after).toEqual(await scanned("2026-W44", "Asia/Kolkata"));
    // The cached SKU weeks were replayed where the late receipt reached them: the same as with nothing kept.
    await pool.query("TRUNCATE scorecard_sku_week, scorecard_answer");
    expect(await card("2026-W44", "Asia/Kolkata")).toEqual(after);
  }, 60_000);

  it("a kept week is replayed when an event before its end arrives in order (no late bump): a SKU whose history stops before the end", async () => {
    const sku = (await pool.query<{ id: number }>("INSERT INTO sku (code, name, updated_at) VALUES ('S999', 's', now()) RETURNING id")).rows[0].id;
    ids.skus.push(sku);
    ids.codes.push("S999");
    const row = (type: string, quantity: number, occurredAt: number, orderId: string | null = null): Row => ({
      type,
      sku,
      location: ids.locations[0],
      toLocation: null,
      channel: null,
      quantity,
      occurredAt,
      receivedAt: Date.now(),
      orderId,
      reason: null,
      promisedAt: null,
    });
    await insertEvents([row("receipt", 2, KOLKATA.W43.from + H)]);
    const before = await card("2026-W44", "Asia/Kolkata");
    // Later than everything S999 had, but inside W44: it sells out, so W44 has stockout hours and a cover bucket "0".
    await insertEvents([row("order.placed", 2, KOLKATA.W44.from + 10 * H, "s999-1")]);
    const after = await card("2026-W44", "Asia/Kolkata");
    expect(after).not.toEqual(before);
    expect(find(after, "cover_skus", null, { bucket: "0" }).value).toBe(find(before, "cover_skus", null, { bucket: "0" }).value! + 1);
    expect(after).toEqual(await scanned("2026-W44", "Asia/Kolkata"));
  });

  it("an event written through the ingest path's own statement (group commit) lands in the rollups too", async () => {
    // Through the real writer, as connectors do: writeBatch's INSERT fires the same trigger.
    const before = await card("2026-W44", "Asia/Kolkata");
    const { writeBatch } = await import("@/server/ingest/write-batch");
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const occurredAt = new Date(KOLKATA.W44.from + DAY);
      await writeBatch(
        client,
        [
          {
            canonical: {
              source: "wms",
              id: "via-ingest-1",
              type: "order.placed",
              sku: ids.codes[4],
              listing: null,
              location: "wh",
              toLocation: null,
              channel: "web",
              quantity: 4,
              occurredAt,
              version: null,
              orderId: "via-ingest",
              reservationId: null,
              reference: null,
              reason: null,
              condition: null,
              bucket: null,
              expectedAt: null,
              promisedAt: null,
              payload: null,
            },
            skuId: ids.skus[4],
            locationId: ids.locations[0],
            toLocationId: null,
            channelId: ids.channels[0],
            body: "{}",
            receivedAt: new Date(),
          },
        ],
        () => [],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    ledger.push({
      type: "order.placed",
      sku: ids.skus[4],
      location: ids.locations[0],
      toLocation: null,
      channel: ids.channels[0],
      quantity: 4,
      occurredAt: KOLKATA.W44.from + DAY,
      receivedAt: Date.now(),
      orderId: "via-ingest",
      reason: null,
      promisedAt: null,
    });
    const after = await card("2026-W44", "Asia/Kolkata");
    expect(find(after, "units_sold", "web").value).toBe(find(before, "units_sold", "web").value! + 4);
    expectLedgerFigures(after, { W43: KOLKATA.W43, W44: KOLKATA.W44 });
  });

  it("the rollups kept statement by statement equal a rebuild from the ledger; the scorecard reads them (a changed rollup row shows)", async () => {
    const tables = ["scorecard_order_units", "scorecard_ingest_lag", "scorecard_e2e_lag", "scorecard_order_line", "scorecard_line_count", "scorecard_sku_events", "scorecard_event_hour"];
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      // Zero cells are what a line's move left behind; a rebuild has none.
      for (const t of tables) {
        const rows = (await pool.query<Record<string, unknown>>(`SELECT * FROM ${t}`)).rows
          .filter((r) => !["lines", "units", "events", "acks"].some((k) => r[k] === "0"))
          // `late` only has to move when a late event arrives; a rebuild starts it afresh.
          .map(({ late: _late, ...r }) => r);
        out[t] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };
    await pool.query("SELECT onepool_scorecard_drain()");
    expect((await pool.query("SELECT count(*)::int AS n FROM scorecard_pending")).rows[0].n).toBe(0);
    const kept = await dump();
    expect(kept.scorecard_order_units.length).toBeGreaterThan(0);
    await rebuildScorecardRollups(pool);
    expect(await dump()).toEqual(kept);

    const s = await card("2026-W44", "Asia/Kolkata");
    // The UTC day that starts 5.5 hours into Kolkata's W44.
    await pool.query(
      `INSERT INTO scorecard_order_units (grain, bucket, channel_id, type, reason, units) VALUES ('d', $1, $2, 'order.placed', '', 1000)
       ON CONFLICT (grain, bucket, channel_id, type, reason) DO UPDATE SET units = scorecard_order_units.units + 1000`,
      [new Date(KOLKATA.W44.from + 5.5 * H), ids.channels[0]],
    );
    await pool.query("TRUNCATE scorecard_answer");
    const tampered = await card("2026-W44", "Asia/Kolkata");
    expect(find(tampered, "units_sold", "web").value).toBe(find(s, "units_sold", "web").value! + 1000);
    await rebuildScorecardRollups(pool);
    expect(await card("2026-W44", "Asia/Kolkata")).toEqual(s);
  });
});
