"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import type { SkuPage, SkuSort } from "@/components/api/types";

export const SKU_PAGE_SIZE = 100;

/** The stock list, searched and sorted server-side, paged by cursor. Live frames patch this cache. */
export function useSkuList(q: string, sort: SkuSort) {
  return useInfiniteQuery({
    queryKey: queryKeys.skuList(q, sort),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ sort, limit: String(SKU_PAGE_SIZE) });
      if (q) params.set("q", q);
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<SkuPage>(`/api/skus?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Typing a search keeps the previous rows on screen until the new answer arrives.
    placeholderData: keepPreviousData,
  });
}
