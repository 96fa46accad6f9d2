"use client";

import { ApiError } from "@/client/api/fetch-json";
import type { Rule } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { ConfirmStrip } from "@/components/ui/ConfirmStrip";
import { InlineError } from "@/components/ui/InlineError";
import { useDeleteRule } from "@/hooks/use-delete-rule";
import { useRulePreview } from "@/hooks/use-rule-preview";
import { scopePhrase } from "./rule-labels";
import { WithheldLine } from "./RulePreviewPanel";

/** Delete, under the rule's row, with what it would change first; its fields are inherited again. */
export function RuleDeleteConfirm({ rule, onDone, onCancel }: { rule: Rule; onDone(rule: Rule): void; onCancel(): void }) {
  const del = useDeleteRule(onDone);
  const preview = useRulePreview({ id: rule.id, delete: true });
  const p = preview.data;
  const stale = del.error instanceof ApiError && del.error.code === "stale_version";
  return (
    <div className="space-y-1.5">
      <ConfirmStrip
        label={`Delete ${scopePhrase(rule)}`}
        tone="rose"
        testId="rule-delete-confirm"
        confirm="Delete rule"
        pendingLabel="Deleting…"
        pending={del.isPending}
        onConfirm={() => del.mutate(rule)}
        onCancel={onCancel}
      >
        <p>
          Delete {scopePhrase(rule)}? The fields it sets are inherited again
          {rule.sku ? " from tag rules and the channel default" : rule.tag ? " from other tag rules and the channel default" : " (not set: 0, and max shown no limit)"}. You can undo right after.
        </p>
        <p className="mt-1" data-testid="delete-preview" aria-busy={preview.waiting}>
          {preview.error && !p ? (
            <span className="text-rose-700">Preview unavailable.</span>
          ) : !p ? (
            <span className="text-slate-500">Working out what changes…</span>
          ) : (
            <>
              <strong className="tabular-nums" data-testid="delete-preview-changed" data-count={p.changed}>
                {formatInt(p.changed)}
              </strong>{" "}
              number{p.changed === 1 ? "" : "s"} change · units withheld <WithheldLine p={p} testId="delete-preview-withheld" />
            </>
          )}
        </p>
      </ConfirmStrip>
      {stale ? (
        <p role="alert" data-testid="rule-stale" className="text-xs text-amber-800">
          Someone changed this rule meanwhile; nothing was deleted. The list is reloading: check it, then delete again.
        </p>
      ) : (
        <InlineError error={del.error} testId="rule-error" />
      )}
    </div>
  );
}
