"use client";

import type { SkuSort } from "@/client/api/types";
import { COVER } from "@/lib/metrics/cover";

const OPTIONS: { value: SkuSort; label: string }[] = [
  { value: "code", label: "SKU code, A to Z" },
  { value: "-code", label: "SKU code, Z to A" },
  { value: "name", label: "Name, A to Z" },
  { value: "-name", label: "Name, Z to A" },
  { value: "availableReal", label: "Available real, lowest first" },
  { value: "-availableReal", label: "Available real, highest first" },
  { value: "daysOfInventory", label: `${COVER.label}, lowest first` },
  { value: "-daysOfInventory", label: `${COVER.label}, highest first` },
  { value: "-velocity", label: "Velocity, highest first" },
  { value: "velocity", label: "Velocity, lowest first" },
];

/** The list's order where the rows are cards (no column headers to click): below xl. */
export function SortSelect({ sort, onSort }: { sort: SkuSort; onSort(s: SkuSort): void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600 tabular:hidden">
      <span className="whitespace-nowrap">Sort by</span>
      <select
        data-testid="sort-select"
        value={sort}
        onChange={(e) => onSort(e.target.value as SkuSort)}
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none"
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
