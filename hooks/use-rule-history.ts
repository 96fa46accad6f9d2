"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { pollUnlessRefused } from "@/client/api/polled-query";
import { queryKeys } from "@/client/api/query-keys";
import type { AuditEntryView } from "@/client/api/types";
import { AUDIT_POLL_MS } from "./use-audit-log";

export const RULE_HISTORY_LIMIT = 200;

/** One channel's rule changes (GET /api/rules/history: open to everyone who reads the rules). */
export function useRuleHistory(channel: string) {
  return useQuery({
    queryKey: [...queryKeys.ruleHistory, channel],
    queryFn: ({ signal }) => fetchJson<{ entries: AuditEntryView[] }>(`/api/rules/history?${new URLSearchParams({ channel, limit: String(RULE_HISTORY_LIMIT) })}`, { signal }),
    refetchInterval: pollUnlessRefused(AUDIT_POLL_MS),
  });
}
