import { type ReactNode, useId } from "react";
import { formatInt } from "@/client/format/numbers";

/** The card above a list that holds its filters (`role="search"`): fields with `FilterField`, chips with `FilterChips`. */
export function FilterBar(p: { label: string; testId?: string; className?: string; children: ReactNode }) {
  return (
    <div role="search" aria-label={p.label} data-testid={p.testId} className={`mb-3 rounded-lg border border-slate-200 bg-white px-3 ${p.className ?? "py-2.5"}`}>
      {p.children}
    </div>
  );
}

const labelCls = "mb-0.5 block text-[11px] font-medium text-slate-500";

/** A filter's small label above its input; `children` gets the id to put on the input. */
export function FilterField(p: { label: string; className?: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className={p.className}>
      <label htmlFor={id} className={labelCls}>
        {p.label}
      </label>
      {p.children(id)}
    </div>
  );
}

export interface FilterChip<V> {
  value: V;
  label: ReactNode;
  /** Shown after the label, dimmed. */
  count?: number;
  /** The text colour of an unpressed chip (`text-rose-700` for Failing). */
  tone?: string;
}

const chip = "rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset";

/** One choice among pill buttons (`aria-pressed`), each with its count: status, health, channel, source, reason. */
export function FilterChips<V extends string | null>(p: {
  /** The group's accessible name, "Filter by status". */
  label: string;
  /** A visible name before the chips ("Source"). */
  legend?: string;
  chips: FilterChip<NoInfer<V>>[];
  value: V;
  onChange(next: V): void;
}) {
  return (
    <div role="group" aria-label={p.label} className="flex flex-wrap items-center gap-1.5">
      {p.legend && <span className="w-14 text-xs text-slate-500">{p.legend}</span>}
      {p.chips.map((c) => {
        const on = p.value === c.value;
        return (
          <button
            key={c.value ?? ""}
            type="button"
            aria-pressed={on}
            data-filter={c.value ?? undefined}
            onClick={() => p.onChange(c.value)}
            className={`${chip} ${on ? "bg-slate-900 text-white ring-slate-900" : `bg-white ring-slate-300 hover:bg-slate-50 ${c.tone ?? "text-slate-700"}`}`}
          >
            {c.label}
            {c.count !== undefined && <span className="tabular-nums opacity-70"> {formatInt(c.count)}</span>}
          </button>
        );
      })}
    </div>
  );
}
