"use client";

import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import { sendJson } from "@/client/api/send-json";
import type { CreateRuleBody, Rule, RulesResponse, UpdateRuleBody } from "@/client/api/types";

export type SaveRuleVars = { kind: "create"; body: CreateRuleBody } | { kind: "update"; id: string; body: UpdateRuleBody };

/**
 * A rule change moves published numbers: refresh the rules, every stock list, the summary and every
 * SKU page at once (live frames follow, but the page that made the change should not wait for them).
 */
export const refreshAfterRuleChange = (qc: QueryClient) =>
  Promise.all([
    qc.invalidateQueries({ queryKey: queryKeys.rulesAll }),
    qc.invalidateQueries({ queryKey: queryKeys.skuLists }),
    qc.invalidateQueries({ queryKey: queryKeys.summary }),
    qc.invalidateQueries({ queryKey: queryKeys.skuAll }),
    qc.invalidateQueries({ queryKey: queryKeys.auditAll }),
  ]);

const SCOPE_ORDER = { channel: 0, tag: 1, sku: 2 } as const;

/** The saved rule in its channel's cached list at once (in scope order), so the row does not wait for the refetch. */
function upsertRule(old: RulesResponse | undefined, rule: Rule): RulesResponse | undefined {
  if (!old) return old;
  const rules = old.rules.some((r) => r.id === rule.id) ? old.rules.map((r) => (r.id === rule.id ? rule : r)) : [...old.rules, rule];
  return { ...old, rules: rules.sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope]) };
}

/** 409 (stale version, scope taken) or 404 (deleted meanwhile). */
export const isConflict = (err: unknown) => err instanceof ApiError && (err.status === 409 || err.status === 404);

/** `POST /api/rules` (new scope) or `PATCH /api/rules/<id>` (with the version read). */
export function useSaveRule(onSaved?: (rule: Rule, vars: SaveRuleVars) => void) {
  const qc = useQueryClient();
  return useMutation<Rule, unknown, SaveRuleVars>({
    mutationFn: (v) => (v.kind === "create" ? sendJson<Rule>("POST", "/api/rules", v.body) : sendJson<Rule>("PATCH", `/api/rules/${encodeURIComponent(v.id)}`, v.body)),
    // Someone else changed or removed it: the list on screen is out of date.
    onError: (err) => {
      if (isConflict(err)) void qc.invalidateQueries({ queryKey: queryKeys.rulesAll });
    },
    onSuccess: async (rule, vars) => {
      qc.setQueryData<RulesResponse>(queryKeys.rules(rule.channel), (old) => upsertRule(old, rule));
      onSaved?.(rule, vars);
      await refreshAfterRuleChange(qc);
    },
  });
}
