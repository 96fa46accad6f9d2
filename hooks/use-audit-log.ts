"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiUrl } from "@/client/api/api-url";
import { cursorPages } from "@/client/api/cursor-pages";
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
    ...cursorPages<AuditPage>(queryKeys.audit(filters), (cursor) => apiUrl("/api/audit", { ...Object.fromEntries(toSearchParams(filters)), limit: String(AUDIT_PAGE_SIZE), cursor })),
    placeholderData: keepPreviousData,
    refetchInterval: pollUnlessRefused(AUDIT_POLL_MS),
  });
}
