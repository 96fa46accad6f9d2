"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { PersonUpdated, PersonView } from "@/client/api/types";
import { InlineError } from "@/components/ui/InlineError";
import { labelCls } from "@/components/ui/form-styles";
import { StripActions, StripForm } from "@/components/ui/StripForm";
import { useUpdatePerson } from "@/hooks/use-update-person";
import { password as passwordSchema } from "@/lib/contracts/people";
import { generatePassword } from "./generate-password";
import { PasswordField } from "./PasswordField";
import { passwordProblem } from "./people";

// The password PATCH /api/users/<id> accepts (lib/contracts/people.ts); the form words its refusal.
const resolver = zodResolver(z.object({ password: passwordSchema }));

/**
 * Reset someone's password, under their row: a generated one (or one the admin types). Saving signs
 * them out everywhere; the page then shows the password once, to hand over.
 */
export function ResetPasswordForm({ person, self, onDone, onCancel }: { person: PersonView; self: boolean; onDone(result: PersonUpdated, password: string): void; onCancel(): void }) {
  const id = useId();
  // Typing clears the refusal rather than re-checking each key (reValidateMode onSubmit).
  const { handleSubmit, watch, setValue, setFocus, clearErrors, register, formState } = useForm<{ password: string }>({
    resolver,
    reValidateMode: "onSubmit",
    defaultValues: { password: generatePassword() },
  });
  const password = watch("password");
  const update = useUpdatePerson((result, vars) => onDone(result, vars.body.password!));
  useEffect(() => setFocus("password"), [setFocus]);
  const { ref: inputRef } = register("password");
  const error = (formState.errors.password && passwordProblem(password)) ?? fieldMessage(update.error, "password");
  const n = person.sessions;

  return (
    <StripForm
      testId="reset-password-form"
      label={`New password for ${person.name}`}
      onSubmit={(e) => void handleSubmit((body) => update.mutate({ id: person.id, body }))(e)}
      onCancel={onCancel}
      className="flex flex-wrap items-start gap-x-6 gap-y-2"
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
              setValue("password", v);
              clearErrors("password");
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
      <StripActions submit="Set password" pendingLabel="Saving…" pending={update.isPending} onCancel={onCancel} className="pt-5" />
      {blamedField(update.error) !== "password" && <InlineError error={update.error} testId="person-error" className="basis-full" />}
    </StripForm>
  );
}
