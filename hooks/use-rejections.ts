"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { RejectionsPage } from "@/client/api/types";

export const REJECTIONS_PAGE_SIZE = 50;

/** The rejected log, newest first, filtered by source and reason; "Load more" pages by cursor. */
export function useRejections(source: string | null, code: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.rejections(source, code),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(REJECTIONS_PAGE_SIZE) });
      if (source) params.set("source", source);
      if (code) params.set("code", code);
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<RejectionsPage>(`/api/rejections?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
