"use client";

import { type ReactNode, type RefObject, useEffect, useId } from "react";
import { Button } from "./Button";
import { primaryBtn } from "./form-styles";

// Dialogs are the native <dialog> opened with showModal(): the browser traps focus inside, Escape
// closes it, the page behind is inert and the backdrop dims it. onClose runs however it closed
// (✕, Cancel, Escape), so the owner unmounts it in one place.

interface DialogProps {
  /** Owned by the caller, so its own buttons can close it (`ref.current?.close()`). */
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: ReactNode;
  /** A line under the title. */
  subtitle?: ReactNode;
  onClose(): void;
  /** Focused once open; otherwise the browser focuses the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  testId?: string;
  children: ReactNode;
}

function useShowModal(dialogRef: DialogProps["dialogRef"], initialFocus: DialogProps["initialFocus"]) {
  useEffect(() => {
    const d = dialogRef.current;
    if (d && !d.open) {
      d.showModal();
      initialFocus?.current?.focus();
    }
  }, [dialogRef, initialFocus]);
}

function Header({ titleId, title, subtitle, onCloseClick, sticky }: { titleId: string; title: ReactNode; subtitle?: ReactNode; onCloseClick(): void; sticky: boolean }) {
  return (
    <div className={`flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-5 py-3 ${sticky ? "sticky top-0 z-10" : ""}`}>
      <div className="min-w-0">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {subtitle && <div className="text-xs text-slate-500">{subtitle}</div>}
      </div>
      <Button variant="close" onClick={onCloseClick} aria-label="Close">
        ✕
      </Button>
    </div>
  );
}

/** The one <dialog>: Modal and SidePanel differ only in where it sits and whether its header sticks. */
function DialogShell({ className, sticky, ...p }: DialogProps & { className: string; sticky: boolean }) {
  const id = useId();
  useShowModal(p.dialogRef, p.initialFocus);
  return (
    <dialog ref={p.dialogRef} aria-labelledby={`${id}-title`} data-testid={p.testId} onClose={p.onClose} className={className}>
      <Header titleId={`${id}-title`} title={p.title} subtitle={p.subtitle} onCloseClick={() => p.dialogRef.current?.close()} sticky={sticky} />
      {p.children}
    </dialog>
  );
}

/** A centred modal for a short task (a count, a pause). */
export function Modal(p: DialogProps) {
  return (
    <DialogShell {...p} sticky={false} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-2xl backdrop:bg-slate-900/30" />
  );
}

/** A full-height panel from the right for a longer form (a token, a person, a source); full width on a phone. */
export function SidePanel(p: DialogProps) {
  return (
    <DialogShell
      {...p}
      sticky
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    />
  );
}

/** Where the Cancel / submit bar sits: under a modal's body, at the end of a side panel's form, or stuck to the panel's bottom. */
const ACTION_PLACES = {
  modal: "border-slate-100 px-5 py-3",
  panel: "border-slate-100 pt-4",
  sticky: "sticky bottom-0 border-slate-200 bg-white px-4 py-3",
} as const;

/** The submit button's colour: the one action, or the colour of what it does (a mute is violet, a pause amber, as their pills). */
const SUBMIT_TONES = {
  primary: primaryBtn,
  violet: "rounded-md bg-violet-700 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-violet-800 disabled:opacity-60",
  amber: "rounded-md bg-amber-600 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60",
} as const;

/** A dialog form's last line: Cancel, then the submit button, which says what it is doing while `pending`. */
export function DialogActions(p: {
  place: keyof typeof ACTION_PLACES;
  /** Padding of a dialog whose body is not the usual `px-5` (replaces the place's). */
  className?: string;
  onCancel(): void;
  pending: boolean;
  submit: string;
  pendingLabel: string;
  tone?: keyof typeof SUBMIT_TONES;
  submitTestId?: string;
}) {
  return (
    <div className={`flex justify-end gap-2 border-t ${p.className ?? ACTION_PLACES[p.place]}`}>
      <Button onClick={p.onCancel}>Cancel</Button>
      <button type="submit" disabled={p.pending} data-testid={p.submitTestId} className={SUBMIT_TONES[p.tone ?? "primary"]}>
        {p.pending ? p.pendingLabel : p.submit}
      </button>
    </div>
  );
}
