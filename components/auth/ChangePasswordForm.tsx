"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { sentence } from "@/client/api/error-text";
import { errorMessage } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/Spinner";
import { AuthError, postAuth } from "./auth-request";
import { AuthField } from "./AuthField";
import { AuthForm } from "./AuthForm";
import { FormAlert } from "./FormAlert";
import { SessionEnded } from "./SessionEnded";
import { useFocusWhenIdle } from "./use-focus-when-idle";
import { type ChangePasswordDraft, changePasswordFormSchema, MIN_PASSWORD, NEW_PASSWORD_SAY } from "./password-rules";

type Field = keyof ChangePasswordDraft;
const EMPTY: ChangePasswordDraft = { currentPassword: "", newPassword: "", confirm: "" };
const resolver = zodResolver(changePasswordFormSchema);
const INPUTS: { name: Field; id: string; label: string; autoComplete: string; hint?: string }[] = [
  { name: "currentPassword", id: "current", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", id: "new", label: "New password", autoComplete: "new-password", hint: `At least ${MIN_PASSWORD} characters.` },
  { name: "confirm", id: "confirm", label: "Confirm new password", autoComplete: "new-password" },
];

/** Change one's own password; every other browser signed in as this person is signed out. */
export function ChangePasswordForm() {
  const id = useId();
  // Typing clears that field's refusal rather than re-checking each key (reValidateMode onSubmit).
  const {
    register,
    handleSubmit,
    watch,
    reset,
    setError: setFieldError,
    setFocus,
    clearErrors,
    formState,
  } = useForm<ChangePasswordDraft>({ resolver, reValidateMode: "onSubmit", defaultValues: EMPTY });
  const [error, setError] = useState<AuthError | null>(null);
  const [done, setDone] = useState(false);
  const pending = formState.isSubmitting;
  const focusWhenIdle = useFocusWhenIdle(pending, setFocus);
  const field = (f: Field) => register(f, { onChange: () => (clearErrors(f), setDone(false)) });
  const errorOf = (f: Field) => errorMessage(formState.errors[f], f === "newPassword" ? NEW_PASSWORD_SAY : undefined);

  const submit = async ({ currentPassword, newPassword }: ChangePasswordDraft) => {
    try {
      await postAuth("/api/auth/change-password", { currentPassword, newPassword, revokeOtherSessions: true });
      reset(EMPTY);
      setDone(true);
    } catch (err) {
      const e = err instanceof AuthError ? err : new AuthError(0, "unknown", String(err));
      // better-auth's refusals of a field, worded as the form's own (lib/contracts/auth.ts has the lengths).
      if (e.code === "INVALID_PASSWORD") {
        setFieldError("currentPassword", { type: "server", message: "That is not your current password." });
        focusWhenIdle("currentPassword");
      } else if (e.code === "PASSWORD_TOO_SHORT") setFieldError("newPassword", { type: "too_small" });
      else if (e.code === "PASSWORD_TOO_LONG") setFieldError("newPassword", { type: "too_big" });
      else setError(e);
    }
  };

  return (
    <AuthForm
      testId="change-password-form"
      pending={pending}
      onSubmit={(e) => {
        setError(null);
        setDone(false);
        void handleSubmit(submit)(e);
      }}
      className="max-w-sm space-y-4"
    >
      {INPUTS.map((f) => (
        <AuthField
          key={f.name}
          id={`${id}-${f.id}`}
          registration={field(f.name)}
          label={f.label}
          type="password"
          autoComplete={f.autoComplete}
          error={errorOf(f.name)}
          disabled={pending}
          hint={f.hint}
        />
      ))}
      {error && (
        <FormAlert code={error.code}>
          {error.status === 401 ? (
            <>
              <SessionEnded />.
            </>
          ) : error.code === "network" ? (
            "The server could not be reached; the password was not changed."
          ) : (
            sentence(error.message)
          )}
        </FormAlert>
      )}
      {done && (
        <p role="status" data-testid="password-changed" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-600/20 ring-inset">
          Password changed; other browsers were signed out.
        </p>
      )}
      <button
        type="submit"
        disabled={pending || !watch("currentPassword") || !watch("newPassword") || !watch("confirm")}
        className="inline-flex h-9 items-center gap-2 rounded-md bg-slate-900 px-3.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
      >
        {pending && <Spinner />}
        {pending ? "Changing…" : "Change password"}
      </button>
    </AuthForm>
  );
}
