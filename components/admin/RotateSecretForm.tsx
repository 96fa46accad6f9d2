"use client";

import { useId, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import type { RotateSecretResult, Source } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { contractResolver } from "@/components/ui/contract-resolver";
import { errorMessage } from "@/components/ui/field-error";
import { StripActions, StripForm } from "@/components/ui/StripForm";
import { useRotateSecret } from "@/hooks/use-rotate-secret";
import type { z } from "zod";
import { rotateSourceSecretSchema } from "@/lib/contracts/sources";
import { AdminActionError } from "./AdminActionError";
import { DEFAULT_OVERLAP, OverlapPicker } from "./OverlapPicker";
import { providerInfo, providerShort, secretGoesTo } from "./providers";
import { SecretOnce } from "./SecretOnce";

type Draft = { overlap: string; secret: string };
// The route's schema (lib/contracts/sources.ts) checks what the inputs make: an empty box sends no
// secret (Onepool generates one), a short one is refused there.
const toBody = (d: Draft) => ({ secret: d.secret.trim() || undefined, overlapSeconds: Number(d.overlap) });
type Body = z.output<typeof rotateSourceSecretSchema>;
const contract = contractResolver(rotateSourceSecretSchema, toBody, (path) => (path === "secret" ? "secret" : "overlap"));

/**
 * Rotate: add a secret (pasted, or generated and shown once) and let the current ones run out after
 * the overlap, so the sender can switch at any moment inside it.
 */
export function RotateSecretForm({ source, now, onClose }: { source: Source; now: number; onClose(): void }) {
  const id = useId();
  const info = providerInfo(source.provider);
  // Only the form knows the provider issues its own secret (Shopify): the body cannot show it.
  const resolver: Resolver<Draft, unknown, Body> = (draft, ctx, opts) =>
    info?.secretRequired && !draft.secret.trim()
      ? { values: {}, errors: { secret: { type: "required", message: `${providerShort(source.provider)} issues its own secret: paste it here.` } } }
      : contract(draft, ctx, opts);
  // Typing clears the refusal rather than re-checking each key (reValidateMode onSubmit).
  const { register, handleSubmit, watch, clearErrors, formState } = useForm<Draft, unknown, Body>({
    resolver,
    reValidateMode: "onSubmit",
    defaultValues: { overlap: DEFAULT_OVERLAP, secret: "" },
  });
  const overlap = Number(watch("overlap"));
  const invalid = errorMessage(formState.errors.secret);
  const rotate = useRotateSecret();
  const result: RotateSecretResult | undefined = rotate.data;
  // Whether there was anything to overlap, as it was when the form opened.
  const [hadActive] = useState(() => source.secrets.some((s) => s.active));

  if (result) {
    const prev =
      overlap === 0
        ? "The previous secrets were revoked now."
        : `The previous secrets stay valid until ${formatAbsolute(result.previousExpireAt).split(" (")[0]} (${formatRelative(result.previousExpireAt, now)}).`;
    return (
      <div className="space-y-2" data-testid="rotate-result">
        {result.secret ? (
          <SecretOnce secret={result.secret} hint={result.hint} where={secretGoesTo(source.provider)} onDone={onClose} />
        ) : (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-600/20 ring-inset">
            Secret {result.hint} added.
          </p>
        )}
        {hadActive && <p className="text-xs text-slate-600">{prev}</p>}
        {!result.secret && (
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
            Done
          </button>
        )}
      </div>
    );
  }

  return (
    <StripForm
      testId="rotate-form"
      onSubmit={(e) => void handleSubmit((body) => rotate.run({ code: source.code, secret: body.secret, overlapSeconds: body.overlapSeconds }))(e)}
      onCancel={onClose}
      className="space-y-3"
    >
      <OverlapPicker
        legend="Overlap: how long the current secrets keep working"
        ariaLabel="Overlap"
        revoked="The current secrets are revoked now"
        keeps="The current secrets stay valid for"
        value={watch("overlap")}
        registration={register("overlap")}
      />
      <div>
        <label htmlFor={`${id}-secret`} className="text-xs font-medium text-slate-600">
          {info?.secretRequired ? "New secret (required)" : "New secret (optional)"}
        </label>
        <input
          id={`${id}-secret`}
          type="password"
          {...register("secret", { onChange: () => clearErrors("secret") })}
          autoComplete="off"
          spellCheck={false}
          placeholder={info?.secretRequired ? "Paste the app's API secret key" : "Leave empty: Onepool generates one"}
          aria-invalid={invalid ? true : undefined}
          className="mt-1 h-8 w-full rounded-md border border-slate-300 bg-white px-2 font-mono text-sm shadow-xs placeholder:font-sans placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none"
        />
        <p className={`mt-1 text-xs ${invalid ? "text-rose-700" : "text-slate-500"}`}>{invalid ?? info?.secretHelp}</p>
      </div>
      <AdminActionError error={rotate.error} />
      <StripActions submit="Rotate" pendingLabel="Rotating…" pending={rotate.isPending} onCancel={onClose} />
    </StripForm>
  );
}
