import "server-only";
import type pg from "pg";
import { getAllSkuRows } from "./get-sku-rows";

export interface StockSummary {
  skus: number;
  stockouts: number;
  lowCover: number;
  availableReal: number;
  onHand: number;
  incoming: number;
}

/** Counts for the dashboard's summary bar (GET /api/stock/summary), from the same rows the list shows. */
export async function getStockSummary(pool: pg.Pool, safetyDays: number): Promise<StockSummary> {
  const rows = await getAllSkuRows(pool, {}, safetyDays);
  const sum: StockSummary = { skus: rows.length, stockouts: 0, lowCover: 0, availableReal: 0, onHand: 0, incoming: 0 };
  for (const r of rows) {
    if (r.status === "stockout") sum.stockouts++;
    else if (r.status === "low_cover") sum.lowCover++;
    sum.availableReal += r.availableReal;
    sum.onHand += r.onHand;
    sum.incoming += r.incoming;
  }
  return sum;
}
