import { type ReactNode, useId } from "react";

/**
 * An empty screen that explains how to fill it (the first SKU, source, token, destination): a dashed
 * card with a title, what the thing is, then the steps (`children`). A list with nothing to explain
 * uses `EmptyState`.
 */
export function SetupGuide(p: { testId: string; title: string; intro: ReactNode; wide?: boolean; children: ReactNode }) {
  const titleId = useId();
  return (
    <section data-testid={p.testId} aria-labelledby={titleId} className={`mx-auto my-6 ${p.wide ? "max-w-4xl" : "max-w-2xl"} rounded-lg border border-dashed border-slate-300 bg-white p-6 sm:p-8`}>
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {p.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{p.intro}</p>
      {p.children}
    </section>
  );
}
