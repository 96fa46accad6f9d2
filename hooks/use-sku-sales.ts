"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { SalesDays } from "@/client/api/types";

export const SALES_DAYS = 60;

/** Units sold per day over 60 days, for the velocity chart. */
export function useSkuSales(code: string) {
  return useQuery({
    queryKey: queryKeys.skuSales(code),
    queryFn: ({ signal }) => fetchJson<SalesDays>(`/api/skus/${encodeURIComponent(code)}/sales?days=${SALES_DAYS}`, { signal }),
  });
}
