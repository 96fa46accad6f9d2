"use client";

import type { RejectionGroup } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";

const chip = "rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";
const chipOn = "bg-slate-900 text-white ring-slate-900";
const chipOff = "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50";

function tally(groups: RejectionGroup[], key: "source" | "code", where: (g: RejectionGroup) => boolean, selected: string | null) {
  const m = new Map<string, number>();
  for (const g of groups) {
    const k = g[key];
    if (k === null || !where(g)) continue;
    m.set(k, (m.get(k) ?? 0) + g.count);
  }
  // The selected value stays visible (with 0) so it can be cleared even when nothing is open for it.
  if (selected && !m.has(selected)) m.set(selected, 0);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function Row({ label, items, selected, onSelect, mono }: { label: string; items: [string, number][]; selected: string | null; onSelect(v: string | null): void; mono?: boolean }) {
  return (
    <div role="group" aria-label={`Filter by ${label.toLowerCase()}`} className="flex flex-wrap items-center gap-1.5">
      <span className="w-14 text-xs text-slate-500">{label}</span>
      <button type="button" aria-pressed={selected === null} onClick={() => onSelect(null)} className={`${chip} ${selected === null ? chipOn : chipOff}`}>
        All
      </button>
      {items.map(([v, n]) => (
        <button key={v} type="button" aria-pressed={selected === v} data-filter={v} onClick={() => onSelect(selected === v ? null : v)} className={`${chip} ${selected === v ? chipOn : chipOff}`}>
          <span className={mono ? "font-mono" : ""}>{v}</span> <span className="tabular-nums opacity-70">{formatInt(n)}</span>
        </button>
      ))}
    </div>
  );
}

/** Chips by source and by reason, counted from the groups (open in the last 7 days: not yet re-submitted, or rejected again). */
export function RejectionFilters({
  groups,
  source,
  code,
  onChange,
}: {
  groups: RejectionGroup[];
  source: string | null;
  code: string | null;
  onChange(next: { source: string | null; code: string | null }): void;
}) {
  const sources = tally(groups, "source", (g) => !code || g.code === code, source);
  const codes = tally(groups, "code", (g) => !source || g.source === source, code);
  return (
    <div className="space-y-1.5" data-testid="rejection-filters">
      <Row label="Source" items={sources} selected={source} onSelect={(s) => onChange({ source: s, code })} mono />
      <Row label="Reason" items={codes} selected={code} onSelect={(c) => onChange({ source, code: c })} mono />
    </div>
  );
}
