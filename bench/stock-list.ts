import type pg from "pg";
import { getSkuRows, getSkuRowsByIds, SKU_SORTS, type SkuSort } from "@/server/queries/get-sku-rows";
import { median } from "./rules";

// (s) The live stock page at 100,000 SKUs (issue 18; docs/PERFORMANCE.md#stock-list): the first page
// (what app/page.tsx renders and GET /api/skus answers) for every sort and for a search, the next
// page by cursor, each the median of several calls, next to what Postgres alone takes to hand back
// a page of the same table and to compute one page's rows.

export const TARGET_FIRST_PAGE_MS = 300;
/** The page size of the stock page (components/stock/sorts.ts SKU_PAGE_SIZE). */
const PAGE = 100;

export interface StockListResult {
  skus: number;
  repeats: number;
  firstPage: { sort: SkuSort | string; q: string; medianMs: number; maxMs: number; nextMs: number; rows: number }[];
  ceiling: { bareLimitMs: number; countMs: number; rowsByIdsMs: number };
}

async function timed(repeats: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm: plans and buffers, as on a server that has been up a while
  const out: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Published numbers for every SKU × channel in one INSERT … SELECT (what the publisher's first pass stores), unless (d) already did. */
export async function fillPublished(pool: pg.Pool): Promise<number> {
  const r = await pool.query(
    `INSERT INTO published_quantity (sku_id, channel_id, quantity, updated_at)
     SELECT s.id, c.id, (s.id * 31 + c.id) % 200, now() FROM sku s CROSS JOIN channel c
     ON CONFLICT (sku_id, channel_id) DO NOTHING`,
  );
  await pool.query("ANALYZE published_quantity");
  return r.rowCount ?? 0;
}

export async function runStockList(pool: pg.Pool, repeats: number, safetyDays: number, log: (m: string) => void): Promise<StockListResult> {
  const skus = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sku")).rows[0].n;
  const firstPage: StockListResult["firstPage"] = [];
  const cases: { sort: SkuSort; q: string }[] = [...SKU_SORTS.map((sort) => ({ sort, q: "" })), { sort: "code", q: "bench product 4242" }, { sort: "-availableReal", q: "bench product 4242" }];
  for (const { sort, q } of cases) {
    let next: string | null = null;
    let rows = 0;
    const t = await timed(repeats, async () => {
      const page = await getSkuRows(pool, { q, sort, limit: PAGE }, safetyDays);
      next = page.nextCursor;
      rows = page.items.length;
    });
    const cursor = next;
    const n = cursor ? await timed(Math.max(1, Math.floor(repeats / 2)), () => getSkuRows(pool, { q, sort, limit: PAGE, cursor }, safetyDays)) : [];
    firstPage.push({ sort, q, medianMs: median(t), maxMs: Math.max(...t), nextMs: n.length ? median(n) : 0, rows });
    log(
      `    ${(q ? `"${q}" ` : "").concat(sort).padEnd(38)} first page median ${median(t).toFixed(0)} ms (max ${Math.max(...t).toFixed(0)}), next page ${n.length ? `${median(n).toFixed(0)} ms` : "—"}`,
    );
  }
  const ids = (await pool.query<{ id: number }>("SELECT id FROM sku ORDER BY id LIMIT $1", [PAGE])).rows.map((r) => r.id);
  const bare = await timed(repeats, () => pool.query("SELECT id, code, name, tags FROM sku LIMIT $1", [PAGE]));
  const count = await timed(repeats, () => pool.query("SELECT count(*) FROM sku"));
  const byIds = await timed(repeats, () => getSkuRowsByIds(pool, ids, safetyDays));
  return { skus, repeats, firstPage, ceiling: { bareLimitMs: median(bare), countMs: median(count), rowsByIdsMs: median(byIds) } };
}
