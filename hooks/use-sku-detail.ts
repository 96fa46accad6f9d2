"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { SkuDetail } from "@/client/api/types";

const path = (code: string) => `/api/skus/${encodeURIComponent(code)}`;

/**
 * One SKU's numbers and buckets per location; replaced by `sku:<code>` frames (use-sku-live).
 * `initial` is what the page rendered on the server, so the numbers come with the HTML.
 */
export function useSkuDetail(code: string, initial?: { detail: SkuDetail; fetchedAt: number }) {
  return useQuery({
    queryKey: queryKeys.skuDetail(code),
    queryFn: ({ signal }) => fetchJson<SkuDetail>(path(code), { signal }),
    ...(initial && { initialData: initial.detail, initialDataUpdatedAt: initial.fetchedAt }),
  });
}
