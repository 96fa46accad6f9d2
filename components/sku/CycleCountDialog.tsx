"use client";

import { useEffect, useId, useRef, useState } from "react";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { LocationLevel } from "@/client/api/types";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { FlashValue } from "@/components/ui/FlashValue";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls, labelCls, msgCls, primaryBtn, secondaryBtn } from "@/components/ui/form-styles";
import { useCycleCount } from "@/hooks/use-cycle-count";
import { useNow } from "@/hooks/use-now";
import { countVariance, describeVariance } from "@/lib/quantity/variance";
import type { CountOutcome } from "./count-outcome";

// Mirrors server/counts/record-cycle-count.ts `cycleCountSchema`.
const MAX_QUANTITY = 1_000_000_000;
const MAX_NOTE = 500;

function quantityProblem(raw: string): string | undefined {
  const s = raw.trim().replace(/[,\s_]/g, "");
  if (!s) return "Enter the number of units counted (0 if the shelf is empty).";
  if (!/^\d+$/.test(s)) return /^-/.test(s) ? "A count cannot be negative." : "A whole number of units.";
  if (Number(s) > MAX_QUANTITY) return `At most ${formatInt(MAX_QUANTITY)}.`;
  return undefined;
}
const parseQuantity = (raw: string) => Number(raw.trim().replace(/[,\s_]/g, ""));

/**
 * Record a cycle count of one SKU at one location: what was physically counted. It becomes a
 * cycle_count event; the page updates live when the server folds it in.
 */
export function CycleCountDialog({ code, location, onClose }: { code: string; location: LocationLevel; onClose(outcome?: CountOutcome): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const now = useNow(30_000);
  const [quantity, setQuantity] = useState("");
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<{ quantity?: string; note?: string }>({});
  const outcome = useRef<CountOutcome | undefined>(undefined);
  const count = useCycleCount(code, (result, body) => {
    outcome.current = { sku: code, location: location.code, quantity: body.quantity, result };
    ref.current?.close();
  });

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      qtyRef.current?.focus();
    }
  }, []);

  const served = blamedField(count.error);
  const qtyError = problems.quantity ?? fieldMessage(count.error, "quantity");
  const noteError = problems.note ?? fieldMessage(count.error, "note");
  const locationError = fieldMessage(count.error, "location");
  const valid = !quantityProblem(quantity);
  const variance = valid ? countVariance(location.onHand, parseQuantity(quantity)) : null;

  const submit = () => {
    const p = { quantity: quantityProblem(quantity), note: note.trim().length > MAX_NOTE ? `At most ${MAX_NOTE} characters.` : undefined };
    setProblems(p);
    if (p.quantity) return qtyRef.current?.focus();
    if (p.note) return;
    count.mutate({ location: location.code, quantity: parseQuantity(quantity), ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-testid="cycle-count-dialog"
      onClose={() => onClose(outcome.current)}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <div>
            <h2 id={`${id}-title`} className="text-base font-semibold">
              Cycle count
            </h2>
            <p className="text-xs text-slate-500">
              <span className="font-mono">{code}</span> at <span className="font-medium text-slate-700">{location.code}</span> {location.name}
            </p>
          </div>
          <button type="button" onClick={() => ref.current?.close()} aria-label="Close" className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900">
            ✕
          </button>
        </div>

        <div className="space-y-4 px-5 py-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">On hand now</dt>
            <dd className="font-semibold tabular-nums" data-testid="count-on-hand">
              <FlashValue value={location.onHand}>{formatInt(location.onHand)}</FlashValue>
            </dd>
            <dt className="text-slate-500">Last counted</dt>
            <dd className="text-slate-600">{location.lastCountAt ? <time dateTime={location.lastCountAt} title={formatAbsolute(location.lastCountAt)}>{formatRelative(location.lastCountAt, now)}</time> : "never"}</dd>
          </dl>
          {locationError && (
            <p role="alert" className="text-xs text-rose-700" data-testid="count-location-error">
              {locationError}
            </p>
          )}

          <div>
            <label htmlFor={`${id}-qty`} className={labelCls}>
              Counted quantity
            </label>
            <input
              ref={qtyRef}
              id={`${id}-qty`}
              data-testid="count-quantity"
              className={`${inputCls} mt-1 w-40 tabular-nums`}
              value={quantity}
              onChange={(e) => {
                setQuantity(e.target.value);
                setProblems((p) => ({ ...p, quantity: undefined }));
                if (served === "quantity") count.reset();
              }}
              inputMode="numeric"
              autoComplete="off"
              placeholder="0"
              aria-invalid={qtyError ? true : undefined}
              aria-describedby={`${id}-qty-msg`}
            />
            <p id={`${id}-qty-msg`} className={msgCls(qtyError)} data-testid="count-quantity-msg">
              {qtyError ??
                (variance === null
                  ? "Units physically at the location now, damaged and unchecked ones included."
                  : variance === 0
                    ? "Matches on hand: recorded as a count with no variance."
                    : `Variance ${formatSigned(variance)} (on hand − counted): ${describeVariance(variance)}.`)}
            </p>
          </div>

          <div>
            <label htmlFor={`${id}-note`} className={labelCls}>
              Note <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              id={`${id}-note`}
              data-testid="count-note"
              rows={2}
              className={`${inputCls} mt-1 h-auto py-1.5`}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                setProblems((p) => ({ ...p, note: undefined }));
                if (served === "note") count.reset();
              }}
              maxLength={MAX_NOTE + 50}
              placeholder="e.g. bin B-14 recounted after a mis-pick"
              aria-invalid={noteError ? true : undefined}
              aria-describedby={`${id}-note-msg`}
            />
            <p id={`${id}-note-msg`} className={msgCls(noteError)}>
              {noteError ?? "Kept with the count in the ledger."}
            </p>
          </div>

          {served !== "quantity" && served !== "note" && served !== "location" && <InlineError error={count.error} testId="count-error" />}
        </div>

        <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
          <button type="button" onClick={() => ref.current?.close()} className={secondaryBtn}>
            Cancel
          </button>
          <button type="submit" data-testid="count-submit" disabled={count.isPending} className={primaryBtn}>
            {count.isPending ? "Recording…" : "Record count"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
