"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { StockSummary } from "@/client/api/types";

/** Totals over all SKUs; refetched (throttled) when overview frames arrive, see use-overview-live. */
export function useStockSummary() {
  return useQuery({
    queryKey: queryKeys.summary,
    queryFn: ({ signal }) => fetchJson<StockSummary>("/api/stock/summary", { signal }),
  });
}
