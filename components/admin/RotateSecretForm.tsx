"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { RotateSecretResult, Source } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { useRotateSecret } from "@/hooks/use-rotate-secret";
import { AdminActionError } from "./AdminActionError";
import { providerInfo, providerShort, secretGoesTo } from "./providers";
import { SecretOnce } from "./SecretOnce";

const OVERLAPS = [
  { seconds: 0, label: "None", hint: "The current secrets are revoked now" },
  { seconds: 3600, label: "1 h", hint: "The current secrets stay valid for 1 hour" },
  { seconds: 86_400, label: "24 h", hint: "The current secrets stay valid for 24 hours" },
  { seconds: 7 * 86_400, label: "7 d", hint: "The current secrets stay valid for 7 days" },
] as const;

/**
 * Rotate: add a secret (pasted, or generated and shown once) and let the current ones run out after
 * the overlap, so the sender can switch at any moment inside it.
 */
export function RotateSecretForm({ source, now, onClose }: { source: Source; now: number; onClose(): void }) {
  const id = useId();
  const info = providerInfo(source.provider);
  const [overlap, setOverlap] = useState<number>(86_400);
  const [secret, setSecret] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const rotate = useRotateSecret();
  const result: RotateSecretResult | undefined = rotate.data;
  const vars = { code: source.code, secret: secret.trim() || undefined, overlapSeconds: overlap };
  // Whether there was anything to overlap, as it was when the form opened.
  const [hadActive] = useState(() => source.secrets.some((s) => s.active));
  // Opening the form replaces the Rotate button: focus goes to the first choice, not to <body>.
  const overlapRef = useRef<HTMLInputElement>(null);
  useEffect(() => overlapRef.current?.focus(), []);

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
    <form
      data-testid="rotate-form"
      onSubmit={(e) => {
        e.preventDefault();
        const s = secret.trim();
        if (info?.secretRequired && !s) return setInvalid(`${providerShort(source.provider)} issues its own secret: paste it here.`);
        if (s && s.length < 16) return setInvalid("A secret has at least 16 characters.");
        rotate.run(vars);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50/70 p-3"
    >
      <fieldset>
        <legend className="text-xs font-medium text-slate-600">Overlap: how long the current secrets keep working</legend>
        <div className="mt-1 inline-flex rounded-md shadow-xs" role="radiogroup" aria-label="Overlap">
          {OVERLAPS.map((o, i) => (
            <label
              key={o.seconds}
              title={o.hint}
              className={`cursor-pointer border border-slate-300 px-2.5 py-1 text-xs font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-sky-500 ${i === 0 ? "rounded-l-md" : "-ml-px"} ${i === OVERLAPS.length - 1 ? "rounded-r-md" : ""} bg-white text-slate-700`}
            >
              <input
                ref={overlap === o.seconds ? overlapRef : undefined}
                type="radio"
                name={`${id}-overlap`}
                value={o.seconds}
                checked={overlap === o.seconds}
                onChange={() => setOverlap(o.seconds)}
                className="sr-only"
              />
              {o.label}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-500">{OVERLAPS.find((o) => o.seconds === overlap)?.hint}.</p>
      </fieldset>
      <div>
        <label htmlFor={`${id}-secret`} className="text-xs font-medium text-slate-600">
          {info?.secretRequired ? "New secret (required)" : "New secret (optional)"}
        </label>
        <input
          id={`${id}-secret`}
          type="password"
          value={secret}
          onChange={(e) => {
            setSecret(e.target.value);
            setInvalid(null);
          }}
          autoComplete="off"
          spellCheck={false}
          placeholder={info?.secretRequired ? "Paste the app's API secret key" : "Leave empty: Onepool generates one"}
          aria-invalid={invalid ? true : undefined}
          className="mt-1 h-8 w-full rounded-md border border-slate-300 bg-white px-2 font-mono text-sm shadow-xs placeholder:font-sans placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none"
        />
        <p className={`mt-1 text-xs ${invalid ? "text-rose-700" : "text-slate-500"}`}>{invalid ?? info?.secretHelp}</p>
      </div>
      <AdminActionError error={rotate.error} />
      <div className="flex gap-2">
        <button type="submit" disabled={rotate.isPending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {rotate.isPending ? "Rotating…" : "Rotate"}
        </button>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
