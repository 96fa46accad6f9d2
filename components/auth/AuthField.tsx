"use client";

import type { UseFormRegisterReturn } from "react-hook-form";

const input =
  "h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none disabled:bg-slate-100 disabled:text-slate-500 aria-invalid:border-rose-400";

interface Props {
  id: string;
  label: string;
  /** react-hook-form's `register(name)`: the form holds the value. */
  registration: UseFormRegisterReturn;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  error?: string | null;
  hint?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}

/** A labelled input for the sign-in, setup and password forms; its error is tied to it for screen readers. */
export function AuthField({ id, label, registration, type = "text", autoComplete, error, hint, disabled, autoFocus }: Props) {
  const msg = error ?? hint;
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        {...registration}
        id={id}
        type={type}
        autoComplete={autoComplete}
        // biome-ignore lint/a11y/noAutofocus: only the first field of a sign-in or setup page asks for it, where typing is the only thing to do
        autoFocus={autoFocus}
        disabled={disabled}
        required
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={msg ? `${id}-msg` : undefined}
        className={`mt-1 ${input}`}
      />
      {msg && (
        <p id={`${id}-msg`} className={`mt-1 text-xs ${error ? "text-rose-700" : "text-slate-500"}`}>
          {msg}
        </p>
      )}
    </div>
  );
}
