import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as oversellsRoute from "@/app/api/oversells/route";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { OVERSELL_CAUSES, oversellsResponse, type OversellCause, type OversellLine } from "@/lib/contracts/oversells";
import { weekOf, weekRange } from "@/lib/time/iso-week";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { pruneDeliveryLog } from "@/server/connectors/prune-delivery-log";
import { registerOutbound } from "@/server/outbound/save-outbound";
import { countOversellsByCause } from "@/server/oversells/count-oversells-by-cause";
import { prunePublishedHistory } from "@/server/oversells/prune-published-history";
import { createPause, endPause } from "@/server/pauses/save-pause";
import { closing } from "../support/closing";
import { startPushReceiver } from "../support/push-receiver";
import { routeStandIn } from "../support/route-stand-in";
import { startOnOwnDatabase } from "../support/own-database";
import { ev, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";
import { DAY_MS as DAY } from "@/lib/time/durations";

// Oversell root cause (docs/OVERSELLS.md) end to end: each cause reproduced by what really happens (a
// failing channel, late events, a count after the sale, a rush across channels), read back over
// real HTTP; the published-number history it rests on, and its retention. Its own database: the
// outbound sender delivers every channel's outbox, and pruning deletes by age.

const SECRET = `whsec_${Buffer.from("onepool-oversell-test-secret-32b").toString("base64")}`;
let server: TestServer;
beforeAll(async () => {
  server = await startOnOwnDatabase("onepool_oversells", {}, { nextHandler: routeStandIn({ "/api/oversells": oversellsRoute }) });
});
afterAll(() => server?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ms: number) => new Date(ms).toISOString();

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
  return { status: res.status, body: await res.json() };
}

async function posted(events: unknown) {
  const r = await server.post(events);
  expect(r.status).toBe(202);
  for (const x of r.body.results) expect(x.status, JSON.stringify(x)).toBe("accepted");
}

/** The history of (sku, channel), oldest first. */
async function history(sku: string, channel: string): Promise<number[]> {
  await server.services.publisher.settle();
  const r = await server.services.pool.query<{ quantity: number }>(
    `SELECT h.quantity FROM published_history h JOIN sku s ON s.id = h.sku_id JOIN channel c ON c.id = h.channel_id
      WHERE s.code = $1 AND c.code = $2 ORDER BY h.at, h.id`,
    [sku, channel],
  );
  return r.rows.map((x) => x.quantity);
}

/** Wait until the channel's newest history row is `q`, then a moment so that "now" is strictly after it. */
async function publishedIs(sku: string, channel: string, q: number) {
  await until(`${channel} published ${q}`, async () => (await history(sku, channel)).at(-1) === q);
  await sleep(15);
}

/** GET /api/oversells for the channel, in the week of `at`: its lines, checked against the §10 shape. */
async function oversellsOf(channel: string, at: number) {
  const week = weekOf(at, "UTC");
  const r = await get(`/api/oversells?week=${week}&channel=${encodeURIComponent(channel)}`);
  expect(r.status).toBe(200);
  expect(oversellsResponse.parse(r.body).week).toBe(week);
  // The zone the week is taken in, for the page to show times in (ONEPOOL_TIMEZONE, UTC by default).
  expect(r.body.timezone).toBe("UTC");
  return r.body.oversells;
}

/** The scorecard figure for the channel in the week of `at`: exactly one line, of `cause`. */
async function expectCounted(channel: string, at: number, cause: OversellCause) {
  const { from, to } = weekRange(weekOf(at, "UTC"), "UTC");
  const counts = (await countOversellsByCause(server.services.pool, from, to)).filter((c) => c.channel === channel);
  expect(counts).toEqual(OVERSELL_CAUSES.map((k) => ({ channel, cause: k, count: k === cause ? 1 : 0 })));
}

/** One order line on a channel: what `placed` and `cancelledOversold` post. */
interface Sale {
  sku: string;
  location: string;
  channel: string;
  quantity: number;
  orderId: string;
}

/** What an oversell line says beyond its sale: times in ms; acknowledged and ingestLagMs null unless given. */
type LineFigures = Omit<OversellLine, "orderId" | "sku" | "channel" | "quantity" | "placedAt" | "cancelledAt" | "acknowledged" | "ingestLagMs"> & {
  placedAt: number;
  cancelledAt: number;
  acknowledged?: number | null;
  ingestLagMs?: number | null;
};

/**
 * The sale's channel has this one oversell line in the week of the cancellation, and the scorecard
 * counts it under its cause.
 */
async function expectOnlyOversell(sale: Sale, figures: LineFigures) {
  const { orderId, sku, channel, quantity } = sale;
  const { placedAt, cancelledAt } = figures;
  expect(await oversellsOf(channel, cancelledAt)).toEqual([
    { orderId, sku, channel, quantity, acknowledged: null, ingestLagMs: null, ...figures, placedAt: iso(placedAt), cancelledAt: iso(cancelledAt) },
  ]);
  await expectCounted(channel, cancelledAt, figures.cause);
}

/** The sale placed now; returns when (ms). */
async function placed(sale: Sale): Promise<number> {
  const at = Date.now();
  await posted(ev({ type: "order.placed", ...sale, occurredAt: iso(at) }));
  return at;
}

/** The sale cancelled as oversold, a moment after what came before it; returns when (ms). */
async function cancelledOversold(sale: Sale): Promise<number> {
  await sleep(20);
  const at = Date.now();
  await posted(ev({ type: "order.cancelled", ...sale, reason: "oversold", occurredAt: iso(at) }));
  return at;
}

/** A new catalogue: SKU "A" at location "wh" (and the `more` locations), `quantity` of it received and published to the catalogue's channel. */
async function stockedSku(quantity: number, more: { code: string; sellable?: boolean }[] = []) {
  const c = uniqueCatalog({ locations: [{ code: "wh" }, ...more], skus: ["A"] });
  await server.catalog(c.input);
  const [sku, wh] = [c.sku("A"), c.loc("wh")];
  await posted(ev({ type: "receipt", sku, location: wh, quantity }, 60_000));
  await publishedIs(sku, c.channel, quantity);
  return { c, sku, wh };
}

describe("oversell root cause (docs/OVERSELLS.md)", () => {
  it("stale_channel: a failing channel still showed the number it last acknowledged, above the one published", async () => {
    const { c, sku, wh } = await stockedSku(5);
    await closing(startPushReceiver(SECRET), async (receiver) => {
      await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
      await until("the channel acknowledged 5", async () => {
        const r = await server.services.pool.query("SELECT 1 FROM outbound_ack a JOIN channel ch ON ch.id = a.channel_id WHERE ch.code = $1 AND a.quantity = 5", [c.channel]);
        return r.rowCount === 1;
      });
      // From now on the channel refuses every push: it keeps showing 5.
      receiver.script([], 500);
      await posted(ev({ type: "shrink", sku, location: wh, quantity: 4, reason: "theft" }, 30_000));
      await publishedIs(sku, c.channel, 1);
      await until("a refused push", () => receiver.received.some((x) => x.answered === 500));

      const sale = { sku, location: wh, channel: c.channel, quantity: 2, orderId: "o-stale" };
      const placedAt = await placed(sale);
      const cancelledAt = await cancelledOversold(sale);

      await expectOnlyOversell(sale, { placedAt, cancelledAt, published: 1, acknowledged: 5, availableKnown: 1, availableReal: 1, cause: "stale_channel" });
    });
  });

  it("late_events: a shipment that occurred before the sale arrived after it", async () => {
    const { c, sku, wh } = await stockedSku(5, [{ code: "transit", sellable: false }]);

    const sale = { sku, location: wh, channel: c.channel, quantity: 2, orderId: "o-late" };
    const placedAt = await placed(sale);
    // 4 units had left 30 s before the sale; the WMS tells only now.
    const shippedAt = placedAt - 30_000;
    await posted(ev({ type: "transfer.out", sku, location: wh, toLocation: c.loc("transit"), reference: `T-${c.tag}`, quantity: 4, occurredAt: iso(shippedAt) }));
    const received = await server.services.pool.query<{ received_at: Date }>("SELECT e.received_at FROM event e JOIN sku s ON s.id = e.sku_id WHERE s.code = $1 AND e.type = 'transfer.out'", [sku]);
    const cancelledAt = await cancelledOversold(sale);

    await expectOnlyOversell(sale, {
      placedAt,
      cancelledAt,
      published: 5,
      availableKnown: 5,
      availableReal: 1,
      ingestLagMs: received.rows[0].received_at.getTime() - shippedAt,
      cause: "late_events",
    });
  });

  it("correction: a count after the sale found the units were not there", async () => {
    const { c, sku, wh } = await stockedSku(3);

    const sale = { sku, location: wh, channel: c.channel, quantity: 2, orderId: "o-count" };
    const placedAt = await placed(sale);
    await sleep(20);
    await posted(ev({ type: "cycle_count", sku, location: wh, quantity: 0, occurredAt: iso(Date.now()) }));
    const cancelledAt = await cancelledOversold(sale);

    await expectOnlyOversell(sale, { placedAt, cancelledAt, published: 3, availableKnown: 3, availableReal: 3, cause: "correction" });
  });

  it("buffer_too_small: two channels sell the last unit, the second inside its latency", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }], skus: ["A"] });
    const market = `mkt-${c.tag}`;
    await server.catalog({
      ...c.input,
      channels: [...c.input.channels!, { code: market, name: "Marketplace", kind: "marketplace", latencyMinutes: 15 }],
      listings: [...c.input.listings!, { channel: market, externalId: `mkt-${c.tag}`, sku: c.sku("A") }],
    });
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await posted(ev({ type: "receipt", sku, location: wh, quantity: 1 }, 60_000));
    await publishedIs(sku, c.channel, 1);
    await publishedIs(sku, market, 1);

    const web = { sku, location: wh, channel: c.channel, quantity: 1, orderId: "o-web" };
    const placedAt = await placed(web);
    // The marketplace still shows 1 (its number takes up to 15 minutes to land) and sells it too.
    await sleep(10);
    await placed({ ...web, channel: market, orderId: "o-mkt" });
    // The merchant honours the marketplace (its penalties are higher) and cancels the web order.
    const cancelledAt = await cancelledOversold(web);

    await expectOnlyOversell(web, { placedAt, cancelledAt, published: 1, availableKnown: 1, availableReal: 1, cause: "buffer_too_small" });
    expect(await oversellsOf(market, cancelledAt)).toEqual([]);
  });

  it("a cancellation for another reason is no oversell; the cause filter narrows the list", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }], skus: ["A"] });
    await server.catalog(c.input);
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await posted([
      ev({ type: "receipt", sku, location: wh, quantity: 5 }, 60_000),
      ev({ type: "order.placed", sku, location: wh, channel: c.channel, quantity: 1, orderId: "o-1" }, 3000),
      ev({ type: "order.cancelled", sku, location: wh, channel: c.channel, quantity: 1, orderId: "o-1", reason: "customer" }, 2000),
      ev({ type: "order.placed", sku, location: wh, channel: c.channel, quantity: 1, orderId: "o-2" }, 3000),
      ev({ type: "order.cancelled", sku, location: wh, channel: c.channel, quantity: 1, orderId: "o-2", reason: "oversold" }, 2000),
    ]);
    const week = weekOf(Date.now() - 2000, "UTC");
    const all = await get(`/api/oversells?week=${week}&channel=${c.channel}`);
    expect(all.body.oversells.map((l: { orderId: string; cause: string }) => [l.orderId, l.cause])).toEqual([["o-2", "unexplained"]]);
    expect((await get(`/api/oversells?week=${week}&channel=${c.channel}&cause=unexplained`)).body.oversells).toHaveLength(1);
    expect((await get(`/api/oversells?week=${week}&channel=${c.channel}&cause=late_events`)).body.oversells).toEqual([]);
  });

  it("bad input is a 400 naming the field; the default week is the last complete one", async () => {
    for (const [q, field] of [
      ["week=2026-48", "week"],
      ["week=2026-W54", "week"],
      ["cause=bad_luck", "cause"],
      ["channel=no-such-channel", "channel"],
      ["sku=x", undefined],
    ] as const) {
      const r = await get(`/api/oversells?${q}`);
      expect(r.status, q).toBe(400);
      if (field) expect(r.body.error.details.field, q).toBe(field);
    }
    const r = await get("/api/oversells");
    expect(r.status).toBe(200);
    expect(r.body.week).toBe(weekOf(Date.now() - 7 * DAY, "UTC"));
    const unauthorised = await fetch(`${server.url}/api/oversells`);
    expect(unauthorised.status).toBe(401);
    // Who may read: as the scorecard (read-scope tokens yes, an ingest-only token no).
    for (const [scopes, status] of [
      [["ingest"], 403],
      [["read"], 200],
    ] as const) {
      const { token } = await createConnectorToken(server.services.pool, { name: `oversells-${scopes[0]}-${Date.now()}`, scopes: [...scopes] });
      expect((await fetch(`${server.url}/api/oversells`, { headers: { authorization: `Bearer ${token}` } })).status, scopes[0]).toBe(status);
    }
  });
});

describe("published_history", () => {
  it("gets a row whenever a (SKU, channel) number changes, the first one included, and none when it does not", async () => {
    const { c, sku, wh } = await stockedSku(4);
    const first = await history(sku, c.channel);
    // The number a new SKU starts with (0) is its first row, unless the receipt came first.
    expect([[4], [0, 4]]).toContainEqual(first);

    // Incoming stock and a delivered order move no number: no row.
    await posted(ev({ type: "asn", sku, location: wh, quantity: 10, reference: `ASN-${c.tag}`, expectedAt: iso(Date.now() + DAY) }, 1000));
    await posted(ev({ type: "order.delivered", sku, location: wh, quantity: 1, orderId: "o-d" }, 1000));
    await server.services.publisher.settle();
    await sleep(300);
    expect(await history(sku, c.channel)).toEqual(first);

    await posted(ev({ type: "order.placed", sku, location: wh, channel: c.channel, quantity: 1, orderId: "o-h" }, 1000));
    await publishedIs(sku, c.channel, 3);
    expect(await history(sku, c.channel)).toEqual([...first, 3]);

    // A pause stores a new pause id with the number; only the number's changes are history.
    const pause = await createPause(server.services.pool, { channel: c.channel, sku, reason: "audit" }, SYSTEM_ACTOR);
    await server.services.publisher.recomputeAll();
    await publishedIs(sku, c.channel, 0);
    await posted(ev({ type: "shrink", sku, location: wh, quantity: 3, reason: "theft" }, 1000));
    await server.services.publisher.settle();
    await endPause(server.services.pool, pause.id, SYSTEM_ACTOR); // 0 stays 0, now without a pause
    await server.services.publisher.recomputeAll();
    await until("the pause lifted", async () => {
      await server.services.publisher.settle();
      const r = await server.services.pool.query(
        "SELECT pq.pause_id FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id JOIN channel c ON c.id = pq.channel_id WHERE s.code = $1 AND c.code = $2",
        [sku, c.channel],
      );
      return r.rows[0].pause_id === null;
    });
    expect(await history(sku, c.channel)).toEqual([...first, 3, 0]);
  });

  it("is written by the database for any writer: two racing writes of the same new number leave one row", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }], skus: ["A"] });
    await server.catalog(c.input);
    const sku = c.sku("A");
    await publishedIs(sku, c.channel, 0);
    const before = await history(sku, c.channel);
    const set = "UPDATE published_quantity SET quantity = $3 WHERE sku_id = (SELECT id FROM sku WHERE code = $1) AND channel_id = (SELECT id FROM channel WHERE code = $2)";
    const [a, b] = [await server.services.pool.connect(), await server.services.pool.connect()];
    try {
      await a.query("BEGIN");
      await a.query(set, [sku, c.channel, 9]);
      await b.query("BEGIN");
      const second = b.query(set, [sku, c.channel, 9]); // waits for a's row lock
      await sleep(100);
      await a.query("COMMIT");
      await second;
      await b.query("COMMIT");
    } finally {
      a.release();
      b.release();
    }
    expect(await history(sku, c.channel)).toEqual([...before, 9]);
  });

  it("is pruned after the retention, keeping the number in force at the cutoff; acknowledgements are kept as long, and pruned alike", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }], skus: ["A", "B"] });
    await server.catalog(c.input);
    const { pool } = server.services;
    const ids = await pool.query<{ a: number; b: number; ch: number }>(
      "SELECT (SELECT id FROM sku WHERE code = $1) AS a, (SELECT id FROM sku WHERE code = $2) AS b, (SELECT id FROM channel WHERE code = $3) AS ch",
      [c.sku("A"), c.sku("B"), c.channel],
    );
    const { a, b, ch } = ids.rows[0];
    const rows: [number, number, number][] = [
      [a, 1, 500],
      [a, 2, 450],
      [a, 3, 10],
      [b, 7, 600],
    ];
    for (const [skuId, q, daysAgo] of rows) {
      await pool.query("INSERT INTO published_history (sku_id, channel_id, quantity, at) VALUES ($1, $2, $3, now() - make_interval(days => $4))", [skuId, ch, q, daysAgo]);
    }
    const kept = async () =>
      (
        await pool.query<{ sku_id: number; quantity: number }>("SELECT sku_id, quantity FROM published_history WHERE channel_id = $1 AND at < now() - interval '1 day' ORDER BY sku_id, at", [ch])
      ).rows.map((r) => [r.sku_id, r.quantity]);

    expect(await prunePublishedHistory(pool, 400)).toBeGreaterThanOrEqual(1);
    // A's 500-day row went; its 450-day row was in force at the cutoff and stays; B's only row stays.
    expect(await kept()).toEqual([
      [a, 2],
      [a, 3],
      [b, 7],
    ]);
    await prunePublishedHistory(pool, 400);
    expect(await kept()).toEqual([
      [a, 2],
      [a, 3],
      [b, 7],
    ]);

    // Acknowledgements 120 and 100 days old outlive the delivery log's 30 days while the history is 400 days;
    // past the history's retention the newest before the cutoff stays, as the published number does.
    for (const [q, daysAgo] of [
      [4, 120],
      [5, 100],
    ]) {
      await pool.query(
        "INSERT INTO outbound_ack (channel_id, sku_id, sequence, quantity, attempts, occurred_at, acked_at, lag_ms) VALUES ($1, $2, 1, $3, 1, NULL, now() - make_interval(days => $4), NULL)",
        [ch, a, q, daysAgo],
      );
    }
    const acks = async () => (await pool.query<{ quantity: number }>("SELECT quantity FROM outbound_ack WHERE channel_id = $1 ORDER BY acked_at", [ch])).rows.map((r) => r.quantity);
    await pruneDeliveryLog(pool, 30, 90, 400);
    expect(await acks()).toEqual([4, 5]);
    await pruneDeliveryLog(pool, 30, 90, 60);
    expect(await acks()).toEqual([5]);
  });
});
