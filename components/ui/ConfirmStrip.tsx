"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { cancelOnEscape } from "./StripForm";

const TONES = {
  rose: { box: "border-rose-200 bg-rose-50/70", text: "text-rose-800", btn: "bg-rose-600 hover:bg-rose-700" },
  amber: { box: "border-amber-300 bg-amber-50", text: "text-amber-900", btn: "bg-amber-600 hover:bg-amber-700" },
} as const;

/**
 * A confirmation under a row: what will happen, one button to do it, Cancel (or Esc). The confirm
 * button takes focus, so Enter confirms and Esc backs out.
 */
export function ConfirmStrip({
  label,
  tone,
  confirm,
  pendingLabel,
  pending,
  onConfirm,
  onCancel,
  cancelLabel = "Cancel",
  testId,
  children,
  footer,
}: {
  label: string;
  tone: keyof typeof TONES;
  confirm: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm(): void;
  onCancel(): void;
  cancelLabel?: string;
  testId: string;
  children: ReactNode;
  /** Under the strip, the full width: the action's refusal. */
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const t = TONES[tone];
  return (
    <div data-testid={testId} role="group" aria-label={label} onKeyDown={cancelOnEscape(onCancel)} className={`flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border px-3 py-2 ${t.box}`}>
      <div className={`min-w-[16rem] flex-1 text-xs ${t.text}`}>{children}</div>
      <span className="flex gap-1.5">
        <button ref={ref} type="button" disabled={pending} onClick={onConfirm} className={`rounded-md px-2.5 py-1 text-xs font-medium whitespace-nowrap text-white disabled:opacity-60 ${t.btn}`}>
          {pending ? pendingLabel : confirm}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          {cancelLabel}
        </button>
      </span>
      {footer}
    </div>
  );
}
