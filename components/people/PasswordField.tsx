"use client";

import type { Ref } from "react";
import { CopyButton } from "@/components/ui/CopyButton";
import { FieldMessage } from "@/components/ui/Field";
import { inputCls } from "@/components/ui/form-styles";
import { generatePassword } from "./generate-password";
import { MAX_PASSWORD, MIN_PASSWORD } from "./people";

/**
 * A password the admin sets for someone else: shown in clear (they hand it over), with Generate
 * and Copy. The label is the caller's (`id` is the input's); messages go under it.
 */
export function PasswordField({
  id,
  value,
  onChange,
  error,
  hint,
  inputRef,
  testId = "password-input",
}: {
  id: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  hint?: React.ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
}) {
  return (
    <div>
      <div className="flex items-center gap-1.5">
        <input
          ref={inputRef}
          id={id}
          data-testid={testId}
          data-field="password"
          className={`${inputCls} font-mono`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="new-password"
          spellCheck={false}
          maxLength={MAX_PASSWORD + 20}
          placeholder={`At least ${MIN_PASSWORD} characters`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-msg`}
        />
        <button
          type="button"
          data-testid="generate-password"
          onClick={() => onChange(generatePassword())}
          className="h-8 shrink-0 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          Generate
        </button>
        {value && <CopyButton value={value} what="the password" className="h-8 px-2.5" />}
      </div>
      <FieldMessage id={id} error={error} hint={hint ?? `${MIN_PASSWORD}–${MAX_PASSWORD} characters. Generate makes a strong one to hand over.`} />
    </div>
  );
}
