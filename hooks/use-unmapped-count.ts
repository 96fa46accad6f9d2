"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { UnmappedResponse } from "@/client/api/types";

/** How many events are parked for unmapped listings (the header badge): one listing row and a count. */
export function useUnmappedCount() {
  return useQuery({
    queryKey: queryKeys.unmappedCount,
    queryFn: ({ signal }) => fetchJson<UnmappedResponse>("/api/unmapped?limit=1", { signal }),
    select: (d) => d.totalEvents,
    refetchInterval: 60_000,
  });
}
