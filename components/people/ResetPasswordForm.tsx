"use client";

import { useEffect, useId, useRef, useState } from "react";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { PersonUpdated, PersonView } from "@/client/api/types";
import { InlineError } from "@/components/ui/InlineError";
import { labelCls } from "@/components/ui/form-styles";
import { useUpdatePerson } from "@/hooks/use-update-person";
import { generatePassword } from "./generate-password";
import { PasswordField } from "./PasswordField";
import { passwordProblem } from "./people";

/**
 * Reset someone's password, under their row: a generated one (or one the admin types). Saving signs
 * them out everywhere; the page then shows the password once, to hand over.
 */
export function ResetPasswordForm({ person, self, onDone, onCancel }: { person: PersonView; self: boolean; onDone(result: PersonUpdated, password: string): void; onCancel(): void }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState(generatePassword);
  const [problem, setProblem] = useState<string | undefined>();
  const update = useUpdatePerson((result, vars) => onDone(result, vars.body.password!));
  useEffect(() => inputRef.current?.focus(), []);
  const error = problem ?? fieldMessage(update.error, "password");
  const n = person.sessions;

  return (
    <form
      data-testid="reset-password-form"
      aria-label={`New password for ${person.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const p = passwordProblem(password);
        setProblem(p);
        if (p) inputRef.current?.focus();
        else update.mutate({ id: person.id, body: { password } });
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
      className="flex flex-wrap items-start gap-x-6 gap-y-2 rounded-md border border-slate-200 bg-slate-50/70 p-3"
    >
      <div className="w-full max-w-md">
        <label htmlFor={`${id}-pw`} className={labelCls}>
          New password for {person.name}
        </label>
        <div className="mt-1">
          <PasswordField
            id={`${id}-pw`}
            inputRef={inputRef}
            value={password}
            onChange={(v) => {
              setPassword(v);
              setProblem(undefined);
              if (blamedField(update.error) === "password") update.reset();
            }}
            error={error}
            hint="Generated; type another if you prefer. It is shown once more after saving."
          />
        </div>
      </div>
      <div className="min-w-[14rem] flex-1 pt-5 text-xs text-slate-600">
        {self ? (
          <p role="alert" className="font-medium text-rose-800">
            This is your own password: saving signs you out on every browser, this one included. Sign in again with the new one.
          </p>
        ) : (
          <p>
            Saving signs {person.name} out everywhere ({n === 0 ? "not signed in anywhere now" : `signed in on ${n} browser${n === 1 ? "" : "s"} now`}); the old password stops working at once.
          </p>
        )}
      </div>
      <div className="flex items-center gap-2 pt-5">
        <button type="submit" disabled={update.isPending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-medium whitespace-nowrap text-white hover:bg-slate-700 disabled:opacity-60">
          {update.isPending ? "Saving…" : "Set password"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </button>
      </div>
      {blamedField(update.error) !== "password" && <InlineError error={update.error} testId="person-error" className="basis-full" />}
    </form>
  );
}
