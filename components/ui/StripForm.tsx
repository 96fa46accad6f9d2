"use client";

import type { FormEventHandler, KeyboardEvent, ReactNode } from "react";

/**
 * Esc inside a strip under a row backs out of it, and only of it: the event stops here, so a
 * surrounding dialog or page does not close as well.
 */
export function cancelOnEscape(onCancel: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.stopPropagation();
    onCancel();
  };
}

/**
 * A small form in place under a row (rotate a token or secret, reset a password): grey box, Esc
 * cancels. The fields and the `StripActions` are the caller's, laid out by `className`.
 */
export function StripForm(p: { testId: string; label?: string; onSubmit: FormEventHandler<HTMLFormElement>; onCancel(): void; className: string; children: ReactNode }) {
  return (
    <form
      data-testid={p.testId}
      aria-label={p.label}
      noValidate
      onSubmit={p.onSubmit}
      onKeyDown={cancelOnEscape(p.onCancel)}
      className={`rounded-md border border-slate-200 bg-slate-50/70 p-3 ${p.className}`}
    >
      {p.children}
    </form>
  );
}

/** The strip's submit (its label while pending) and Cancel. */
export function StripActions(p: { submit: string; pendingLabel: string; pending: boolean; onCancel(): void; className?: string }) {
  return (
    <div className={`flex items-center gap-2 ${p.className ?? ""}`}>
      <button type="submit" disabled={p.pending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-medium whitespace-nowrap text-white hover:bg-slate-700 disabled:opacity-60">
        {p.pending ? p.pendingLabel : p.submit}
      </button>
      <button type="button" onClick={p.onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
        Cancel
      </button>
    </div>
  );
}
