"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { coverageUrl, type CoverageResponse } from "@/lib/reconciliation/coverage-types";

/** Count coverage (`GET /api/counts/coverage`), for one location or all; refreshed every minute (counts land all day). */
export function useCountCoverage(location: string | null) {
  return useQuery({
    queryKey: ["counts", "coverage", location ?? ""] as const,
    queryFn: ({ signal }) => fetchJson<CoverageResponse>(coverageUrl({ location }), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
