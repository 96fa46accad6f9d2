"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, isRetryable } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { RulePreview, RulePreviewBody } from "@/client/api/types";
import { useDebouncedValue } from "./use-debounced-value";

export const PREVIEW_DEBOUNCE_MS = 300;

/**
 * What a candidate rule would change, asked again once typing pauses. Keyed by the body's JSON:
 * a fresh object each render must not restart the debounce. `null` asks nothing (invalid form).
 */
export function useRulePreview(body: RulePreviewBody | null) {
  const json = body ? JSON.stringify(body) : null;
  const settled = useDebouncedValue(json, PREVIEW_DEBOUNCE_MS);
  const q = useQuery({
    queryKey: queryKeys.rulePreview(settled ?? ""),
    queryFn: ({ signal }) => fetchJson<RulePreview>("/api/rules/preview", { method: "POST", headers: { "content-type": "application/json" }, body: settled!, signal }),
    enabled: settled !== null && settled === json,
    placeholderData: keepPreviousData,
    // Stock moves under a preview; an old answer is worth asking again, not keeping long.
    gcTime: 30_000,
    retry: (n, err) => n < 2 && isRetryable(err),
  });
  /** Typing, or the answer shown is for an earlier version of the form. */
  const waiting = json !== null && (json !== settled || q.isPlaceholderData || q.isFetching);
  return { ...q, waiting };
}
