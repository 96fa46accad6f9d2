import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as coverageRoute from "@/app/api/counts/coverage/route";
import * as driftRoute from "@/app/api/drift/route";
import * as linesRoute from "@/app/api/reconciliation/lines/route";
import * as matrixRoute from "@/app/api/reconciliation/route";
import * as summaryRoute from "@/app/api/reconciliation/summary/route";
import * as trendRoute from "@/app/api/reconciliation/trend/route";
import * as sourcesSaidRoute from "@/app/api/skus/[code]/sources-said/route";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { getReconciliationTrend, type TrendWeek } from "@/server/queries/get-reconciliation";
import { routeStandIn, type ExtraRoutes } from "../support/route-stand-in";
import { openSocket, subscribe } from "../support/live-socket";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { DAY_MS as DAY } from "@/lib/time/durations";

let server: TestServer;
const sockets: Socket[] = [];
const extra: ExtraRoutes = {
  "/api/reconciliation": matrixRoute,
  "/api/reconciliation/lines": linesRoute,
  "/api/reconciliation/trend": trendRoute,
  "/api/reconciliation/summary": summaryRoute,
  "/api/drift": driftRoute,
  "/api/counts/coverage": coverageRoute,
};
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn(extra) });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

async function get(path: string): Promise<{ status: number; body: any; text: string; type: string | null }> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* CSV */
  }
  return { status: res.status, body, text, type: res.headers.get("content-type") };
}

/** sources-said is dynamic: the stand-in's extra routes are exact paths, so bind this SKU's. */
function bindSourcesSaid(code: string) {
  extra[`/api/skus/${code}/sources-said`] = { GET: (req: Request) => sourcesSaidRoute.GET(req, { params: Promise.resolve({ code }) }) };
}

const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const since400 = () => `from=${encodeURIComponent(at(400 * DAY))}`;

describe("counted lines (docs/RECONCILIATION.md#numbers)", () => {
  it("counting while stock moves: system is the fold of what occurred before the count, also when events arrive late", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }] });
    await server.catalog({
      ...c.input,
      skus: [
        { code: c.sku("A"), name: "Knee brace", unitCost: 12.5 },
        { code: c.sku("B"), name: "B" },
      ],
    });
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await server.post([
      ev({ type: "receipt", sku, location: wh, quantity: 10 }, 100_000),
      ev({ type: "order.shipped", sku, location: wh, quantity: 2 }, 50_000),
      ev({ type: "order.placed", sku, location: wh, quantity: 2 }, 60_000),
      ev({ type: "cycle_count", sku, location: wh, quantity: 7 }, 40_000),
      ev({ type: "receipt", sku, location: wh, quantity: 5 }, 30_000), // after the count: not in its system
    ]);
    const lines = async () => (await get(`/api/reconciliation/lines?location=${wh}`)).body.lines;
    expect(await lines()).toEqual([{ sku, skuName: "Knee brace", location: wh, occurredAt: expect.any(String), system: 8, counted: 7, variance: 1, value: 12.5, source: "wms", countedBy: null }]);
    // A shrink that occurred before the count arrives late: the count's system changes.
    await server.post([ev({ type: "shrink", sku, location: wh, quantity: 1, reason: "broken" }, 45_000)]);
    expect(await lines()).toEqual([expect.objectContaining({ system: 7, counted: 7, variance: 0, value: 0 })]);
    // One that occurred after it does not.
    await server.post([ev({ type: "shrink", sku, location: wh, quantity: 1, reason: "broken" }, 35_000)]);
    expect(await lines()).toEqual([expect.objectContaining({ system: 7, variance: 0 })]);

    const m = (await get(`/api/reconciliation`)).body;
    const here = m.byLocation.find((x: { location: string }) => x.location === wh);
    expect(here).toEqual({ location: wh, lines: 1, net: 0, absolute: 0, rate: 0, accurate: 1, accuracy: 1, value: 0 });
  });

  it("aging buckets cut at whole days 7/8, 30/31, 90/91 since the previous count; the matrix and lines agree", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }] });
    await server.catalog(c.input);
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    // Gaps in days between consecutive counts; the first has no previous (>90).
    const gaps = [7, 8, 30, 31, 90, 91];
    let t = Date.now() - 300 * DAY;
    const events = [ev({ type: "cycle_count", sku, location: wh, quantity: 5 }, Date.now() - t)];
    for (const g of gaps) {
      t += g * DAY;
      events.push(ev({ type: "cycle_count", sku, location: wh, quantity: 5 }, Date.now() - t));
    }
    await server.post(events.reverse()); // arrival order must not matter
    const m = (await get(`/api/reconciliation?${since400()}`)).body;
    const cells = Object.fromEntries(m.cells.filter((x: { location: string }) => x.location === wh).map((x: { bucket: string; lines: number }) => [x.bucket, x.lines]));
    expect(cells).toEqual({ "0-7": 1, "8-30": 2, "31-90": 2, ">90": 2 });
    for (const [bucket, n] of Object.entries(cells)) {
      expect((await get(`/api/reconciliation/lines?${since400()}&location=${wh}&bucket=${encodeURIComponent(bucket)}`)).body.lines).toHaveLength(n);
    }
  });

  it("the matrix has docs/API.md's exact shape, totals are the sums of the cells, rate and value null when undefined", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }, { code: "store" }] });
    await server.catalog({
      ...c.input,
      skus: [
        { code: c.sku("A"), name: "A", unitCost: 2 },
        { code: c.sku("B"), name: "B" },
      ],
    });
    const [a, b, wh, store] = [c.sku("A"), c.sku("B"), c.loc("wh"), c.loc("store")];
    await server.post([
      ev({ type: "receipt", sku: a, location: wh, quantity: 10 }, 90_000),
      ev({ type: "cycle_count", sku: a, location: wh, quantity: 7 }, 80_000), // +3 missing
      ev({ type: "receipt", sku: b, location: wh, quantity: 10 }, 90_000),
      ev({ type: "cycle_count", sku: b, location: wh, quantity: 12 }, 80_000), // 2 found
      ev({ type: "cycle_count", sku: b, location: store, quantity: 4 }, 80_000), // system 0
    ]);
    const { status, body } = await get(`/api/reconciliation?from=${new Date(Date.now() - DAY).toISOString().slice(0, 10)}`);
    expect(status).toBe(200);
    // docs/API.md's keys, plus byBucket (additive: the bucket totals' rate, which the cells cannot give back).
    expect(Object.keys(body)).toEqual(["from", "to", "cells", "byLocation", "byBucket", "total"]);
    const stats = ["lines", "net", "absolute", "rate", "accurate", "accuracy", "value"];
    expect(Object.keys(body.cells[0])).toEqual(["location", "bucket", ...stats]);
    expect(Object.keys(body.total)).toEqual(stats);
    expect(body.byLocation.find((x: { location: string }) => x.location === wh)).toEqual({ location: wh, lines: 2, net: 1, absolute: 5, rate: 0.25, accurate: 0, accuracy: 0, value: 6 });
    expect(body.byLocation.find((x: { location: string }) => x.location === store)).toEqual({ location: store, lines: 1, net: -4, absolute: 4, rate: null, accurate: 0, accuracy: 0, value: null });
    const sum = (k: string) => body.cells.reduce((s: number, x: Record<string, number>) => s + x[k], 0);
    for (const k of ["lines", "net", "absolute", "accurate"]) expect(body.total[k]).toBe(sum(k));
    // Every line here is in the >90 bucket (first counts): its total over both locations, rate = 9 / (10 + 10 + 0).
    const over = body.byBucket.find((x: { bucket: string }) => x.bucket === ">90");
    expect(body.byBucket.map((x: { bucket: string }) => x.bucket)).toEqual(["0-7", "8-30", "31-90", ">90"]);
    const mine = body.cells.filter((x: { location: string; bucket: string }) => (x.location === wh || x.location === store) && x.bucket === ">90");
    expect(mine.reduce((s: number, x: { lines: number }) => s + x.lines, 0)).toBe(3);
    for (const k of ["lines", "net", "absolute", "accurate"])
      expect(over[k]).toBe(body.cells.filter((x: { bucket: string }) => x.bucket === ">90").reduce((s: number, x: Record<string, number>) => s + x[k], 0));
  });

  it("bad query input is a 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["/api/reconciliation?from=2026-02-30", "from"],
      ["/api/reconciliation?to=soon", "to"],
      ["/api/reconciliation?from=2026-12-02&to=2026-12-01", "from"],
      ["/api/reconciliation?bogus=1", ""],
      ["/api/reconciliation/lines?bucket=9-10", "bucket"],
      ["/api/reconciliation/lines?location=nowhere-xyz", "location"],
      ["/api/reconciliation/lines?limit=0", "limit"],
      ["/api/reconciliation/lines?cursor=abc", "cursor"],
      ["/api/reconciliation/trend?weeks=0", "weeks"],
      ["/api/drift?sku=no-such-sku-xyz", "sku"],
      ["/api/counts/coverage?format=xml", "format"],
      ["/api/counts/coverage?location=nowhere-xyz", "location"],
    ];
    for (const [path, field] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      if (field) expect(r.body.error.details.field, path).toBe(field);
    }
    const anonymous = await fetch(`${server.url}/api/reconciliation`);
    expect(anonymous.status).toBe(401);
  });

  it("lines page by value (unvalued last) then |variance|, with a cursor", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }], skus: ["A", "B", "C"] });
    await server.catalog({
      ...c.input,
      skus: [
        { code: c.sku("A"), name: "A", unitCost: 1 },
        { code: c.sku("B"), name: "B", unitCost: 10 },
        { code: c.sku("C"), name: "C" },
      ],
    });
    const wh = c.loc("wh");
    await server.post([
      ev({ type: "cycle_count", sku: c.sku("A"), location: wh, quantity: 0 }, 50_000), // system 0 → counted 0: value 0
      ev({ type: "receipt", sku: c.sku("A"), location: wh, quantity: 9 }, 40_000),
      ev({ type: "cycle_count", sku: c.sku("A"), location: wh, quantity: 0 }, 30_000), // 9 × 1 = 9
      ev({ type: "receipt", sku: c.sku("B"), location: wh, quantity: 2 }, 40_000),
      ev({ type: "cycle_count", sku: c.sku("B"), location: wh, quantity: 1 }, 30_000), // 1 × 10 = 10
      ev({ type: "cycle_count", sku: c.sku("C"), location: wh, quantity: 50 }, 30_000), // −50, no cost
    ]);
    const p1 = (await get(`/api/reconciliation/lines?location=${wh}&limit=2`)).body;
    expect(p1.lines.map((l: { sku: string; value: number | null }) => [l.sku, l.value])).toEqual([
      [c.sku("B"), 10],
      [c.sku("A"), 9],
    ]);
    const p2 = (await get(`/api/reconciliation/lines?location=${wh}&limit=2&cursor=${p1.nextCursor}`)).body;
    expect(p2.lines.map((l: { sku: string; value: number | null }) => [l.sku, l.value])).toEqual([
      [c.sku("A"), 0],
      [c.sku("C"), null],
    ]);
    expect(p2.nextCursor).toBeNull();
  });

  it("trend: ISO weeks oldest first with rate and accuracy", async () => {
    const r = (await get("/api/reconciliation/trend?weeks=3")).body;
    expect(r.weeks).toHaveLength(3);
    expect(Object.keys(r.weeks[0])).toEqual(["week", "from", "to", "lines", "absolute", "rate", "accuracy"]);
    expect(r.weeks[2].week).toMatch(/^\d{4}-W\d{2}$/);
    expect(Date.parse(r.weeks[0].from)).toBeLessThan(Date.parse(r.weeks[2].from));
    expect(r.weeks[2].lines).toBeGreaterThan(0);
  });
  it("trend weeks are the scorecard's: ISO weeks in the configured zone, not UTC", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh", trustedSources: ["wms"] }] });
    await server.catalog(c.input);
    // Sunday 2019-03-10 20:00 UTC is still 2019-W10 in UTC, but Monday 05:00 (2019-W11) in Tokyo. A year no other test counts in.
    expect((await server.post([ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 4, occurredAt: "2019-03-10T20:00:00.000Z" })])).status).toBe(202);
    const now = Date.parse("2019-03-12T12:00:00Z");
    const lines = (weeks: TrendWeek[]) => weeks.map((w) => [w.week, w.lines]);
    expect(lines(await getReconciliationTrend(server.services.pool, 2, "UTC", now))).toEqual([
      ["2019-W10", 1],
      ["2019-W11", 0],
    ]);
    const tokyo = await getReconciliationTrend(server.services.pool, 2, "Asia/Tokyo", now);
    expect(lines(tokyo)).toEqual([
      ["2019-W10", 0],
      ["2019-W11", 1],
    ]);
    expect(tokyo[1].from).toBe("2019-03-10T15:00:00.000Z"); // Monday 00:00 in Tokyo
  });
});

describe("drift (docs/RECONCILIATION.md#drift)", () => {
  it("an untrusted count is drift, never variance; open with since, closed when the source agrees; sources-said shows both", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh", trustedSources: ["wms"] }] });
    await server.catalog(c.input);
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    const shop = `shop-${c.tag}`;
    await server.post([
      ev({ type: "receipt", sku, location: wh, quantity: 10 }, 100_000),
      ev({ type: "cycle_count", sku, location: wh, quantity: 10, source: shop }, 90_000), // agrees: closed
      ev({ type: "cycle_count", sku, location: wh, quantity: 7, source: shop }, 80_000), // run starts
      ev({ type: "snapshot", bucket: "on_hand", sku, location: wh, quantity: 8, source: shop }, 70_000),
    ]);
    expect((await get(`/api/reconciliation/lines?location=${wh}`)).body.lines).toEqual([]);
    const d = (await get(`/api/drift?source=${shop}`)).body;
    expect(d).toEqual({
      drifts: [{ source: shop, sku, location: wh, bucket: "on_hand", drift: 2, pool: 10, reported: 8, since: new Date(Date.parse(d.drifts[0].since)).toISOString() }],
      sources: [{ source: shop, skus: 1, absolute: 2, since: d.drifts[0].since }],
    });
    const run = await server.services.pool.query("SELECT occurred_at FROM event WHERE source = $1 AND quantity = 7", [shop]);
    expect(d.drifts[0].since).toBe(run.rows[0].occurred_at.toISOString());

    // A trusted count meanwhile, then sources-said lists both sources next to the pool.
    await server.post([ev({ type: "cycle_count", sku, location: wh, quantity: 9 }, 60_000)]);
    bindSourcesSaid(sku);
    const said = (await get(`/api/skus/${sku}/sources-said`)).body;
    expect(said).toEqual({
      locations: [
        {
          location: wh,
          onHand: 9,
          said: expect.arrayContaining([
            { source: shop, bucket: "on_hand", reported: 8, drift: 2, at: expect.any(String), trusted: false },
            { source: "wms", bucket: "on_hand", reported: 9, drift: 1, at: expect.any(String), trusted: true },
          ]),
        },
      ],
    });

    // The source agrees with the pool (9): the drift closes.
    await server.post([ev({ type: "snapshot", bucket: "on_hand", sku, location: wh, quantity: 9, source: shop }, 50_000)]);
    expect((await get(`/api/drift?source=${shop}`)).body).toEqual({ drifts: [], sources: [] });
    // A late-arriving older reading does not reopen it.
    await server.post([ev({ type: "snapshot", bucket: "on_hand", sku, location: wh, quantity: 1, source: shop }, 85_000)]);
    expect((await get(`/api/drift?source=${shop}`)).body.drifts).toEqual([]);
  });
});

describe("trust decides variance or drift", () => {
  it("a location that stops trusting a source turns its counted lines into drift, and back", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }] });
    await server.catalog(c.input);
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    const shop = `shop-${c.tag}`;
    await server.post([ev({ type: "receipt", sku, location: wh, quantity: 10 }, 100_000), ev({ type: "cycle_count", sku, location: wh, quantity: 6, source: shop }, 90_000)]);
    expect((await get(`/api/reconciliation/lines?location=${wh}`)).body.lines).toEqual([expect.objectContaining({ source: shop, system: 10, variance: 4 })]);
    expect((await get(`/api/drift?source=${shop}`)).body.drifts).toEqual([]);

    await server.catalog({ locations: [{ code: wh, name: "wh", type: "warehouse", sellable: true, trustedSources: ["wms"] }] });
    expect((await get(`/api/reconciliation/lines?location=${wh}`)).body.lines).toEqual([]);
    expect((await get(`/api/drift?source=${shop}`)).body.drifts).toEqual([expect.objectContaining({ sku, location: wh, drift: 4, pool: 10, reported: 6 })]);
    const cell = (await get(`/api/reconciliation`)).body.byLocation.find((x: { location: string }) => x.location === wh);
    expect(cell.lines).toBe(0); // the rollup followed

    await server.catalog({ locations: [{ code: wh, name: "wh", type: "warehouse", sellable: true, trustedSources: [] }] });
    expect((await get(`/api/reconciliation/lines?location=${wh}`)).body.lines).toHaveLength(1);
    expect((await get(`/api/drift?source=${shop}`)).body.drifts).toEqual([]);
  });
});

describe("count coverage", () => {
  it("rows with stock by age of their last count, never counted in >90; due oldest first then value; CSV export", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }], skus: ["A", "B", "C", "D"] });
    await server.catalog({ ...c.input, skus: ["A", "B", "C", "D"].map((s, i) => ({ code: c.sku(s), name: `${s}, "n"`, unitCost: i + 1 })) });
    const wh = c.loc("wh");
    await server.post([
      ...["A", "B", "C", "D"].map((s) => ev({ type: "receipt", sku: c.sku(s), location: wh, quantity: 5 }, 100 * DAY)),
      ev({ type: "cycle_count", sku: c.sku("A"), location: wh, quantity: 5 }, 2 * DAY),
      ev({ type: "cycle_count", sku: c.sku("B"), location: wh, quantity: 5 }, 40 * DAY),
      // C and D never counted: D (cost 4) comes before C (cost 3).
    ]);
    const r = (await get(`/api/counts/coverage?location=${wh}`)).body;
    expect(r.locations).toEqual([{ location: wh, rows: 4, buckets: { "0-7": 1, "8-30": 0, "31-90": 1, ">90": 2 } }]);
    expect(r.due.map((d: { sku: string }) => d.sku)).toEqual([c.sku("D"), c.sku("C"), c.sku("B"), c.sku("A")]);
    expect(r.due[0]).toEqual({ sku: c.sku("D"), skuName: 'D, "n"', location: wh, onHand: 5, lastCountedAt: null, ageDays: null, value: 20 });
    expect(r.due[2].ageDays).toBe(40);
    const csv = await get(`/api/counts/coverage?location=${wh}&format=csv&limit=1`);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text).toBe(`sku,skuName,location,onHand,lastCountedAt,ageDays,value\r\n${c.sku("D")},"D, ""n""",${wh},5,,,20\r\n`);
  });
});

describe("replay = projection for counted lines", () => {
  it("the rebuild check compares counted lines and drift states, finds tampered ones and the rebuild restores them and the rollup", async () => {
    const pool = server.services.pool;
    expect((await rebuildProjections(pool, { write: false })).differences).toEqual([]);
    await pool.query("UPDATE counted_line SET system = system + 100, variance = variance + 100 WHERE seq = (SELECT max(seq) FROM counted_line)");
    const check = await rebuildProjections(pool, { write: false });
    expect(check.differences).toHaveLength(1);
    expect(check.differences[0].live).toHaveProperty("countedLines");
    await pool.query("UPDATE drift_state SET drift = drift + 5, since = at WHERE (source, sku_id, location_id) = (SELECT source, sku_id, location_id FROM drift_state LIMIT 1)");
    const both = await rebuildProjections(pool, { write: false });
    expect(both.differences.map((d) => Object.keys(d.live ?? {})[0]).sort()).toEqual(["countedLines", "drift"]);
    await pool.query("UPDATE counted_rollup SET lines = lines + 1000 WHERE day = (SELECT max(day) FROM counted_rollup)");
    await rebuildProjections(pool, { write: true });
    expect((await rebuildProjections(pool, { write: false })).differences).toEqual([]);
    const drift = await pool.query(`
      SELECT count(*)::int AS n FROM (
        SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, location_id, bucket, count(*)::int AS lines, sum(variance)::bigint AS net, sum(abs(variance))::bigint AS absolute, sum(system)::bigint AS system
          FROM counted_line GROUP BY 1, 2, 3
        EXCEPT SELECT day, location_id, bucket, lines, net, absolute, system FROM counted_rollup WHERE lines > 0) x`);
    expect(drift.rows[0].n).toBe(0);
  });
});

describe("live", () => {
  const connect = () => openSocket(server.url, {}, sockets);

  it("a count landing moves the overview frame's reconciliation within a second; untrusted drift moves its drift", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh", trustedSources: ["wms"] }] });
    await server.catalog(c.input);
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    const s = await connect();
    expect((await subscribe(s, "overview")).ok).toBe(true);
    const before = (await get("/api/reconciliation/summary")).body;
    expect(Object.keys(before)).toEqual(["from", "to", "lines", "net", "absolute", "rate", "accurate", "accuracy", "value"]);

    const frame = new Promise<{ reconciliation: typeof before; at: number }>((resolve) => {
      s.on("frame", (f: { data: { reconciliation?: typeof before } }) => {
        // Other writers' frames may carry the same numbers first: wait for the one that moved.
        const r = f.data.reconciliation;
        if (r && (r.lines !== before.lines || r.absolute !== before.absolute)) resolve({ reconciliation: r, at: Date.now() });
      });
    });
    const sent = Date.now();
    await server.post([ev({ type: "cycle_count", sku, location: wh, quantity: 3 }, 1000)]);
    const got = await frame;
    expect(got.at - sent).toBeLessThan(1000);
    expect(got.reconciliation.lines).toBe(before.lines + 1);
    expect(got.reconciliation.absolute).toBe(before.absolute + 3);

    const shop = `shop-${c.tag}`;
    const driftFrame = new Promise<{ sources: { source: string; skus: number; absolute: number }[] }>((resolve) => {
      s.on("frame", (f: { data: { drift?: { sources: { source: string; skus: number; absolute: number }[] } } }) => {
        if (f.data.drift?.sources.some((x) => x.source === shop)) resolve(f.data.drift);
      });
    });
    await server.post([ev({ type: "snapshot", bucket: "on_hand", sku, location: wh, quantity: 1, source: shop }, 500)]);
    const d = await driftFrame;
    expect(d.sources.find((x) => x.source === shop)).toMatchObject({ skus: 1, absolute: 2 });
  });
});
