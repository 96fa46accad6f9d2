"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { PERIOD_PRESETS, type Period } from "@/lib/reconciliation/screen-format";

const seg = "px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-500 first:rounded-l-md last:rounded-r-md";
const on = "bg-slate-900 text-white";
const off = "bg-white text-slate-700 hover:bg-slate-50";
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Last 7 / 30 / 90 days, or a custom from–to (whole UTC days, both included). */
export function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const [custom, setCustom] = useState(period.kind === "custom");
  const { register, handleSubmit, watch } = useForm<{ from: string; to: string }>({
    defaultValues: { from: period.kind === "custom" ? period.from : "", to: period.kind === "custom" ? period.to : todayUtc() },
  });
  const [from, to] = watch(["from", "to"]);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="period-picker">
      <div role="group" aria-label="Period" className="inline-flex divide-x divide-slate-300 rounded-md border border-slate-300">
        {PERIOD_PRESETS.map((d) => {
          const active = !custom && period.kind === "preset" && String(period.days) === d;
          return (
            <button
              key={d}
              type="button"
              aria-pressed={active}
              className={`${seg} ${active ? on : off}`}
              onClick={() => {
                setCustom(false);
                onChange({ kind: "preset", days: Number(d) as 7 | 30 | 90 });
              }}
            >
              {d} days
            </button>
          );
        })}
        <button type="button" aria-pressed={custom} className={`${seg} ${custom ? on : off}`} onClick={() => setCustom(true)}>
          Custom
        </button>
      </div>
      {custom && (
        <form
          className="flex flex-wrap items-center gap-1.5 text-sm"
          onSubmit={(e) => void handleSubmit((d) => valid && onChange(d.from <= d.to ? { kind: "custom", from: d.from, to: d.to } : { kind: "custom", from: d.to, to: d.from }))(e)}
        >
          <label className="flex items-center gap-1 text-slate-600">
            From
            <input type="date" required {...register("from")} max={to || undefined} className="rounded-md border border-slate-300 px-1.5 py-0.5 text-slate-900" data-testid="period-from" />
          </label>
          <label className="flex items-center gap-1 text-slate-600">
            to
            <input type="date" required {...register("to")} min={from || undefined} className="rounded-md border border-slate-300 px-1.5 py-0.5 text-slate-900" data-testid="period-to" />
          </label>
          <button type="submit" disabled={!valid} className="rounded-md bg-slate-900 px-2.5 py-1 font-medium text-white hover:bg-slate-700 disabled:opacity-50">
            Apply
          </button>
        </form>
      )}
    </div>
  );
}
