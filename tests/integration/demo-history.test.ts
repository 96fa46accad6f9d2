import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildDemoSkus } from "@/demo/demo-catalog";
import { ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { driftingSkus } from "@/demo/demo-counting";
import { DEMO_LOCATIONS } from "@/demo/demo-network";
import { DEMO_UNMAPPED_LISTING, seedDemo } from "@/demo/seed-demo";
import { OVERSELL_CAUSES } from "@/lib/contracts/oversells";
import { lastCompleteWeek, weekRange, weeksBefore } from "@/lib/time/iso-week";
import { getOversells } from "@/server/oversells/get-oversells";
import { getScorecard, type ScorecardStats } from "@/server/scorecard/get-scorecard";
import { prepareAllSkuWeeks } from "@/server/scorecard/prepare-sku-weeks";
import { READ_REPLAY_LIMIT } from "@/server/scorecard/sku-weeks";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { startTestServer, TEST_TOKEN, type TestServer } from "../support/test-server";
import { until } from "../support/until";
import { routeStandIn } from "../support/route-stand-in";
import { ReorderArrivals } from "@/demo/sim-reorder-arrives";
import type { SimEvent } from "@/demo/sim-outbox";
import type { SimContext } from "@/demo/simulate-traffic";

// Issue 15: the demo's 120 days of history, seeded through the real ingest path into a database of
// its own (the demo catalogue's codes would collide with other files' in the shared one), so every
// reconciliation screen is alive on first start: counted lines in every aging bucket at every
// location, coverage with rows of every age and some never counted, Onepool counts by named people
// with reasons on the big misses, and Shopify's untrusted view of Guadalajara drifting on a handful
// of SKUs since days ago. Read from the ledger itself, so it holds whatever the NUMBERS tables are.

const DB = `onepool_it_demo_${process.pid}`;
const LOCATIONS = DEMO_LOCATIONS.map((l) => l.code).sort();
const BUCKETS = ["0-7", "8-30", "31-90", ">90"];
let server: TestServer;

beforeAll(async () => {
  await createDatabase(inject("adminUrl"), DB);
  server = await startTestServer(withDatabase(inject("databaseUrl"), DB), {}, { nextHandler: routeStandIn() });
  const summary = await seedDemo({ pool: server.services.pool, box: server.services.box, log: () => {} });
  expect(summary.skipped).toBe(false);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await dropDatabase(inject("adminUrl"), DB);
});

const rows = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await server.services.pool.query<T>(sql, params)).rows;

/** Trusted cycle counts (docs/RECONCILIATION.md#numbers's counted lines), with the whole days since the row's previous one. */
const COUNTED = `
  SELECT e.seq, l.code AS location, e.source, e.reason, e.body, e.occurred_at,
         floor(extract(epoch FROM e.occurred_at - lag(e.occurred_at) OVER w) / 86400)::int AS gap
    FROM event e JOIN location l ON l.id = e.location_id
   WHERE e.type = 'cycle_count' AND (cardinality(l.trusted_sources) = 0 OR e.source = ANY(l.trusted_sources))
  WINDOW w AS (PARTITION BY e.sku_id, e.location_id ORDER BY e.occurred_at, e.seq)`;
const BUCKET_OF = `CASE WHEN gap IS NULL OR gap > 90 THEN '>90' WHEN gap <= 7 THEN '0-7' WHEN gap <= 30 THEN '8-30' ELSE '31-90' END`;

describe("the demo's history", () => {
  it("has counted lines in every aging bucket at every location, mostly accurate, a few big misses", async () => {
    const byBucket = await rows<{ location: string; bucket: string; n: number }>(`SELECT location, ${BUCKET_OF} AS bucket, count(*)::int AS n FROM (${COUNTED}) c GROUP BY 1, 2`);
    for (const loc of LOCATIONS) {
      const present = byBucket
        .filter((r) => r.location === loc && r.n > 0)
        .map((r) => r.bucket)
        .sort();
      expect({ loc, present }).toEqual({ loc, present: [...BUCKETS].sort() });
    }
    const [acc] = await rows<{ lines: number; accurate: number; big: number; first: Date }>(
      `SELECT count(*)::int AS lines, count(*) FILTER (WHERE coalesce(f.amount, 0) = 0)::int AS accurate,
              count(*) FILTER (WHERE abs(f.amount) >= 5)::int AS big, min(c.occurred_at) AS first
         FROM (${COUNTED}) c LEFT JOIN event_effect f ON f.seq = c.seq AND f.kind = 'variance'`,
    );
    expect(acc.lines).toBeGreaterThan(3_000);
    expect(acc.accurate / acc.lines).toBeGreaterThan(0.7);
    expect(acc.accurate / acc.lines).toBeLessThan(0.95);
    expect(acc.big).toBeGreaterThan(5);
    // Counts over the last 120 days, not just the last 60.
    expect(Date.now() - acc.first.getTime()).toBeGreaterThan(110 * 86_400_000);
  });

  it("has Onepool counts by named people, with a reason from the documented list on the big misses", async () => {
    const people = await rows<{ location: string; who: string | null; reason: string | null; n: number }>(
      `SELECT location, body->'payload'->>'countedBy' AS who, reason, count(*)::int AS n FROM (${COUNTED}) c WHERE source = $1 GROUP BY 1, 2, 3`,
      [ONEPOOL_COUNTS_SOURCE],
    );
    expect(new Set(people.map((p) => p.location))).toEqual(new Set(["wh-gdl", "store-cdmx"]));
    expect(people.every((p) => typeof p.who === "string" && p.who.length > 0)).toBe(true);
    const reasons = new Set(people.map((p) => p.reason).filter((r) => r !== "cycle count"));
    expect(reasons.size).toBeGreaterThan(1);
    for (const r of reasons) expect(["miscount", "damaged", "theft", "unrecorded_receipt", "unrecorded_shipment", "transfer_error", "unknown"]).toContain(r);
  });

  it("has the count workflow in every state: approved at the store, in review at the DC (a miss to reason), open at the 3PL", async () => {
    const counts = await rows<{ location: string; status: string; lines: number; expected: number }>(
      `SELECT l.code AS location, c.status, (SELECT count(*)::int FROM stock_count_line cl WHERE cl.count_id = c.id) AS lines, cardinality(c.expected) AS expected
         FROM stock_count c JOIN location l ON l.id = c.location_id ORDER BY c.created_at`,
    );
    expect(counts).toEqual([
      { location: "store-cdmx", status: "approved", lines: 6, expected: 6 },
      { location: "wh-gdl", status: "in_review", lines: 8, expected: 8 },
      { location: "3pl-us-east", status: "open", lines: 4, expected: 10 },
    ]);
    // The approved one is in the ledger, one cycle_count per line.
    const approved = await rows<{ n: number }>("SELECT count(*)::int AS n FROM event WHERE source = $1 AND event_id LIKE 'count-cnt_%'", [ONEPOOL_COUNTS_SOURCE]);
    expect(approved[0].n).toBe(6);
  });

  it("has promises kept and broken on every channel that promises, and reallocated lines (the scorecard's story)", async () => {
    const lines = await rows<{ channel: string; delivered: number; kept: number; promised: number }>(
      `SELECT c.code AS channel, count(*)::int AS delivered, count(*) FILTER (WHERE d.occurred_at <= p.promised_at)::int AS kept, count(p.promised_at)::int AS promised
         FROM event d JOIN event p ON p.order_id = d.order_id AND p.sku_id = d.sku_id AND p.type = 'order.placed'
         JOIN channel c ON c.id = p.channel_id
        WHERE d.type = 'order.delivered' GROUP BY 1 ORDER BY 1`,
    );
    expect(lines.map((l) => l.channel)).toEqual(["amazon", "mercadolibre", "rappi", "web"]);
    for (const l of lines) {
      expect(l.promised, l.channel).toBe(l.delivered); // these channels always promise
      expect(l.kept / l.delivered, l.channel).toBeGreaterThan(0.8);
      expect(l.kept, l.channel).toBeLessThan(l.delivered);
    }
    const stores = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM event e JOIN channel c ON c.id = e.channel_id WHERE c.code = 'stores' AND (e.type = 'order.delivered' OR e.promised_at IS NOT NULL)",
    );
    expect(stores[0].n).toBe(0); // the counter promises nothing and delivers on the spot
    const reallocated = await rows<{ n: number }>("SELECT count(*)::int AS n FROM event WHERE type = 'order.reallocated'");
    expect(reallocated[0].n).toBeGreaterThan(10);
  });

  it("leaves coverage with rows of every age at every location, and some never counted", async () => {
    const cov = await rows<{ location: string; bucket: string; n: number }>(
      `WITH last AS (
         SELECT e.sku_id, e.location_id, max(e.occurred_at) AS at FROM event e JOIN location l ON l.id = e.location_id
          WHERE e.type = 'cycle_count' AND e.source = ANY(l.trusted_sources) GROUP BY 1, 2)
       SELECT l.code AS location,
              CASE WHEN last.at IS NULL THEN 'never' WHEN now() - last.at < interval '8 days' THEN '0-7' WHEN now() - last.at < interval '31 days' THEN '8-30'
                   WHEN now() - last.at < interval '91 days' THEN '31-90' ELSE '>90' END AS bucket, count(*)::int AS n
         FROM stock_level s JOIN location l ON l.id = s.location_id LEFT JOIN last USING (sku_id, location_id)
        WHERE s.on_hand > 0 GROUP BY 1, 2`,
    );
    for (const loc of LOCATIONS) {
      const present = cov
        .filter((r) => r.location === loc && r.n > 0 && r.bucket !== "never")
        .map((r) => r.bucket)
        .sort();
      expect({ loc, present }).toEqual({ loc, present: [...BUCKETS].sort() });
    }
    const never = cov.filter((r) => r.bucket === "never");
    expect(never.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(20);
    expect(new Set(never.map((r) => r.location)).size).toBeGreaterThanOrEqual(4);
  });

  it("leaves Shopify drifting on exactly the demo's drifting SKUs at Guadalajara, some since days ago", async () => {
    // docs/RECONCILIATION.md#drift: the open drift of (source, SKU, location) is its latest untrusted absolute's drift.
    const open = await rows<{ sku: string; drift: number; since: Date }>(
      `WITH snaps AS (
         SELECT s.code AS sku, e.occurred_at, e.seq, coalesce(f.amount, 0) AS drift,
                row_number() OVER (PARTITION BY e.sku_id ORDER BY e.occurred_at DESC, e.seq DESC) AS k
           FROM event e JOIN sku s ON s.id = e.sku_id JOIN location l ON l.id = e.location_id
           LEFT JOIN event_effect f ON f.seq = e.seq AND f.kind = 'drift'
          WHERE e.source = 'shopify-web' AND e.type = 'snapshot' AND l.code = 'wh-gdl')
       SELECT sku, drift, (SELECT min(b.occurred_at) FROM snaps b WHERE b.sku = a.sku AND b.drift <> 0) AS since
         FROM snaps a WHERE k = 1 AND drift <> 0 ORDER BY sku`,
    );
    const expected = driftingSkus(buildDemoSkus());
    expect(open.map((o) => o.sku)).toEqual(expected.map((d) => d.code).sort());
    for (const o of open) {
      const d = expected.find((x) => x.code === o.sku)!;
      // Stuck by its offset unless the pool had fewer units than that (Shopify never says below 0).
      expect(Math.sign(o.drift)).toBe(Math.sign(d.offset));
      expect(Math.abs(o.drift)).toBeLessThanOrEqual(Math.abs(d.offset));
    }
    const days = open.map((o) => (Date.now() - o.since.getTime()) / 86_400_000);
    expect(Math.max(...days)).toBeGreaterThan(5);
    // The snapshots that are not stuck agree with the pool: drift is a handful, not noise.
    const [noise] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM event e JOIN event_effect f ON f.seq = e.seq AND f.kind = 'drift' JOIN sku s ON s.id = e.sku_id
        WHERE e.source = 'shopify-web' AND f.amount <> 0 AND NOT s.code = ANY($1::text[])`,
      [expected.map((d) => d.code)],
    );
    expect(noise.n).toBe(0);
  });

  it("has oversold orders of every root cause in the scorecard's 12 weeks, and promises and allocations missed", async () => {
    // The seed writes what each cause rests on (published numbers and acknowledgements over time,
    // a channel failing, late WMS news, a recount, two channels selling the last unit): §6.4's engine finds each.
    const week = lastCompleteWeek(Date.now(), "UTC");
    const weeks = [...weeksBefore(week, 11, "UTC"), week];
    const lines = await getOversells(server.services.pool, { from: weekRange(weeks[0], "UTC").from, to: weekRange(week, "UTC").to });
    const causes = new Map<string, number>();
    for (const l of lines) causes.set(l.cause, (causes.get(l.cause) ?? 0) + 1);
    for (const c of OVERSELL_CAUSES) expect(causes.get(c) ?? 0, c).toBeGreaterThan(0);
    // Stale lines: the channel had acknowledged more than Onepool then published (its pushes failing).
    for (const l of lines.filter((x) => x.cause === "stale_channel")) expect(l.acknowledged!).toBeGreaterThan(l.published!);
    expect(lines.filter((x) => x.cause === "late_events").every((l) => l.ingestLagMs !== null && l.availableKnown > l.availableReal)).toBe(true);

    // The scorecard counts them per cause, and its accuracies (on the SKUs that were oversold, to keep it quick) fall short of 1.
    const card = await getScorecard(server.services.pool, { week, timezone: "UTC", skus: [...new Set(lines.map((l) => l.sku))] });
    const total = (key: string, reason?: string) => {
      const f = card.figures.find((x) => x.key === key && x.channel === null && (reason === undefined || x.reason === reason))!;
      return [f.value, ...f.trend.map((t) => t.value)];
    };
    for (const c of OVERSELL_CAUSES)
      expect(
        total("oversells", c).reduce<number>((s, v) => s + (v ?? 0), 0),
        c,
      ).toBe(causes.get(c));
    for (const key of ["promise_accuracy", "allocation_accuracy"])
      expect(
        total(key).some((v) => v !== null && v < 1),
        key,
      ).toBe(true);
    // End-to-end lag has history too: the channels' acknowledgements were seeded with the numbers.
    expect(total("e2e_lag_p50_ms").every((v) => v !== null && v > 0)).toBe(true);
  }, 300_000);

  it("after the preparation `npm run demo` runs before it says it is ready, the first scorecard replays no SKU (it cannot hit the read timeout)", async () => {
    expect(await prepareAllSkuWeeks(server.services.pool, "UTC")).toBeGreaterThan(0);
    const stats = {} as ScorecardStats;
    const card = await getScorecard(server.services.pool, { timezone: "UTC", maxReplay: READ_REPLAY_LIMIT, stats });
    expect(stats).toMatchObject({ replayed: 0, answerKept: false });
    expect(card.figures.find((f) => f.key === "stockout_hours" && f.sku === undefined)!.value).not.toBeNull();
  }, 300_000);

  it("opens alerts of several kinds on first start (issue 17), each on a subject the history explains", async () => {
    // As `npm run demo` does after its seed: the seed's commits bypass the engine's after-ingest hook.
    await server.services.alerts!.evaluateEverything();
    const open = await rows<{ kind: string; n: number }>("SELECT kind, count(*)::int AS n FROM alert WHERE state = 'open' GROUP BY kind");
    const byKind = Object.fromEntries(open.map((r) => [r.kind, r.n]));
    expect(Object.keys(byKind).length).toBeGreaterThanOrEqual(4);
    // The low-cover SKUs the catalogue makes, the big count misses of the last 30 days, Shopify's
    // drifting view of Guadalajara, and the Mercado Libre listing nobody mapped.
    for (const kind of ["low_cover", "variance", "drift", "unmapped"]) expect(byKind[kind] ?? 0, kind).toBeGreaterThan(0);
    const unmapped = await rows<{ listing_channel: string; listing_external_id: string }>("SELECT listing_channel, listing_external_id FROM alert WHERE kind = 'unmapped' AND state = 'open'");
    expect(unmapped).toEqual([{ listing_channel: DEMO_UNMAPPED_LISTING.channel, listing_external_id: DEMO_UNMAPPED_LISTING.externalId }]);
    // Drift alerts are the demo's drifting SKUs at Guadalajara, by Shopify's source.
    const drift = await rows<{ source: string; location: string; sku: string }>(
      "SELECT a.source, l.code AS location, s.code AS sku FROM alert a JOIN location l ON l.id = a.location_id JOIN sku s ON s.id = a.sku_id WHERE a.kind = 'drift' AND a.state = 'open'",
    );
    const drifting = new Set(driftingSkus(buildDemoSkus()).map((s) => s.code));
    for (const d of drift) expect(d.location === "wh-gdl" && drifting.has(d.sku), JSON.stringify(d)).toBe(true);
    // Every low-cover alert carries a reorder suggestion.
    const low = await rows<{ suggested: number }>("SELECT (value->>'suggestedQuantity')::int AS suggested FROM alert WHERE kind = 'low_cover' AND state = 'open'");
    expect(low.every((r) => r.suggested >= 0)).toBe(true);
  });

  it("lets one low-cover alert resolve by itself when the live demo's purchase order lands (issue 17)", async () => {
    // The simulator's buyer (sim-reorder-arrives.ts) against this server: it reads the open low-cover
    // alerts over HTTP, raises a PO for one and receives it. Its events go to POST /api/events as the
    // simulator's canonical sources post them; its timers run when the test says.
    const timers: (() => void)[] = [];
    const posted: SimEvent[] = [];
    const logs: string[] = [];
    const post = async (e: SimEvent) => {
      const res = await fetch(`${server.url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ ...e, occurredAt: new Date().toISOString() }),
      });
      const body = (await res.json()) as { results?: { status: string }[] };
      expect(body.results?.[0]?.status, JSON.stringify(body)).toBe("accepted");
    };
    const ctx = {
      skus: buildDemoSkus(),
      runTag: "T",
      log: (m: string) => void logs.push(m),
      emit: (body: SimEvent | SimEvent[]) => void posted.push(...(Array.isArray(body) ? body : [body])),
      at: (_ms: number, fn: () => void) => void timers.push(fn),
    } as unknown as SimContext;
    new ReorderArrivals(ctx, { url: server.url, token: TEST_TOKEN }, { holds: () => false, flashedRecently: () => false }).start();
    timers.shift()!();
    // It picked a SKU with an open low-cover alert and raised its PO; the receipt is its next timer.
    const po = await until("the PO", () => posted.find((e) => e.type === "po") ?? (logs.length > 0 && Promise.reject(new Error(logs.join("\n")))));
    const code = String(po.sku);
    const alertState = async () =>
      (await rows<{ state: string }>("SELECT a.state FROM alert a JOIN sku s ON s.id = a.sku_id WHERE a.kind = 'low_cover' AND s.code = $1 ORDER BY a.opened_at DESC LIMIT 1", [code]))[0]?.state;
    expect(await alertState()).toBe("open");
    await post(po);
    await until("the receipt's timer", () => timers.length >= 2);
    timers.shift()!();
    const receipt = posted.find((e) => e.type === "receipt")!;
    expect(receipt).toMatchObject({ sku: code, quantity: po.quantity });
    await post(receipt);
    await server.services.alerts!.evaluateEverything();
    expect(await alertState()).toBe("resolved");
  }, 60_000);

  it("is what a replay of the ledger folds to", async () => {
    const check = await rebuildProjections(server.services.pool, { write: false });
    expect(check.differences).toEqual([]);
  }, 120_000);
});
