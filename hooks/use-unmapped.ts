"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { UnmappedResponse } from "@/client/api/types";

export const UNMAPPED_LIMIT = 500;

/** Listings that events named but the catalogue does not map, most parked events first; optionally one channel. */
export function useUnmapped(channel: string | null) {
  return useQuery({
    queryKey: queryKeys.unmapped(channel),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: String(UNMAPPED_LIMIT) });
      if (channel) params.set("channel", channel);
      return fetchJson<UnmappedResponse>(`/api/unmapped?${params}`, { signal });
    },
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}
