"use client";

import { FilterField } from "@/components/ui/FilterBar";
import { inputCls } from "@/components/ui/form-styles";
import { TextInput } from "@/components/ui/TextInput";
import { actionLabel, groupActions, subjectLabel } from "./audit-labels";
import { hasFilters, NO_FILTERS, type AuditFilters as Filters } from "./audit-filters";

/** Who, what, on what and when. Text filters match any part (case-insensitive); dates are whole local days. */
export function AuditFilters({ value, actions, onChange }: { value: Filters; actions: string[]; onChange(next: Filters): void }) {
  const set = (k: keyof Filters, v: string) => onChange({ ...value, [k]: v });
  const groups = groupActions(actions);
  // An action from the URL that was never recorded still shows (and can be cleared).
  const known = value.action === "" || actions.includes(value.action) || groups.some((g) => g.subject === value.action);
  const text = (k: "actor" | "target", placeholder: string, maxLength: number) => (id: string) => (
    <TextInput id={id} data-testid={`filter-${k}`} type="search" value={value[k]} onChange={(e) => set(k, e.target.value)} placeholder={placeholder} maxLength={maxLength} />
  );

  return (
    <div data-testid="audit-filters" className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <FilterField label="Who" className="w-48">
        {text("actor", "email, token:name, system", 200)}
      </FilterField>
      <FilterField label="Action" className="w-56">
        {(id) => (
          <select id={id} data-testid="filter-action" className={inputCls} value={value.action} onChange={(e) => set("action", e.target.value)}>
            <option value="">All actions</option>
            {!known && <option value={value.action}>{actionLabel(value.action)}</option>}
            {groups.map((g) => (
              <optgroup key={g.subject} label={subjectLabel(g.subject)}>
                <option value={g.subject}>{subjectLabel(g.subject)}: any action</option>
                {g.actions.map((a) => (
                  <option key={a} value={a}>
                    {actionLabel(a)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField label="Target" className="w-56">
        {text("target", "channel, SKU, email, source:…", 300)}
      </FilterField>
      <FilterField label="From">
        {(id) => <input id={id} data-testid="filter-from" type="date" className={`${inputCls} w-36`} value={value.from} max={value.to || undefined} onChange={(e) => set("from", e.target.value)} />}
      </FilterField>
      <FilterField label="To">
        {(id) => <input id={id} data-testid="filter-to" type="date" className={`${inputCls} w-36`} value={value.to} min={value.from || undefined} onChange={(e) => set("to", e.target.value)} />}
      </FilterField>
      {hasFilters(value) && (
        <button type="button" data-testid="clear-filters" onClick={() => onChange(NO_FILTERS)} className="h-8 rounded-md px-2 text-xs font-medium text-slate-600 underline hover:text-slate-900">
          Clear filters
        </button>
      )}
    </div>
  );
}
