"use client";

import { useId, useRef, useState } from "react";
import { Spinner } from "@/components/ui/Spinner";
import { AuthError, postAuth } from "./auth-request";
import { AuthField } from "./AuthField";
import { FormAlert } from "./FormAlert";
import { SessionEnded } from "./SessionEnded";
import { checkNewPassword, MAX_PASSWORD, MIN_PASSWORD } from "./password-rules";

type Field = "currentPassword" | "newPassword" | "confirm";
const EMPTY: Record<Field, string> = { currentPassword: "", newPassword: "", confirm: "" };
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

/** Change one's own password; every other browser signed in as this person is signed out. */
export function ChangePasswordForm() {
  const id = useId();
  const [values, setValues] = useState(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<AuthError | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const set = (f: Field) => (v: string) => {
    setValues((s) => ({ ...s, [f]: v }));
    setFieldErrors((e) => ({ ...e, [f]: undefined }));
    setDone(false);
  };

  const submit = async () => {
    const problem = checkNewPassword(values.newPassword, values.confirm);
    setError(null);
    setDone(false);
    if (problem) return setFieldErrors({ [problem.field]: problem.message });
    if (values.newPassword === values.currentPassword) return setFieldErrors({ newPassword: "Choose a password different from the current one." });
    setFieldErrors({});
    setPending(true);
    try {
      await postAuth("/api/auth/change-password", { currentPassword: values.currentPassword, newPassword: values.newPassword, revokeOtherSessions: true });
      setValues(EMPTY);
      setDone(true);
    } catch (err) {
      const e = err instanceof AuthError ? err : new AuthError(0, "unknown", String(err));
      if (e.code === "INVALID_PASSWORD") {
        setFieldErrors({ currentPassword: "That is not your current password." });
        setTimeout(() => currentRef.current?.focus());
      } else if (e.code === "PASSWORD_TOO_SHORT") setFieldErrors({ newPassword: `Use at least ${MIN_PASSWORD} characters.` });
      else if (e.code === "PASSWORD_TOO_LONG") setFieldErrors({ newPassword: `Use at most ${MAX_PASSWORD} characters.` });
      else setError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      data-testid="change-password-form"
      aria-busy={pending}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) void submit();
      }}
      className="max-w-sm space-y-4"
    >
      <AuthField
        id={`${id}-current`}
        inputRef={currentRef}
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={values.currentPassword}
        onChange={set("currentPassword")}
        error={fieldErrors.currentPassword}
        disabled={pending}
      />
      <AuthField
        id={`${id}-new`}
        label="New password"
        type="password"
        autoComplete="new-password"
        value={values.newPassword}
        onChange={set("newPassword")}
        error={fieldErrors.newPassword}
        disabled={pending}
        hint={`At least ${MIN_PASSWORD} characters.`}
      />
      <AuthField
        id={`${id}-confirm`}
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={values.confirm}
        onChange={set("confirm")}
        error={fieldErrors.confirm}
        disabled={pending}
      />
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
        disabled={pending || !values.currentPassword || !values.newPassword || !values.confirm}
        className="inline-flex h-9 items-center gap-2 rounded-md bg-slate-900 px-3.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
      >
        {pending && <Spinner />}
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
