"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { sentence } from "@/client/api/error-text";
import { ApiError, fetchJson } from "@/client/api/fetch-json";
import { errorMessage } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/Spinner";
import { firstAdminSchema } from "@/lib/contracts/auth";
import { MIN_PASSWORD_LENGTH } from "@/lib/contracts/password";
import { signInEmail } from "./auth-request";
import { AuthField } from "./AuthField";
import { AuthForm } from "./AuthForm";
import { FormAlert } from "./FormAlert";

type Failure = { kind: "taken" } | { kind: "signin"; message: string } | { kind: "other"; error: ApiError };

/** The route's own schema (lib/contracts/auth.ts), plus the confirmation only the form has. */
const formSchema = firstAdminSchema.extend({ confirm: z.string() }).refine((v) => v.password === v.confirm, { path: ["confirm"], message: "the two passwords do not match" });
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;
type Field = keyof FormInput;

/** First run: create the first admin (with the setup code from the server's log), sign in as them, and open the dashboard. */
export function SetupForm() {
  const id = useId();
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: { setupCode: "", name: "", email: "", password: "", confirm: "" },
  });
  const { register, handleSubmit, setError, formState } = form;
  const [leaving, setLeaving] = useState(false);
  const pending = formState.isSubmitting || leaving;

  const submit = async ({ confirm: _confirm, ...body }: FormOutput) => {
    setFailure(null);
    try {
      await fetchJson("/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "unknown", String(err));
      if (e.status === 409) return setFailure({ kind: "taken" });
      const field = e.field as Field | null;
      if (field && field in form.getValues()) return setError(field, { message: e.message.replace(/^\w+: /, "") }, { shouldFocus: true });
      return setFailure({ kind: "other", error: e });
    }
    try {
      await signInEmail(body.email, body.password);
      setLeaving(true);
      window.location.assign("/");
    } catch (err) {
      setFailure({ kind: "signin", message: err instanceof Error ? err.message : String(err) });
    }
  };

  const field = (name: Field, label: string, props: { type?: "text" | "email" | "password"; autoComplete?: string; hint?: string; autoFocus?: boolean } = {}) => (
    <AuthField id={`${id}-${name}`} label={label} registration={register(name)} error={errorMessage(formState.errors[name])} disabled={pending} {...props} />
  );

  return (
    <AuthForm testId="setup-form" pending={pending} blocked={failure?.kind === "taken"} onSubmit={(e) => void handleSubmit(submit)(e)} className="space-y-4">
      {field("setupCode", "Setup code", {
        autoComplete: "one-time-code",
        autoFocus: true,
        hint: 'Printed in the Onepool server\'s log when it starts ("setup code XXXX-XXXX-XXXX"): only someone who can read that log may create the first admin.',
      })}
      {field("name", "Your name", { autoComplete: "name" })}
      {field("email", "Email", { type: "email", autoComplete: "username", hint: "You sign in with it." })}
      {field("password", "Password", { type: "password", autoComplete: "new-password", hint: `At least ${MIN_PASSWORD_LENGTH} characters.` })}
      {field("confirm", "Confirm password", { type: "password", autoComplete: "new-password" })}
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
    </AuthForm>
  );
}
