import { inputCls } from "@/components/ui/form-styles";
import { FIELD_META, type RuleField } from "./rule-form";

/**
 * One rule field: empty means inherit. `was` is the saved value while editing (null: inherited),
 * shown once the field differs, so a reviewer sees what the save changes.
 */
export function RuleFieldInput({
  id,
  field,
  value,
  error,
  hint,
  was,
  disabled,
  onChange,
}: {
  id: string;
  field: RuleField;
  value: string;
  error?: string;
  hint: React.ReactNode;
  was?: string | null;
  disabled?: boolean;
  onChange(v: string): void;
}) {
  const meta = FIELD_META[field];
  const inputId = `${id}-${field}`;
  return (
    <div>
      <label htmlFor={inputId} className="flex items-baseline gap-1.5 text-xs font-medium text-slate-700">
        {meta.label}
        {was !== undefined && (
          <span data-testid="field-changed" className="rounded bg-sky-50 px-1 text-[10px] font-medium text-sky-800 ring-1 ring-sky-600/20 ring-inset">
            was {was ?? "inherited"}
          </span>
        )}
      </label>
      <div className="relative mt-1">
        <input
          id={inputId}
          data-testid={`rule-field-${field}`}
          data-field={field}
          className={`${inputCls} ${meta.kind === "decimal" ? "pr-36" : "pr-8"} tabular-nums`}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          inputMode={meta.kind === "decimal" ? "decimal" : "numeric"}
          placeholder="inherit"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${inputId}-msg`}
        />
        {meta.kind === "percent" && (
          <span aria-hidden className="pointer-events-none absolute top-1.5 right-2 text-sm text-slate-400">
            %
          </span>
        )}
        {/* The formula it multiplies, in words: a lone "×" read as a clear button. */}
        {meta.kind === "decimal" && (
          <span aria-hidden data-testid="rule-field-unit" className="pointer-events-none absolute top-2 right-2 text-xs whitespace-nowrap text-slate-400">
            × sales/day × latency
          </span>
        )}
      </div>
      <p id={`${inputId}-msg`} className={`mt-1 text-[11px] leading-4 ${error ? "text-rose-700" : "text-slate-500"}`}>
        {error ?? hint}
      </p>
    </div>
  );
}
