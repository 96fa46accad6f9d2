"use client";

import { useId } from "react";
import { inputCls } from "@/components/ui/form-styles";
import { actionLabel, groupActions, subjectLabel } from "./audit-labels";
import { hasFilters, NO_FILTERS, type AuditFilters as Filters } from "./audit-filters";

const label = "mb-0.5 block text-[11px] font-medium text-slate-500";

/** Who, what, on what and when. Text filters match any part (case-insensitive); dates are whole local days. */
export function AuditFilters({ value, actions, onChange }: { value: Filters; actions: string[]; onChange(next: Filters): void }) {
  const id = useId();
  const set = (k: keyof Filters, v: string) => onChange({ ...value, [k]: v });
  const groups = groupActions(actions);
  // An action from the URL that was never recorded still shows (and can be cleared).
  const known = value.action === "" || actions.includes(value.action) || groups.some((g) => g.subject === value.action);

  return (
    <div role="search" aria-label="Filter the audit log" data-testid="audit-filters" className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <div className="w-48">
        <label htmlFor={`${id}-actor`} className={label}>
          Who
        </label>
        <input
          id={`${id}-actor`}
          data-testid="filter-actor"
          type="search"
          className={inputCls}
          value={value.actor}
          onChange={(e) => set("actor", e.target.value)}
          placeholder="email, token:name, system"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
        />
      </div>
      <div className="w-56">
        <label htmlFor={`${id}-action`} className={label}>
          Action
        </label>
        <select id={`${id}-action`} data-testid="filter-action" className={inputCls} value={value.action} onChange={(e) => set("action", e.target.value)}>
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
      </div>
      <div className="w-56">
        <label htmlFor={`${id}-target`} className={label}>
          Target
        </label>
        <input
          id={`${id}-target`}
          data-testid="filter-target"
          type="search"
          className={inputCls}
          value={value.target}
          onChange={(e) => set("target", e.target.value)}
          placeholder="channel, SKU, email, source:…"
          autoComplete="off"
          spellCheck={false}
          maxLength={300}
        />
      </div>
      <div>
        <label htmlFor={`${id}-from`} className={label}>
          From
        </label>
        <input id={`${id}-from`} data-testid="filter-from" type="date" className={`${inputCls} w-36`} value={value.from} max={value.to || undefined} onChange={(e) => set("from", e.target.value)} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={label}>
          To
        </label>
        <input id={`${id}-to`} data-testid="filter-to" type="date" className={`${inputCls} w-36`} value={value.to} min={value.from || undefined} onChange={(e) => set("to", e.target.value)} />
      </div>
      {hasFilters(value) && (
        <button type="button" data-testid="clear-filters" onClick={() => onChange(NO_FILTERS)} className="h-8 rounded-md px-2 text-xs font-medium text-slate-600 underline hover:text-slate-900">
          Clear filters
        </button>
      )}
    </div>
  );
}
