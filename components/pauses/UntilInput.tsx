import type { InputHTMLAttributes, Ref } from "react";
import { inputCls } from "@/components/ui/form-styles";
import { toLocalInput } from "./until-presets";

/**
 * When a pause or a mute ends: a local date and time no earlier than now, described by `${id}-msg`
 * (its `FieldMessage`). The form's `register("until")` is spread in.
 */
export function UntilInput({ id, testId, error, ...rest }: InputHTMLAttributes<HTMLInputElement> & { id: string; testId: string; error?: string; ref?: Ref<HTMLInputElement> }) {
  return (
    <input
      id={id}
      data-testid={testId}
      type="datetime-local"
      className={`${inputCls} w-56 tabular-nums`}
      min={toLocalInput(new Date())}
      aria-invalid={error ? true : undefined}
      aria-describedby={`${id}-msg`}
      {...rest}
    />
  );
}
