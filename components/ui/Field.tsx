import type { ReactNode } from "react";
import { labelCls, msgCls } from "./form-styles";

/**
 * The attributes an input needs to sit in a Field: invalid when there is an error, described by the
 * message under it, and findable by `data-field` so a form can focus the first field in error.
 */
export function fieldProps(id: string, field: string, error: string | undefined) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": `${id}-msg`, "data-field": field } as const;
}

/**
 * A label, one input (the children, spread with `fieldProps`), and the line under it: the error when
 * there is one (react-hook-form's `formState.errors[f]?.message`, or the server's refusal of that
 * field), the hint otherwise.
 */
export function Field(p: { id: string; label: ReactNode; optional?: boolean; error?: string; hint?: ReactNode; msgTestId?: string; className?: string; children: ReactNode }) {
  return (
    <div className={p.className}>
      <label htmlFor={p.id} className={labelCls}>
        {p.label}
        {p.optional && <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <div className="mt-1">{p.children}</div>
      <FieldMessage id={p.id} error={p.error} hint={p.hint} testId={p.msgTestId} />
    </div>
  );
}

/**
 * A group of inputs with no single label (choices, a picker with its own text box): the legend over
 * them, then `FieldMessage`. Like a Field it is found by `data-field` (it takes the focus when it
 * holds the first error) and described by `${id}-msg`.
 */
export function FieldGroup(p: { id: string; field: string; legend: ReactNode; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset data-field={p.field} tabIndex={-1} aria-describedby={`${p.id}-msg`} className="outline-none">
      <legend className={labelCls}>{p.legend}</legend>
      {p.children}
      <FieldMessage id={p.id} error={p.error} hint={p.hint} />
    </fieldset>
  );
}

/**
 * The line under an input, or under a group of them that has no `Field` (radio buttons, rows, chips):
 * `${id}-msg`, which the inputs name in aria-describedby; the error when there is one, the hint
 * otherwise, nothing when neither.
 */
export function FieldMessage({ id, error, hint, testId }: { id: string; error?: string | null; hint?: ReactNode; testId?: string }) {
  if (!error && !hint) return null;
  return (
    <p id={`${id}-msg`} className={msgCls(error)} data-testid={testId}>
      {error ?? hint}
    </p>
  );
}
