import fc from "fast-check";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { bearer, callApi } from "../support/call-api";
import { ev, startInstances, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";

// Any mix of checkouts, releases, conversions and receipts, sent concurrently in any grouping to
// two instances: no location is ever oversold by holds, the reserved buckets equal the active
// holds, and a replay of the ledger equals the live buckets (docs/QUANTITY-MODEL.md §4, docs/QUANTITY-MODEL.md §5).

let one: TestServer;
let two: TestServer;
beforeAll(async () => {
  [one, two] = await startInstances(inject("databaseUrl"), 2);
});
afterAll(() => Promise.all([one?.stop(), two?.stop()]));

type Op = { kind: "reserve"; q: number } | { kind: "release"; pick: number } | { kind: "convert"; pick: number; less: number } | { kind: "receipt"; loc: 0 | 1; q: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("reserve" as const), q: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("convert" as const), pick: fc.nat(), less: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("receipt" as const), loc: fc.constantFrom(0 as const, 1 as const), q: fc.integer({ min: 1, max: 5 }) }) },
);

const call = (server: TestServer, method: string, path: string, body?: unknown) => callApi(server.url, method, path, { body, headers: bearer(TEST_TOKEN) });

it("holds never oversell a location, reserved equals the active holds, and live equals a replay", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })),
      fc.array(fc.array(arbOp, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
      async (start, rounds) => {
        const c = uniqueCatalog({ skus: ["A"], locations: [{ code: "wh" }, { code: "store" }] });
        await one.catalog(c.input);
        await two.services.catalog.reload();
        const sku = c.sku("A");
        const locs = [c.loc("wh"), c.loc("store")];
        const initial = start.flatMap((q, i) => (q ? [ev({ type: "receipt", sku, location: locs[i], quantity: q })] : []));
        if (initial.length) await one.post(initial);
        // Holds this test has not released or converted yet: an op takes one synchronously, before any
        // await, so two concurrent ops never end the same hold (an order naming an ended hold is a plain order).
        const holds: { id: string; location: string; quantity: number }[] = [];
        const take = (pick: number) => (holds.length ? holds.splice(pick % holds.length, 1)[0] : null);
        run++;
        let n = 0;
        for (const ops of rounds) {
          // One round's operations are released together, alternating instances.
          await Promise.all(
            ops.map(async (op, i) => {
              const s = (n + i) % 2 ? two : one;
              if (op.kind === "reserve") {
                const r = await call(s, "POST", "/api/reservations", { sku, channel: c.channel, quantity: op.q, idempotencyKey: `p-${c.tag}-${run}-${n + i}` });
                expect([201, 409]).toContain(r.status);
                // An order converting it commits at most what the hold's first location held (a hold may span two).
                if (r.status === 201) holds.push({ id: r.body.id, location: r.body.locations[0].location, quantity: r.body.locations[0].quantity });
              } else if (op.kind === "release") {
                const h = take(op.pick);
                if (h) expect((await call(s, "DELETE", `/api/reservations/${h.id}`)).body).toMatchObject({ status: "released", changed: true });
              } else if (op.kind === "convert") {
                const h = take(op.pick);
                if (!h) return;
                const q = Math.max(1, h.quantity - op.less);
                const r = await s.post(ev({ type: "order.placed", sku, location: h.location, quantity: q, orderId: `o-${h.id}`, reservationId: h.id }, 0));
                expect(r.status).toBe(202);
                expect((await call(s, "GET", `/api/reservations/${h.id}`)).body).toMatchObject({ status: "converted" });
              } else if (op.kind === "receipt") {
                await s.post(ev({ type: "receipt", sku, location: locs[op.loc], quantity: op.q }));
              }
            }),
          );
          n += ops.length;
        }
        const levels = await one.services.pool.query<{ code: string; reserved: number; available: number }>(
          "SELECT l.code, sl.reserved, sl.available FROM stock_level sl JOIN location l ON l.id = sl.location_id JOIN sku s ON s.id = sl.sku_id WHERE s.code = $1",
          [sku],
        );
        // Orders here only convert holds where they sit, for at most the held units: nothing can go below 0.
        for (const l of levels.rows) expect(l.available, l.code).toBeGreaterThanOrEqual(0);
        const active = await one.services.pool.query<{ held: string | null }>(
          "SELECT sum((p->>'quantity')::int) AS held FROM reservation r CROSS JOIN jsonb_array_elements(r.parts) p WHERE r.sku_id = (SELECT id FROM sku WHERE code = $1) AND r.status = 'active'",
          [sku],
        );
        expect(levels.rows.reduce((s, l) => s + l.reserved, 0)).toBe(Number(active.rows[0].held ?? 0));
        const check = await rebuildProjections(one.services.pool, { write: false });
        expect(check.differences.filter((d) => d.sku === sku)).toEqual([]);
      },
    ),
    { numRuns: 12 },
  );
}, 120_000);
