import fc from "fast-check";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { foldLevel } from "@/lib/quantity/fold-level";
import { availableOf } from "@/lib/quantity/level-math";
import type { StockEvent } from "@/lib/quantity/types";
import { ingestEvents } from "@/server/ingest/ingest-events";
import { driftStateOf, type DriftReading } from "@/lib/reconciliation/drift";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

// The live path (group commit, incremental apply, per-level recompute) against the pure replay:
// any set of events, delivered in any order, in any batches, with duplicates, concurrently, must
// leave exactly the projection a clean fold of the set gives — and the rebuild must agree.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

const T0 = Date.now() - 3_600_000;
const LOCS = ["wh", "store"] as const;

type Spec = { type: string; loc: 0 | 1; q: number; t: number; source: "wms" | "pos" | "feed"; ref?: string; extra?: Record<string, unknown> };

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    type: fc.constantFrom("receipt", "order.placed", "order.cancelled", "order.shipped", "return.received", "damage", "shrink", "reservation.created", "reservation.released"),
    loc: fc.constantFrom(0 as const, 1 as const),
    q: fc.integer({ min: 1, max: 9 }),
    t: fc.integer({ min: 0, max: 40 }),
    source: fc.constantFrom("wms" as const, "pos" as const),
  }),
  fc.record({
    type: fc.constant("adjustment"),
    loc: fc.constantFrom(0 as const, 1 as const),
    q: fc.integer({ min: -5, max: 5 }).filter((q) => q !== 0),
    t: fc.integer({ min: 0, max: 40 }),
    source: fc.constant("wms" as const),
  }),
  fc.record({
    type: fc.constantFrom("cycle_count", "snapshot"),
    loc: fc.constantFrom(0 as const, 1 as const),
    q: fc.integer({ min: 0, max: 30 }),
    t: fc.integer({ min: 0, max: 40 }),
    source: fc.constantFrom("wms" as const, "feed" as const),
  }),
  // The referenced moves, outgoing and incoming: the same fields, one generator.
  fc.record({
    type: fc.constantFrom("transfer.out", "order.reallocated", "po", "transfer.in"),
    loc: fc.constantFrom(0 as const, 1 as const),
    q: fc.integer({ min: 1, max: 5 }),
    t: fc.integer({ min: 0, max: 40 }),
    source: fc.constant("wms" as const),
    ref: fc.constantFrom("T1", "T2"),
  }),
);

const scenario = fc.record({
  specs: fc.array(specArb, { minLength: 1, maxLength: 25 }),
  order: fc.array(fc.nat(), { maxLength: 40 }),
  dupes: fc.array(fc.nat(), { maxLength: 8 }),
  cuts: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 12 }),
});

it("live projection = replay of the ledger, for any events, order, batching and duplicates", async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ specs, order, dupes, cuts }) => {
      // `wh` trusts the WMS and the POS over anything else; `feed` is untrusted there.
      const c = uniqueCatalog({ skus: ["P"], locations: [{ code: "wh", trustedSources: ["wms", "pos"] }, { code: "store" }] });
      await server.catalog(c.input);
      const sku = c.sku("P");
      const events = specs.map((s, i) => {
        const other = LOCS[1 - s.loc];
        return {
          id: `${c.tag}-${i}`,
          source: s.source,
          type: s.type,
          sku,
          location: c.loc(LOCS[s.loc]),
          quantity: s.q,
          occurredAt: new Date(T0 + s.t * 1000).toISOString(),
          ...(s.type === "shrink" || s.type === "adjustment" ? { reason: "test" } : {}),
          ...(s.type === "snapshot" ? { bucket: i % 2 ? "available" : "on_hand" } : {}),
          ...(s.ref ? { reference: s.ref } : {}),
          ...(s.type === "transfer.out" || s.type === "order.reallocated" ? { toLocation: c.loc(other) } : {}),
        };
      });
      // Delivery: a shuffled copy plus duplicates, cut into batches sent concurrently.
      const delivery = [...events];
      order.forEach((k, i) => {
        const a = i % delivery.length;
        const b = k % delivery.length;
        [delivery[a], delivery[b]] = [delivery[b], delivery[a]];
      });
      for (const d of dupes) delivery.splice(d % (delivery.length + 1), 0, events[d % events.length]);
      const batches: (typeof events)[] = [];
      let at = 0;
      for (const n of [...cuts, delivery.length]) {
        if (at >= delivery.length) break;
        batches.push(delivery.slice(at, at + n));
        at += n;
      }
      // reservation.* events are Onepool's own (connector tokens are refused them): a batch holding
      // one goes straight to the ingest path as Onepool's reservation API would; the rest over HTTP.
      const responses = await Promise.all(
        batches.map(async (b) =>
          b.some((e) => e.type.startsWith("reservation."))
            ? { status: 202, body: { results: await ingestEvents(server.services.ingest, b, { token: null, receivedAt: new Date() }) } }
            : server.post(b),
        ),
      );
      for (const r of responses) expect(r.status).toBe(202);
      const statuses = responses.flatMap((r) => r.body.results.map((x: { status: string }) => x.status));
      expect(statuses.filter((s) => s === "accepted")).toHaveLength(events.length);
      expect(statuses.filter((s) => s === "rejected")).toHaveLength(0);

      for (const [i, name] of LOCS.entries()) {
        const code = c.loc(name);
        const trusted = i === 0 ? ["wms", "pos"] : [];
        const model: StockEvent[] = events.map((e) => ({ ...e, occurredAt: Date.parse(e.occurredAt) }) as unknown as StockEvent);
        const want = foldLevel(model, code, trusted).state;
        const touched = model.some((e) => e.location === code || (e as { toLocation?: string }).toLocation === code);
        const got = await level(server, sku, code);
        // Drift states (docs/RECONCILIATION.md#drift) as the replay gives them, whatever the delivery.
        const folded = foldLevel(model, code, trusted);
        const readings = new Map<string, DriftReading[]>();
        for (const e of model) {
          const eff = folded.effects.get(`${e.source}\u0000${e.id}`);
          if (eff?.kind !== "drift" || e.location !== code) continue;
          const list = readings.get(e.source) ?? [];
          list.push({
            id: e.id,
            version: null,
            occurredAt: e.occurredAt,
            bucket: e.type === "snapshot" && e.bucket === "available" ? "available" : "on_hand",
            drift: eff.amount,
            reported: e.quantity,
          });
          readings.set(e.source, list);
        }
        const wantDrift = [...readings].map(([source, list]) => {
          const st = driftStateOf(list)!;
          return { source, drift: st.drift, since: st.since === null ? null : new Date(st.since).toISOString() };
        });
        const gotDrift = await server.services.pool.query(
          `SELECT d.source, d.drift, d.since FROM drift_state d JOIN sku s ON s.id = d.sku_id JOIN location l ON l.id = d.location_id WHERE s.code = $1 AND l.code = $2`,
          [sku, code],
        );
        expect(gotDrift.rows.map((r) => ({ source: r.source, drift: r.drift, since: r.since?.toISOString() ?? null })).sort((a, b) => a.source.localeCompare(b.source))).toEqual(
          wantDrift.sort((a, b) => a.source.localeCompare(b.source)),
        );
        if (!touched) {
          expect(got).toBeNull();
          continue;
        }
        expect(got).toMatchObject({
          on_hand: want.onHand,
          committed: want.committed,
          reserved: want.reserved,
          damaged: want.damaged,
          quality_control: want.qualityControl,
          available: availableOf(want),
        });
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
  );
  // The check compares counted lines too (docs/RECONCILIATION.md#numbers): any order, batching and duplicates give the replay's.
  const report = await rebuildProjections(server.services.pool, { write: false });
  expect(report.differences).toEqual([]);
  // And the daily rollup the live tile reads is exactly the sum of those lines.
  const off = await server.services.pool.query(`
    (SELECT 'lines' AS side, (occurred_at AT TIME ZONE 'UTC')::date::text AS day, location_id, bucket, count(*)::int AS lines, sum(variance)::int AS net, sum(abs(variance))::int AS absolute, sum(system)::int AS system, count(*) FILTER (WHERE variance = 0)::int AS accurate
       FROM counted_line GROUP BY 2, 3, 4
     EXCEPT SELECT 'lines', day::text, location_id, bucket, lines, net::int, absolute::int, system::int, accurate FROM counted_rollup)
    UNION ALL
    (SELECT 'rollup', day::text, location_id, bucket, lines, net::int, absolute::int, system::int, accurate FROM counted_rollup WHERE lines <> 0
     EXCEPT SELECT 'rollup', (occurred_at AT TIME ZONE 'UTC')::date::text, location_id, bucket, count(*)::int, sum(variance)::int, sum(abs(variance))::int, sum(system)::int, count(*) FILTER (WHERE variance = 0)::int
       FROM counted_line GROUP BY 2, 3, 4)`);
  expect(off.rows).toEqual([]);
}, 120_000);
