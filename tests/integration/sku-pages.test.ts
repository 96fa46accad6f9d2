import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { getAllSkuRows, getSkuRows, SKU_SORTS } from "@/server/queries/get-sku-rows";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

// Review #13 and issue 18: a page of GET /api/skus computes only its own rows, found by keyset
// (sort key, code) in SQL for every sort; it must page exactly like the whole sorted list does.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("pages of every sort, with and without a search, equal slices of the fully computed, sorted list", async () => {
  const codes = ["a-1", "A-2", "B_3", "b.4", "Z9", "z10", "0-first", "9-last", "Ä-umlaut", "mid-5", "mid-50", "mid-6", "x", "X-", "y~"];
  const c = uniqueCatalog({ skus: codes });
  await server.catalog(c.input);
  // Stock and sales on some SKUs, with ties, so the numeric sorts' keys and tie-breaks both count.
  const qty = [5, 0, 9, 5, 1, 0, 12, 5, 3, 0, 7, 7, 2, 0, 4];
  await server.post(codes.flatMap((code, i) => (qty[i] ? [ev({ type: "receipt", sku: c.sku(code), location: c.loc("wh"), quantity: qty[i] })] : [])));
  await server.post(
    codes.flatMap((code, i) => (i % 3 === 0 && qty[i] > 1 ? [ev({ type: "order.placed", sku: c.sku(code), location: c.loc("wh"), quantity: 1 + (i % 2), orderId: `o-${c.tag}-${i}` })] : [])),
  );
  await server.services.publisher.settle(); // the rows compared below carry stored published numbers
  const pool = server.services.pool;
  for (const q of [c.tag, `mid ${c.tag}`]) {
    for (const sort of SKU_SORTS) {
      const all = await getAllSkuRows(pool, { q, sort }, 7);
      const paged: string[] = [];
      let cursor: string | null = null;
      let total = -1;
      do {
        const page: Awaited<ReturnType<typeof getSkuRows>> = await getSkuRows(pool, { q, sort, cursor, limit: 4 }, 7);
        paged.push(...page.items.map((r) => r.code));
        total = page.total;
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged, `${q} ${sort}`).toEqual(all.map((r) => r.code));
      expect(total).toBe(all.length);
      // And each row is the same row the full computation gives.
      const first = await getSkuRows(pool, { q, sort, limit: 3 }, 7);
      expect(first.items).toEqual(all.slice(0, 3));
    }
  }
});
