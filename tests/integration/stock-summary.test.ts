import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { getAllSkuRows } from "@/server/queries/get-sku-rows";
import { getStockSummary } from "@/server/queries/get-stock-summary";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

// GET /api/stock/summary sums in SQL (issue 18); it must equal the totals of the rows the list shows.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("equals the totals and statuses of every SKU's row", async () => {
  const c = uniqueCatalog({ skus: ["OUT", "LOW", "OK", "SLOW", "NEW"] });
  await server.catalog(c.input);
  await server.post([
    ev({ type: "receipt", sku: c.sku("LOW"), location: c.loc("wh"), quantity: 6 }),
    ev({ type: "receipt", sku: c.sku("OK"), location: c.loc("wh"), quantity: 500 }),
    ev({ type: "receipt", sku: c.sku("SLOW"), location: c.loc("wh"), quantity: 40 }),
    ev({ type: "receipt", sku: c.sku("OUT"), location: c.loc("wh"), quantity: 2 }),
  ]);
  await server.post([
    ev({ type: "order.placed", sku: c.sku("LOW"), location: c.loc("wh"), quantity: 4, orderId: `o-${c.tag}-1` }),
    ev({ type: "order.placed", sku: c.sku("OUT"), location: c.loc("wh"), quantity: 2, orderId: `o-${c.tag}-2` }),
    ev({ type: "order.placed", sku: c.sku("SLOW"), location: c.loc("wh"), quantity: 1, orderId: `o-${c.tag}-3` }, 3 * 24 * 3600_000),
  ]);
  const pool = server.services.pool;
  const rows = await getAllSkuRows(pool, {}, 7);
  const expected = {
    skus: rows.length,
    stockouts: rows.filter((r) => r.status === "stockout").length,
    lowCover: rows.filter((r) => r.status === "low_cover").length,
    availableReal: rows.reduce((s, r) => s + r.availableReal, 0),
    onHand: rows.reduce((s, r) => s + r.onHand, 0),
    incoming: rows.reduce((s, r) => s + r.incoming, 0),
  };
  // This catalogue alone has a stockout and a low cover: the comparison is not over zeros.
  const mine = rows.filter((r) => r.code.endsWith(c.tag));
  expect(
    mine
      .filter((r) => r.status === "stockout")
      .map((r) => r.code)
      .sort(),
  ).toEqual([c.sku("NEW"), c.sku("OUT")].sort());
  expect(mine.find((r) => r.code === c.sku("LOW"))?.status).toBe("low_cover");
  expect(await getStockSummary(pool, 7)).toEqual(expected);
});
