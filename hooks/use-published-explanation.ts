"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { PublishedExplanation } from "@/client/api/types";

/** How each channel's number for one SKU was reached; fetched when a breakdown opens, fresh for a few seconds. */
export function usePublishedExplanation(code: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.publishedExplanation(code),
    queryFn: ({ signal }) => fetchJson<PublishedExplanation>(`/api/skus/${encodeURIComponent(code)}/published`, { signal }),
    enabled,
    staleTime: 5_000,
  });
}
