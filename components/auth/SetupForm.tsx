"use client";

import { useId, useState } from "react";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { Spinner } from "@/components/ui/Spinner";
import { signInEmail } from "./auth-request";
import { AuthField } from "./AuthField";
import { FormAlert } from "./FormAlert";
import { checkNewPassword, MIN_PASSWORD } from "./password-rules";

type Field = "name" | "email" | "password" | "confirm";
type Failure = { kind: "taken" } | { kind: "signin"; message: string } | { kind: "other"; error: ApiError };

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

/** First run: create the first admin, sign in as them, and open the dashboard. */
export function SetupForm() {
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ name: "", email: "", password: "", confirm: "" });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  const set = (f: Field) => (v: string) => {
    setValues((s) => ({ ...s, [f]: v }));
    setFieldErrors((e) => ({ ...e, [f]: undefined }));
  };

  const submit = async () => {
    const password = checkNewPassword(values.password, values.confirm);
    const local: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) local.name = "Enter your name.";
    if (!values.email.trim()) local.email = "Enter your email.";
    if (password) local[password.field === "newPassword" ? "password" : "confirm"] = password.message;
    setFieldErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;

    setPending(true);
    const email = values.email.trim();
    try {
      await fetchJson("/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: values.name.trim(), email, password: values.password }) });
    } catch (err) {
      setPending(false);
      const e = err instanceof ApiError ? err : new ApiError(0, "unknown", String(err));
      if (e.status === 409) return setFailure({ kind: "taken" });
      const field = e.field as Field | null;
      if (field && field in values) return setFieldErrors({ [field]: sentence(e.message.replace(/^\w+: /, "")) });
      return setFailure({ kind: "other", error: e });
    }
    try {
      await signInEmail(email, values.password);
      window.location.assign("/");
    } catch (err) {
      setPending(false);
      setFailure({ kind: "signin", message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <form
      data-testid="setup-form"
      aria-busy={pending}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending && failure?.kind !== "taken") void submit();
      }}
      className="space-y-4"
    >
      <AuthField id={`${id}-name`} label="Your name" autoComplete="name" value={values.name} onChange={set("name")} error={fieldErrors.name} disabled={pending} autoFocus />
      <AuthField id={`${id}-email`} label="Email" type="email" autoComplete="username" value={values.email} onChange={set("email")} error={fieldErrors.email} disabled={pending} hint="You sign in with it." />
      <AuthField id={`${id}-password`} label="Password" type="password" autoComplete="new-password" value={values.password} onChange={set("password")} error={fieldErrors.password} disabled={pending} hint={`At least ${MIN_PASSWORD} characters.`} />
      <AuthField id={`${id}-confirm`} label="Confirm password" type="password" autoComplete="new-password" value={values.confirm} onChange={set("confirm")} error={fieldErrors.confirm} disabled={pending} />
      {failure?.kind === "taken" && (
        <FormAlert code="already_set_up">
          Someone else finished setting up this Onepool a moment ago, so no admin was created.{" "}
          <a href="/sign-in" className="font-medium underline">
            Sign in
          </a>{" "}
          with an account they give you.
        </FormAlert>
      )}
      {failure?.kind === "signin" && (
        <FormAlert code="sign_in_failed">
          Your admin account was created, but signing in failed ({failure.message}).{" "}
          <a href="/sign-in" className="font-medium underline">
            Sign in
          </a>{" "}
          with the email and password you just chose.
        </FormAlert>
      )}
      {failure?.kind === "other" && (
        <FormAlert code={failure.error.code}>
          {failure.error.code === "network" ? "The Onepool server could not be reached. Check your connection and try again." : sentence(failure.error.message)}
        </FormAlert>
      )}
      <button
        type="submit"
        disabled={pending || failure?.kind === "taken"}
        data-testid="setup-submit"
        className="inline-flex h-9 w-full items-center justify-center gap-2 rounded-md bg-slate-900 px-3.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
      >
        {pending && <Spinner />}
        {pending ? "Creating the admin…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
