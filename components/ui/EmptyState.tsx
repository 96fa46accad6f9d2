import type { ReactNode } from "react";

/** A list with nothing in it yet: a round mark, a title and what will appear here (dashed card, centred). */
export function EmptyState(p: { testId: string; title: string; mark?: string; className?: string; children: ReactNode }) {
  return (
    <div data-testid={p.testId} className={`mx-auto rounded-lg border border-dashed border-slate-300 bg-white px-6 text-center ${p.className ?? "my-6 max-w-2xl py-10"}`}>
      <div aria-hidden className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-emerald-50 text-lg text-emerald-600">
        {p.mark ?? "✓"}
      </div>
      <h2 className="text-base font-semibold text-slate-900">{p.title}</h2>
      {typeof p.children === "string" ? <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{p.children}</p> : p.children}
    </div>
  );
}
