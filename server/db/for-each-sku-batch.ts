import "server-only";

/**
 * Each SKU's rows handed to `each` one SKU at a time (in `skuIds` order, [] for a SKU with none),
 * read `size` SKUs per query so memory holds two batches (the one handed over, the next being
 * read), not every SKU's. The next batch is read while this one is handed over, so Postgres and the
 * caller's work overlap; its failure is thrown in its turn, never left unhandled.
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
    for (const [id, items] of bySku) each(id, items);
  }
}
