"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { SourcesResponse } from "@/client/api/types";

export const SOURCES_POLL_MS = 10_000;

/** Registered connector sources with their secrets and health; health is polled (no live frames carry it). */
export function useSources() {
  return useQuery({
    queryKey: queryKeys.sources,
    queryFn: ({ signal }) => fetchJson<SourcesResponse>("/api/sources", { signal }),
    refetchInterval: SOURCES_POLL_MS,
  });
}
