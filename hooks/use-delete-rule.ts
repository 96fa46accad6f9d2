"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { Rule, RuleDeleted, RulesResponse } from "@/client/api/types";
import { isConflict, refreshAfterRuleChange } from "./use-save-rule";

/** `DELETE /api/rules/<id>?version=` with the version read; the rule itself comes back to `onDeleted` for undo. */
export function useDeleteRule(onDeleted?: (rule: Rule) => void) {
  const qc = useQueryClient();
  return useMutation<RuleDeleted, unknown, Rule>({
    mutationFn: (rule) => fetchJson<RuleDeleted>(`/api/rules/${encodeURIComponent(rule.id)}?${new URLSearchParams({ version: String(rule.version) })}`, { method: "DELETE" }),
    // Someone else changed or removed it: the list on screen is out of date.
    onError: (err) => {
      if (isConflict(err)) void qc.invalidateQueries({ queryKey: queryKeys.rulesAll });
    },
    onSuccess: async (_, rule) => {
      // The row leaves at once rather than after the refetch.
      qc.setQueryData<RulesResponse>(queryKeys.rules(rule.channel), (old) => old && { ...old, rules: old.rules.filter((r) => r.id !== rule.id) });
      onDeleted?.(rule);
      await refreshAfterRuleChange(qc);
    },
  });
}
