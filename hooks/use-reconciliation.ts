"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { ReconciliationLines, ReconciliationMatrix, ReconciliationSummary, ReconciliationTrend } from "@/lib/contracts/reconciliation";
import { periodRange, periodSearch, type Period } from "@/lib/reconciliation/screen-format";

export const LINES_PAGE_SIZE = 50;
export const TREND_WEEKS = 12;

/**
 * The location × aging matrix (`GET /api/reconciliation`). A preset's range ends when it is fetched,
 * so a refetch after a live count includes it; the previous matrix stays on screen while a new period loads.
 */
export function useReconciliationMatrix(period: Period) {
  return useQuery({
    queryKey: queryKeys.reconciliation(new URLSearchParams(periodSearch(period)).toString() || "days=30"),
    queryFn: ({ signal }) => fetchJson<ReconciliationMatrix>(`/api/reconciliation?${new URLSearchParams(periodRange(period, Date.now()))}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One cell's (or a row's, or every) counted line, largest |value| first, paged by the API's cursor. */
export function useReconciliationLines(range: { from: string; to: string } | null, location: string | null, bucket: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.reconciliationLines(range?.from ?? "", range?.to ?? "", location, bucket),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ from: range!.from, to: range!.to, limit: String(LINES_PAGE_SIZE) });
      if (location) params.set("location", location);
      if (bucket) params.set("bucket", bucket);
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<ReconciliationLines>(`/api/reconciliation/lines?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: range !== null,
  });
}

/** Weekly variance rate and accuracy, oldest week first (`GET /api/reconciliation/trend`). */
export function useReconciliationTrend(weeks = TREND_WEEKS) {
  return useQuery({
    queryKey: queryKeys.reconciliationTrend(weeks),
    queryFn: ({ signal }) => fetchJson<ReconciliationTrend>(`/api/reconciliation/trend?weeks=${weeks}`, { signal }),
  });
}

/** The dashboard tile: the last 30 days; overview frames' `reconciliation` replace it (use-overview-live). */
export function useReconciliationSummary() {
  return useQuery({
    queryKey: queryKeys.reconciliationSummary,
    queryFn: ({ signal }) => fetchJson<ReconciliationSummary>("/api/reconciliation/summary", { signal }),
  });
}
