"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { RotatedToken, TokenView } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { useRotateToken } from "@/hooks/use-rotate-token";
import { AdminActionError } from "./AdminActionError";

const OVERLAPS = [
  { seconds: 0, label: "None", hint: "The current token is revoked now" },
  { seconds: 3600, label: "1 h", hint: "The current token keeps working for 1 hour" },
  { seconds: 86_400, label: "24 h", hint: "The current token keeps working for 24 hours" },
  { seconds: 7 * 86_400, label: "7 d", hint: "The current token keeps working for 7 days" },
] as const;

/**
 * Rotate: a new token with the same name, scopes, sources and expiry; the current one keeps working
 * for the overlap, so the sender can switch at any moment inside it. The new value is handed to the
 * page (`onRotated`), which shows it once.
 */
export function RotateTokenForm({ token, now, onRotated, onClose }: { token: TokenView; now: number; onRotated(result: RotatedToken, overlapSeconds: number): void; onClose(): void }) {
  const id = useId();
  const [overlap, setOverlap] = useState<number>(86_400);
  const rotate = useRotateToken((result, v) => onRotated(result, v.overlapSeconds));
  const vars = { id: token.id, overlapSeconds: overlap };
  const checked = useRef<HTMLInputElement>(null);
  useEffect(() => checked.current?.focus(), []);

  const expiresNote = token.expiresAt
    ? `The new token keeps this one's expiry: ${formatAbsolute(token.expiresAt).split(" (")[0]} (${formatRelative(token.expiresAt, now)}). For a longer life, issue a new token instead.`
    : "The new token never expires, like this one.";

  return (
    <form
      data-testid="rotate-token-form"
      aria-label={`Rotate token ${token.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        rotate.run(vars);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
      className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-md border border-slate-200 bg-slate-50/70 p-3"
    >
      <fieldset>
        <legend className="text-xs font-medium text-slate-600">Overlap: how long {token.prefix}… keeps working</legend>
        <div className="mt-1 inline-flex rounded-md shadow-xs" role="radiogroup">
          {OVERLAPS.map((o, i) => (
            <label
              key={o.seconds}
              title={o.hint}
              className={`cursor-pointer border border-slate-300 px-2.5 py-1 text-xs font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-sky-500 ${i === 0 ? "rounded-l-md" : "-ml-px"} ${i === OVERLAPS.length - 1 ? "rounded-r-md" : ""} bg-white text-slate-700`}
            >
              <input
                ref={o.seconds === overlap ? checked : undefined}
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
      <div className="min-w-[16rem] flex-1 text-xs text-slate-600">
        <p>{expiresNote}</p>
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" disabled={rotate.isPending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {rotate.isPending ? "Rotating…" : "Rotate"}
        </button>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </button>
      </div>
      <AdminActionError error={rotate.error} className="basis-full" />
    </form>
  );
}
