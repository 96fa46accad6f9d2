import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { getSkuRows } from "@/server/queries/get-sku-rows";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { HOUR_MS } from "@/lib/time/durations";

// Issue 18: the stock list's numeric sorts read per-SKU keys (migration sku_sort_key) that writers
// queue and onepool_sku_sort_drain() recomputes (migration sku_sort_key_queue). Drained, they must
// equal, after any ingest, the keys the list computed at read time before (the SQL below is that
// query's, docs/PERFORMANCE.md#stock-list), also after a location becomes sellable and after the
// sales window moves to a new hour. Test servers run no background drain: only the reader's does.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

const COMPUTED = `
  SELECT s.id, COALESCE(a.available_real, 0)::float8 AS available_real,
         GREATEST(COALESCE(v.v24, 0), round(COALESCE(v.v7, 0), 2))::float8 AS velocity,
         (CASE WHEN GREATEST(COALESCE(v.v24, 0), COALESCE(v.v7, 0)) > 0 THEN round(COALESCE(a.available_real, 0) / GREATEST(v.v24, v.v7), 1) ELSE 'Infinity'::numeric END)::float8 AS doi
    FROM sku s
    LEFT JOIN (SELECT sl.sku_id, SUM(GREATEST(0, sl.available)) AS available_real FROM stock_level sl
                WHERE sl.location_id IN (SELECT id FROM location WHERE sellable) GROUP BY sl.sku_id) a ON a.sku_id = s.id
    LEFT JOIN (SELECT h.sku_id, GREATEST(0, COALESCE(SUM(h.units) FILTER (WHERE h.hour >= date_trunc('hour', now()) - interval '23 hours'), 0))::numeric AS v24,
                      GREATEST(0, SUM(h.units))::numeric / 7 AS v7
                 FROM sales_hourly h WHERE h.hour >= date_trunc('hour', now()) - interval '167 hours' GROUP BY h.sku_id) v ON v.sku_id = s.id
   WHERE s.code LIKE $1 ORDER BY s.id`;
const STORED = `
  SELECT k.sku_id AS id, k.available_real::float8 AS available_real, k.velocity, k.days_of_inventory AS doi, convert_from(k.code_key, 'UTF8') = s.code AS code_ok
    FROM sku_sort_key k JOIN sku s ON s.id = k.sku_id WHERE s.code LIKE $1 ORDER BY k.sku_id`;

it("the stored sort keys equal the computed ones after random concurrent ingest, a sellable change and a new hour", async () => {
  const codes = Array.from({ length: 12 }, (_, i) => `K${i}`);
  const c = uniqueCatalog({ skus: codes, locations: [{ code: "wh" }, { code: "store" }, { code: "qc", sellable: false }] });
  await server.catalog(c.input);
  const pool = server.services.pool;
  const like = `%-${c.tag}`;
  const compare = async (when: string) => {
    await pool.query("SELECT onepool_sku_sort_drain()");
    const [computed, stored] = await Promise.all([pool.query(COMPUTED, [like]), pool.query(STORED, [like])]);
    expect(stored.rows.map((r) => r.code_ok)).toEqual(codes.map(() => true));
    expect(
      stored.rows.map(({ id, available_real, velocity, doi }) => ({ id, available_real, velocity, doi })),
      when,
    ).toEqual(computed.rows);
  };
  await compare("new SKUs");

  // A seeded generator: a failure replays the same events.
  let seed = 18;
  const rnd = (n: number) => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
  const locs = ["wh", "store", "qc"];
  const batch = () =>
    Array.from({ length: 25 }, (_, i) => {
      const sku = c.sku(codes[rnd(codes.length)]);
      const location = c.loc(locs[rnd(locs.length)]);
      // Sales from just now to 9 days back: inside the 24 h window, the 7-day one, and neither.
      const age = rnd(9 * 24) * HOUR_MS + 5000;
      const kind = rnd(6);
      if (kind === 0) return ev({ type: "receipt", sku, location, quantity: 1 + rnd(20) }, age);
      if (kind === 1) return ev({ type: "order.placed", sku, location, quantity: 1 + rnd(4), orderId: `o-${c.tag}-${i}-${rnd(1e6)}` }, age);
      if (kind === 2) return ev({ type: "order.cancelled", sku, location, quantity: 1 + rnd(2), orderId: `o-${c.tag}-${i}-${rnd(1e6)}` }, age);
      if (kind === 3) return ev({ type: "damage", sku, location, quantity: 1 + rnd(3) }, age);
      if (kind === 4) return ev({ type: "adjustment", sku, location, quantity: rnd(11) - 5 || 1, reason: "recount" }, age);
      return ev({ type: "order.shipped", sku, location, quantity: 1, orderId: `o-${c.tag}-${i}-${rnd(1e6)}` }, age);
    });
  // Concurrent requests: batches touching the same SKUs at different locations commit side by side.
  for (let round = 0; round < 4; round++) {
    const results = await Promise.all([server.post(batch()), server.post(batch()), server.post(batch())]);
    for (const r of results) expect(r.status).toBe(202);
  }
  await pool.query("SELECT onepool_sku_sort_drain()");
  const nonzero = await pool.query(`${STORED.replace("ORDER BY k.sku_id", "AND k.available_real > 0 AND k.velocity > 0")}`, [like]);
  expect(nonzero.rows.length).toBeGreaterThan(0); // the comparison below is not of zeros alone
  await compare("after ingest");

  // The unsellable location becomes sellable: its stock now counts in available real.
  await server.catalog({ ...c.input, locations: (c.input.locations ?? []).map((l) => ({ ...l, sellable: true })) });
  await compare("after qc became sellable");

  // A new hour: the window the sums are relative to is two hours old (as after a quiet night), the
  // reader's refresh moves it, and sales that left the 24 h window leave the sums.
  await pool.query("UPDATE sku_sort_window SET hour = hour - interval '2 hours'");
  await server.post(batch());
  await pool.query("SELECT onepool_sku_sort_drain()");
  expect((await pool.query("SELECT hour = date_trunc('hour', now()) AS moved FROM sku_sort_window")).rows[0].moved).toBe(true);
  await compare("after the window moved");
}, 60_000);

it("a numeric sort's first page reflects the batch committed just before it", async () => {
  const c = uniqueCatalog({ skus: ["P0", "P1", "P2"] });
  await server.catalog(c.input);
  const pool = server.services.pool;
  const top = async (sort: "-availableReal" | "-velocity") => (await getSkuRows(pool, { q: c.tag, sort, limit: 3 }, 7)).items.map((r) => r.code);
  expect((await server.post([ev({ type: "receipt", sku: c.sku("P0"), location: c.loc("wh"), quantity: 5 })])).status).toBe(202);
  expect((await top("-availableReal"))[0]).toBe(c.sku("P0"));
  // No drain runs between the commit and the page but the page's own.
  expect((await server.post([ev({ type: "receipt", sku: c.sku("P2"), location: c.loc("store"), quantity: 9 })])).status).toBe(202);
  expect(await top("-availableReal")).toEqual([c.sku("P2"), c.sku("P0"), c.sku("P1")]);
  expect((await server.post([ev({ type: "order.placed", sku: c.sku("P1"), location: c.loc("wh"), quantity: 1, orderId: `o-${c.tag}` })])).status).toBe(202);
  expect((await top("-velocity"))[0]).toBe(c.sku("P1"));
});
