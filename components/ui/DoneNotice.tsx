import type { ReactNode } from "react";

const TONES = {
  done: "bg-emerald-50 text-emerald-900 ring-1 ring-emerald-600/20 ring-inset",
  info: "bg-slate-100 text-slate-700",
} as const;

/** What the last action did ("Token revoked."), above the list until dismissed; `role="status"` so it is read out. */
export function DoneNotice(p: { children: ReactNode; onDismiss(): void; testId?: string; tone?: keyof typeof TONES }) {
  return (
    <p role="status" data-testid={p.testId} className={`mb-3 flex items-center gap-3 rounded-md px-3 py-2 text-sm ${TONES[p.tone ?? "done"]}`}>
      {p.children}
      <button type="button" onClick={p.onDismiss} className="ml-auto text-xs font-medium underline">
        Dismiss
      </button>
    </p>
  );
}
