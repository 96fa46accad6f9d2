"use client";

import { useEffect, useRef } from "react";
import { outcomeText, type CountOutcome } from "./count-outcome";

const SHOW_MS = 8_000;

/** A short-lived confirmation at the bottom of the screen after a count is recorded. */
export function CountToast({ outcome, onDone }: { outcome: CountOutcome; onDone(): void }) {
  // The page re-renders on every live frame: only a new outcome restarts the timer.
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    const t = setTimeout(() => done.current(), SHOW_MS);
    return () => clearTimeout(t);
  }, [outcome]);
  const { title, detail } = outcomeText(outcome);
  return (
    <div
      role="status"
      data-testid="count-toast"
      data-status={outcome.result.status}
      className="fixed right-4 bottom-4 z-50 flex max-w-sm items-start gap-3 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 shadow-lg ring-1 ring-emerald-600/20 ring-inset"
    >
      <span aria-hidden className="mt-px grid size-5 shrink-0 place-items-center rounded-full bg-emerald-100 text-xs font-semibold text-emerald-700">
        ✓
      </span>
      <div className="min-w-0 flex-1">
        <p className="font-medium">{title}</p>
        <p className="mt-0.5 text-xs opacity-80">{detail}</p>
      </div>
      <button type="button" onClick={onDone} aria-label="Dismiss" className="-mt-0.5 rounded px-1 text-xs opacity-70 hover:opacity-100">
        ✕
      </button>
    </div>
  );
}
