"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, isRetryable } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import type { AuditPage } from "@/components/api/types";
import { AUDIT_POLL_MS } from "./use-audit-log";

/** Rule changes read at once; the panel filters them by channel (the audit target is `rule:<id>`, not the channel). */
export const RULE_HISTORY_LIMIT = 200;

/** The latest rule changes on every channel (managers and above: the audit log's permission). */
export function useRuleHistory(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.ruleHistory,
    queryFn: ({ signal }) => fetchJson<AuditPage>(`/api/audit?${new URLSearchParams({ action: "rule", limit: String(RULE_HISTORY_LIMIT) })}`, { signal }),
    enabled,
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : AUDIT_POLL_MS),
  });
}
