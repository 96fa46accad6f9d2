"use client";

import Link from "next/link";

export interface PageTab {
  href: string;
  label: string;
  key: string;
  /** A few words after the label from the small breakpoint up. */
  hint?: string;
}

/**
 * Pages that are one job share one header link and sit as tabs under it (Counts · Coverage,
 * Alerts · Settings), which also keeps an admin's header to one row at 1280 px.
 */
export function PageTabs({ label, tabs, current, testId }: { label: string; tabs: readonly PageTab[]; current: string; testId: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 border-b border-slate-200" data-testid={testId}>
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={current === t.key ? "page" : undefined}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:border-slate-900 aria-[current=page]:text-slate-900"
        >
          {t.label}
          {t.hint && <span className="ml-1 hidden font-normal text-slate-400 sm:inline">· {t.hint}</span>}
        </Link>
      ))}
    </nav>
  );
}
