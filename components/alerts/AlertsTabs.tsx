"use client";

import Link from "next/link";

const TABS = [
  { href: "/alerts", label: "Alerts", key: "alerts" },
  { href: "/alerts/settings", label: "Settings", key: "settings", hint: "thresholds and durations" },
] as const;

/**
 * The alerts and when they open are one subject: two tabs under one header link ("Alerts"), as
 * Counts and Coverage are, which keeps an admin's header to one row at 1280 px.
 */
export function AlertsTabs({ current }: { current: "alerts" | "settings" }) {
  return (
    <nav aria-label="Alerts" className="mb-4 flex gap-1 border-b border-slate-200" data-testid="alerts-tabs">
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
