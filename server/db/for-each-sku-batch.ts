import "server-only";
import { performance } from "node:perf_hooks";

/**
 * Longest run of handing over SKUs before the event loop gets a turn. Folding a batch's SKUs in one
 * go held it 20–50 ms at a time, and requests, commits and pushes of the same process waited behind
 * it: the scorecard warmer's pass every 30 s was the burst in (g)'s lag (docs/PERFORMANCE.md, "The tail
 * of (g)").
 */
export const SLICE_MS = 5;

/**
 * Each SKU's rows handed to `each` one SKU at a time (in `skuIds` order, [] for a SKU with none),
 * read `size` SKUs per query so memory holds two batches (the one handed over, the next being
 * read), not every SKU's. The next batch is read while this one is handed over, so Postgres and the
 * caller's work overlap; its failure is thrown in its turn, never left unhandled. Every SLICE_MS of
 * handing over, the event loop runs what is waiting before the next SKU.
 */
export async function forEachSkuBatch<R extends { sku_id: number }, T>(
  skuIds: readonly number[],
  size: number,
  read: (batch: readonly number[]) => Promise<{ rows: R[] }>,
  toItem: (row: R) => T,
  each: (skuId: number, items: T[]) => void,
): Promise<void> {
  const batches: number[][] = [];
  for (let i = 0; i < skuIds.length; i += size) batches.push(skuIds.slice(i, i + size));
  let next = batches.length > 0 ? read(batches[0]) : null;
  for (let b = 0; b < batches.length; b++) {
    const r = await next!;
    next = b + 1 < batches.length ? read(batches[b + 1]) : null;
    next?.catch(() => {});
    const bySku = new Map<number, T[]>(batches[b].map((id) => [id, []]));
    for (const row of r.rows) bySku.get(row.sku_id)?.push(toItem(row));
    let sliceFrom = performance.now();
    for (const [id, items] of bySku) {
      each(id, items);
      if (performance.now() - sliceFrom >= SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceFrom = performance.now();
      }
    }
  }
}
