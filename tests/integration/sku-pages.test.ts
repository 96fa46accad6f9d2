import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { getAllSkuRows, getSkuRows } from "@/server/queries/get-sku-rows";
import { startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

// Review #13: each page of GET /api/skus computed every SKU's row. Sorted by code (the default) a
// page now computes only its own rows; it must page exactly like the whole sorted list did.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("code-sorted pages, with and without a search, equal slices of the fully computed, sorted list", async () => {
  const codes = ["a-1", "A-2", "B_3", "b.4", "Z9", "z10", "0-first", "9-last", "Ä-umlaut", "mid-5", "mid-50", "mid-6", "x", "X-", "y~"];
  const c = uniqueCatalog({ skus: codes });
  await server.catalog(c.input);
  const pool = server.services.pool;
  for (const q of [c.tag, `mid ${c.tag}`]) {
    for (const sort of ["code", "-code"] as const) {
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
