"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/** The overlaps offered when rotating (seconds, as a radio's value); the contracts allow up to 30 days. */
const OVERLAPS = [
  { seconds: 0, label: "None", span: "" },
  { seconds: 3600, label: "1 h", span: "1 hour" },
  { seconds: 86_400, label: "24 h", span: "24 hours" },
  { seconds: 7 * 86_400, label: "7 d", span: "7 days" },
] as const;
export const DEFAULT_OVERLAP = "86400";

/**
 * How long what is rotated keeps working beside the new one, as a segmented radio group (a token's
 * and a source's secrets). `revoked` and `keeps` word the hint: "The current token is revoked now",
 * "The current token keeps working for 24 hours". The checked choice takes focus when the strip opens,
 * since the strip replaces the button that opened it.
 */
export function OverlapPicker(p: { legend: ReactNode; ariaLabel?: string; revoked: string; keeps: string; value: string; registration: UseFormRegisterReturn }) {
  const id = useId();
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLInputElement>("input:checked")?.focus(), []);
  const hint = (o: (typeof OVERLAPS)[number]) => (o.seconds === 0 ? p.revoked : `${p.keeps} ${o.span}`);
  const chosen = OVERLAPS.find((o) => String(o.seconds) === p.value);
  return (
    <fieldset ref={ref}>
      <legend className="text-xs font-medium text-slate-600">{p.legend}</legend>
      <div className="mt-1 inline-flex rounded-md shadow-xs" role="radiogroup" aria-label={p.ariaLabel}>
        {OVERLAPS.map((o, i) => (
          <label
            key={o.seconds}
            title={hint(o)}
            className={`cursor-pointer border border-slate-300 px-2.5 py-1 text-xs font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-sky-500 ${i === 0 ? "rounded-l-md" : "-ml-px"} ${i === OVERLAPS.length - 1 ? "rounded-r-md" : ""} bg-white text-slate-700`}
          >
            <input type="radio" {...p.registration} id={`${id}-${o.seconds}`} value={String(o.seconds)} className="sr-only" />
            {o.label}
          </label>
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-500">{chosen && hint(chosen)}.</p>
    </fieldset>
  );
}
