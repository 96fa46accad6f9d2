import type { SkuSort } from "./types";

// Query keys in one place, so live frames patch and invalidate exactly what the pages read.
export const queryKeys = {
  skuLists: ["skus", "list"] as const,
  skuList: (q: string, sort: SkuSort) => ["skus", "list", { q, sort }] as const,
  summary: ["skus", "summary"] as const,
  lag: ["metrics", "lag", "5m"] as const,
  sku: (code: string) => ["sku", code] as const,
  skuDetail: (code: string) => ["sku", code, "detail"] as const,
  skuEvents: (code: string) => ["sku", code, "events"] as const,
  skuSales: (code: string) => ["sku", code, "sales"] as const,
};
