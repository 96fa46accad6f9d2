"use client";

import { useEffect } from "react";
import { ApiError } from "@/client/api/fetch-json";
import { InlineError } from "@/components/ui/InlineError";
import { useDeleteRule } from "@/hooks/use-delete-rule";
import { useSaveRule } from "@/hooks/use-save-rule";
import { changedRule, changeText, undoneText, type LastChange } from "./last-change";
import { diffRules, recreateBody } from "./rule-form";

/**
 * "Saved · Undo" for the last change made here. Undo applies the inverse with the version the change
 * left, so it is refused rather than overwriting someone who changed the rule since.
 */
export function UndoStrip({ change, onUndone, onDismiss }: { change: LastChange; onUndone(message: string): void; onDismiss(): void }) {
  const rule = changedRule(change);
  const what = changeText(change);
  const save = useSaveRule(() => onUndone(undoneText(change)));
  const del = useDeleteRule(() => onUndone(undoneText(change)));
  const pending = save.isPending || del.isPending;
  const error = save.error ?? del.error;
  const conflict = error instanceof ApiError && (error.code === "stale_version" || error.status === 404);
  const { reset: resetSave } = save;
  const { reset: resetDel } = del;
  // A newer change replaces the one offered: its undo starts clean.
  useEffect(() => {
    resetSave();
    resetDel();
  }, [change, resetSave, resetDel]);

  const undo = () => {
    if (change.kind === "created") del.mutate(change.rule);
    else if (change.kind === "deleted") save.mutate({ kind: "create", body: recreateBody(change.rule) });
    else save.mutate({ kind: "update", id: change.after.id, body: { version: change.after.version, ...diffRules(change.after, change.before) } });
  };

  return (
    <div
      role="status"
      data-testid="rule-undo-strip"
      data-kind={change.kind}
      data-id={rule.id}
      className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-600/20 ring-inset"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          {what}{" "}
          <span aria-hidden className="text-emerald-700/60">
            ·
          </span>
        </span>
        <button
          type="button"
          data-testid="rule-undo"
          onClick={undo}
          disabled={pending || conflict}
          className="rounded-md bg-white px-2.5 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-600/30 hover:bg-emerald-100 disabled:opacity-60"
        >
          {pending ? "Undoing…" : "Undo"}
        </button>
        <button type="button" onClick={onDismiss} className="ml-auto text-xs font-medium underline">
          Dismiss
        </button>
      </div>
      {conflict ? (
        <p role="alert" data-testid="undo-conflict" className="mt-1 text-xs text-amber-800">
          {error.status === 404 ? "This rule was deleted since; nothing to undo." : "Someone changed this rule since; undoing would overwrite their change, so nothing was undone."}
        </p>
      ) : (
        <InlineError error={error} testId="undo-error" className="mt-1" />
      )}
    </div>
  );
}
