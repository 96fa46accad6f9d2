import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { ev, level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("the rebuild finds a projection that drifted from the ledger and restores it from the ledger", async () => {
  const c = uniqueCatalog({ locations: [{ code: "wh", trustedSources: ["wms"] }, { code: "store" }] });
  await server.catalog(c.input);
  const [sku, wh, store] = [c.sku("A"), c.loc("wh"), c.loc("store")];
  await server.post([
    ev({ type: "receipt", sku, location: wh, quantity: 30 }, 90_000),
    ev({ type: "order.placed", sku, location: wh, quantity: 4 }, 80_000),
    ev({ type: "transfer.out", sku, location: wh, toLocation: store, reference: "TR-9", quantity: 5 }, 70_000),
    ev({ type: "cycle_count", sku, location: wh, quantity: 20 }, 60_000),
    ev({ type: "order.placed", sku, location: wh, quantity: 1 }, 50_000),
  ]);
  const live = await level(server, sku, wh);
  expect(live).toMatchObject({ on_hand: 20, committed: 5, available: 15 });
  expect(await level(server, sku, store)).toMatchObject({ incoming_total: 5 });

  // Somebody edits the projection behind the ledger's back (projections are not the truth).
  await server.services.pool.query(
    "UPDATE stock_level SET on_hand = 999, available = 994 WHERE sku_id = (SELECT id FROM sku WHERE code = $1) AND location_id = (SELECT id FROM location WHERE code = $2)",
    [sku, wh],
  );
  const check = await rebuildProjections(server.services.pool, { write: false });
  expect(check.differences).toEqual([expect.objectContaining({ sku, location: wh, live: expect.objectContaining({ on_hand: 999 }) })]);
  expect(await level(server, sku, wh)).toMatchObject({ on_hand: 999 }); // a check writes nothing

  const fixed = await rebuildProjections(server.services.pool, { write: true });
  expect(fixed.written).toBe(true);
  expect(await level(server, sku, wh)).toEqual(live);
  expect((await rebuildProjections(server.services.pool, { write: false })).differences).toEqual([]);

  // Sales and count variance are rebuilt too.
  const sales = await server.services.pool.query("SELECT sum(units)::int AS units FROM sales_hourly WHERE sku_id = (SELECT id FROM sku WHERE code = $1)", [sku]);
  expect(sales.rows[0].units).toBe(5);
  const variance = await server.services.pool.query("SELECT amount FROM event_effect WHERE kind = 'variance' AND sku_id = (SELECT id FROM sku WHERE code = $1)", [sku]);
  expect(variance.rows).toEqual([{ amount: 5 }]); // system on hand 30 − 5 transferred = 25, counted 20
});

it("changing which sources a location trusts refolds its levels, so live still equals a replay", async () => {
  const c = uniqueCatalog({ locations: [{ code: "wh" }] });
  await server.catalog(c.input);
  const [sku, wh] = [c.sku("A"), c.loc("wh")];
  await server.post([ev({ type: "receipt", sku, location: wh, quantity: 10 }, 60_000), ev({ type: "snapshot", bucket: "on_hand", sku, location: wh, quantity: 4, source: "marketplace" }, 30_000)]);
  expect(await level(server, sku, wh)).toMatchObject({ on_hand: 4 }); // everyone trusted

  // From now on only the WMS is trusted here: the marketplace snapshot must stop counting.
  await server.catalog({ locations: [{ code: wh, name: "wh", type: "warehouse", sellable: true, trustedSources: ["wms"] }] });
  expect(await level(server, sku, wh)).toMatchObject({ on_hand: 10 });
  const drift = await server.services.pool.query("SELECT kind, amount FROM event_effect WHERE sku_id = (SELECT id FROM sku WHERE code = $1)", [sku]);
  expect(drift.rows).toEqual([{ kind: "drift", amount: 6 }]); // pool − reported
  expect((await rebuildProjections(server.services.pool, { write: false })).differences).toEqual([]);
});
