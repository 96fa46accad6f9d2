"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { pollUnlessRefused } from "@/client/api/polled-query";
import { queryKeys } from "@/client/api/query-keys";
import type { RulesResponse } from "@/client/api/types";

/** Rules are not pushed live: a colleague's edit shows up within this. */
export const RULES_POLL_MS = 30_000;

/** One channel's rules: default, tag rules (oldest first), SKU overrides (by SKU). */
export function useRules(channel: string | null) {
  return useQuery({
    queryKey: queryKeys.rules(channel ?? ""),
    queryFn: ({ signal }) => fetchJson<RulesResponse>(`/api/rules?${new URLSearchParams({ channel: channel! })}`, { signal }),
    enabled: channel !== null,
    refetchInterval: pollUnlessRefused(RULES_POLL_MS),
  });
}
