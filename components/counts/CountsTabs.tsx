"use client";

import Link from "next/link";

const TABS = [
  { href: "/counts", label: "Counts", key: "counts" },
  { href: "/counts/coverage", label: "Coverage", key: "coverage", hint: "what to count next" },
] as const;

/**
 * Counting and what to count next are one job: two tabs under one header link ("Counts"), which
 * also keeps the header to one row at 1280 px for an admin.
 */
export function CountsTabs({ current }: { current: "counts" | "coverage" }) {
  return (
    <nav aria-label="Counts" className="mb-4 flex gap-1 border-b border-slate-200" data-testid="counts-tabs">
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={current === t.key ? "page" : undefined}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:border-slate-900 aria-[current=page]:text-slate-900"
        >
          {t.label}
          {"hint" in t && <span className="ml-1 hidden font-normal text-slate-400 sm:inline">· {t.hint}</span>}
        </Link>
      ))}
    </nav>
  );
}
