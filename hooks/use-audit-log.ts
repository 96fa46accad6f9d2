"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { pollUnlessRefused } from "@/client/api/polled-query";
import { queryKeys } from "@/client/api/query-keys";
import type { AuditPage } from "@/client/api/types";
import { toSearchParams, type AuditFilters } from "@/components/audit/audit-filters";

export const AUDIT_PAGE_SIZE = 50;
/** Changes are not pushed live; polling picks up new entries (and re-reads loaded pages). */
export const AUDIT_POLL_MS = 15_000;

/** The audit log, newest first, filtered; "Load more" pages by cursor. */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    queryFn: ({ pageParam, signal }) => {
      const params = toSearchParams(filters);
      params.set("limit", String(AUDIT_PAGE_SIZE));
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<AuditPage>(`/api/audit?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: pollUnlessRefused(AUDIT_POLL_MS),
  });
}
