"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { LagResponse } from "@/client/api/types";
import { useConnectionStatus } from "@/components/live/LiveProvider";

/** Ingest lag over 5 minutes: fetched once, then pushed by overview lag frames; polled while offline (not once signed out: it would only get 401s). */
export function useIngestLag() {
  const status = useConnectionStatus();
  return useQuery({
    queryKey: queryKeys.lag,
    queryFn: ({ signal }) => fetchJson<LagResponse>("/api/metrics/lag?window=5m", { signal }),
    refetchInterval: status === "live" || status === "signed-out" ? false : 15_000,
  });
}
