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
  const drift = !outcome.result.trusted;
  return (
    <div
      role="status"
      data-testid="count-toast"
      data-trusted={outcome.result.trusted}
      data-status={outcome.result.status}
      className={`fixed right-4 bottom-4 z-50 flex max-w-sm items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ring-inset ${drift ? "bg-amber-50 text-amber-900 ring-amber-600/25" : "bg-emerald-50 text-emerald-900 ring-emerald-600/20"}`}
    >
      <span aria-hidden className={`mt-px grid size-5 shrink-0 place-items-center rounded-full text-xs font-semibold ${drift ? "bg-amber-100 text-amber-700" : "bg-emerald-100 text-emerald-700"}`}>
        {drift ? "!" : "✓"}
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
