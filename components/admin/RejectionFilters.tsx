"use client";

import type { RejectionGroup } from "@/client/api/types";
import { type FilterChip, FilterChips } from "@/components/ui/FilterBar";

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
  const chips: FilterChip<string | null>[] = [{ value: null, label: "All" }, ...items.map(([v, n]) => ({ value: v, label: <span className={mono ? "font-mono" : ""}>{v}</span>, count: n }))];
  // Pressing the selected chip again clears it.
  return <FilterChips label={`Filter by ${label.toLowerCase()}`} legend={label} chips={chips} value={selected} onChange={(v) => onSelect(v === selected ? null : v)} />;
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
