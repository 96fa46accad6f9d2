"use client";

import { shiftWeek } from "@/lib/time/iso-week";

/** Previous / next and a list of recent weeks. Weeks are labels ("2026-W48"): stepping them is the same in every zone. */
export function WeekPicker({ week, latest, onChange, count = 26 }: { week: string; latest: string; onChange: (week: string) => void; count?: number }) {
  const recent = Array.from({ length: count }, (_, i) => shiftWeek(latest, -i, "UTC"));
  // A week typed into the address that is older than the list is still shown as chosen.
  const options = recent.includes(week) ? recent : [...recent, week].sort().reverse();
  const btn = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <div className="flex items-center gap-1.5" data-testid="week-picker">
      <button type="button" className={btn} onClick={() => onChange(shiftWeek(week, -1, "UTC"))} aria-label="Previous week" data-testid="week-prev">
        ←
      </button>
      <label className="sr-only" htmlFor="scorecard-week">
        Week
      </label>
      <select
        id="scorecard-week"
        data-testid="week-select"
        value={week}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm tabular-nums text-slate-900"
      >
        {options.map((w) => (
          <option key={w} value={w}>
            {w}
            {w === latest ? " (last complete)" : ""}
          </option>
        ))}
      </select>
      <button type="button" className={btn} onClick={() => onChange(shiftWeek(week, 1, "UTC"))} disabled={week >= latest} aria-label="Next week" data-testid="week-next">
        →
      </button>
    </div>
  );
}
