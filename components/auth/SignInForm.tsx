"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { sentence } from "@/client/api/error-text";
import { Spinner } from "@/components/ui/Spinner";
import { type SignInBody, signInSchema } from "@/lib/contracts/auth";
import { AuthError, formatWait, signInEmail } from "./auth-request";
import { AuthField } from "./AuthField";
import { AuthForm } from "./AuthForm";
import { FormAlert } from "./FormAlert";
import { useFocusWhenIdle } from "./use-focus-when-idle";

const resolver = zodResolver(signInSchema);

/** Ticks every second while `until` is in the future, so a wait counts down on screen. */
function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** Email + password. On success a full page load, so the layout renders again with the person. */
export function SignInForm({ next }: { next: string }) {
  const id = useId();
  // The button stays off until both are filled (lib/contracts/auth.ts), so the resolver only trims.
  const { register, handleSubmit, watch, setValue, setFocus, formState } = useForm<SignInBody, unknown, z.output<typeof signInSchema>>({
    resolver,
    defaultValues: { email: "", password: "" },
  });
  const [leaving, setLeaving] = useState(false);
  const pending = formState.isSubmitting || leaving;
  const [error, setError] = useState<AuthError | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const secondsLeft = useSecondsLeft(blockedUntil);
  const blocked = secondsLeft > 0;
  const focusWhenIdle = useFocusWhenIdle(pending, setFocus);

  const submit = async ({ email, password }: z.output<typeof signInSchema>) => {
    setError(null);
    try {
      await signInEmail(email, password);
      // Stay "signing in" while the next page loads: nothing more to click.
      setLeaving(true);
      window.location.assign(next);
    } catch (err) {
      const e = err instanceof AuthError ? err : new AuthError(0, "unknown", err instanceof Error ? err.message : String(err));
      setError(e);
      if (e.status === 429) setBlockedUntil(Date.now() + (e.retryAfter ?? 60) * 1000);
      if (e.code === "INVALID_EMAIL_OR_PASSWORD") {
        setValue("password", "");
        focusWhenIdle("password");
      } else if (e.code === "INVALID_EMAIL") focusWhenIdle("email");
    }
  };

  const emailError = error?.code === "INVALID_EMAIL" ? "That is not a valid email address." : null;

  return (
    <AuthForm testId="sign-in-form" pending={pending} blocked={blocked} onSubmit={(e) => void handleSubmit(submit)(e)} className="space-y-4">
      <AuthField id={`${id}-email`} registration={register("email")} label="Email" type="email" autoComplete="username" disabled={pending} error={emailError} autoFocus />
      <AuthField id={`${id}-password`} registration={register("password")} label="Password" type="password" autoComplete="current-password" disabled={pending} />
      {error && !emailError && <SignInError error={error} secondsLeft={secondsLeft} />}
      <button
        type="submit"
        disabled={pending || blocked || !watch("email").trim() || !watch("password")}
        data-testid="sign-in-submit"
        className="inline-flex h-9 w-full items-center justify-center gap-2 rounded-md bg-slate-900 px-3.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
      >
        {pending && <Spinner />}
        {pending ? "Signing in…" : blocked ? `Try again in ${formatWait(secondsLeft)}` : "Sign in"}
      </button>
    </AuthForm>
  );
}

function SignInError({ error, secondsLeft }: { error: AuthError; secondsLeft: number }) {
  let text: React.ReactNode;
  if (error.code === "INVALID_EMAIL_OR_PASSWORD") text = "Wrong email or password. Check both and try again.";
  else if (error.code === "ACCOUNT_DEACTIVATED") text = "This account is deactivated. Ask an admin of this Onepool to reactivate it.";
  else if (error.status === 429)
    text = secondsLeft > 0 ? `Too many failed sign-ins. Try again in ${formatWait(secondsLeft)}, or ask an admin to unlock your account.` : "Too many failed sign-ins earlier; you can try again now.";
  else if (error.code === "network") text = "The Onepool server could not be reached. Check your connection and try again.";
  else text = sentence(error.message);
  return (
    <FormAlert code={error.code}>
      {text}
      {error.status >= 500 && <span className="ml-1 font-mono text-[11px] text-rose-400">HTTP {error.status}</span>}
    </FormAlert>
  );
}
