"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { SkuEventsPage } from "@/client/api/types";

export const EVENTS_PAGE_SIZE = 25;

/** The SKU's ledger, newest first; "older" pages back by sequence. Invalidated by live frames. */
export function useSkuEvents(code: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.skuEvents(code),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(EVENTS_PAGE_SIZE) });
      if (pageParam) params.set("before", pageParam);
      return fetchJson<SkuEventsPage>(`/api/skus/${encodeURIComponent(code)}/events?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}
