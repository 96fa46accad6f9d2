"use client";

import { useState } from "react";

/**
 * Free-text values as removable chips: type and press Enter (or a comma) to add, Backspace in the
 * empty box removes the last one. `suggestions` feed a datalist; `check` refuses a value with a reason.
 */
export function ChipsInput({
  id,
  values,
  onChange,
  suggestions = [],
  placeholder,
  check,
  invalid,
  describedBy,
  what,
}: {
  id: string;
  values: string[];
  onChange(values: string[]): void;
  suggestions?: string[];
  placeholder?: string;
  check?(value: string, values: string[]): string | null;
  invalid?: boolean;
  describedBy?: string;
  /** Names a chip for screen readers ("source"). */
  what: string;
}) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const offered = suggestions.filter((s) => !values.includes(s));

  const add = (raw: string) => {
    const parts = raw
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    if (!parts.length) return false;
    let next = values;
    for (const p of parts) {
      if (next.includes(p)) continue;
      const why = check?.(p, next) ?? null;
      if (why) {
        setProblem(why);
        return false;
      }
      next = [...next, p];
    }
    onChange(next);
    setText("");
    setProblem(null);
    return true;
  };

  return (
    <div>
      <div
        className={`flex min-h-8 flex-wrap items-center gap-1 rounded-md border bg-white px-1.5 py-1 shadow-xs focus-within:border-sky-500 focus-within:ring-2 focus-within:ring-sky-500/20 ${invalid || problem ? "border-rose-400" : "border-slate-300"}`}
      >
        {values.map((v) => (
          <span key={v} data-testid="chip" className="inline-flex items-center gap-0.5 rounded bg-slate-100 py-px pr-0.5 pl-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
            {v}
            <button
              type="button"
              onClick={() => onChange(values.filter((x) => x !== v))}
              aria-label={`Remove ${what} ${v}`}
              className="rounded px-1 text-slate-400 hover:bg-slate-200 hover:text-rose-700"
            >
              ✕
            </button>
          </span>
        ))}
        <input
          id={id}
          value={text}
          list={offered.length ? `${id}-suggestions` : undefined}
          onChange={(e) => {
            const v = e.target.value;
            // A pick from the datalist (or a paste) ending in a comma adds at once.
            if (v.endsWith(",")) add(v);
            else {
              setText(v);
              setProblem(null);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(text);
            } else if (e.key === "Backspace" && !text && values.length) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (text.trim()) add(text);
          }}
          placeholder={values.length ? "" : placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid || problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : describedBy}
          className="h-6 min-w-[8rem] flex-1 border-0 bg-transparent px-0.5 font-mono text-sm outline-none placeholder:font-sans placeholder:text-slate-400"
        />
        {offered.length > 0 && (
          <datalist id={`${id}-suggestions`}>
            {offered.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
      </div>
      {problem && (
        <p id={`${id}-problem`} className="mt-1 text-xs text-rose-700">
          {problem}
        </p>
      )}
    </div>
  );
}
