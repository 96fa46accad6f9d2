"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { LocationLevel } from "@/client/api/types";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { Modal, DialogActions } from "@/components/ui/Dialog";
import { Field, fieldProps } from "@/components/ui/Field";
import { errorMessage } from "@/components/ui/field-error";
import { FlashValue } from "@/components/ui/FlashValue";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls } from "@/components/ui/form-styles";
import { useCycleCount } from "@/hooks/use-cycle-count";
import { useNow } from "@/hooks/use-now";
import { type CycleCountBody, cycleCountSchema, MAX_COUNT_NOTE, MAX_COUNTED_UNITS } from "@/lib/contracts/counts";
import { countVariance, describeVariance } from "@/lib/quantity/variance";
import type { CountOutcome } from "./count-outcome";

/** What the inputs hold: the quantity as typed ("1,200" is fine), the note. */
const draftSchema = z.object({ quantity: z.string(), note: z.string() });
type Draft = z.infer<typeof draftSchema>;

/** Typed text → units; empty or not a number → NaN, which the contract refuses. */
const parseQuantity = (raw: string) => {
  const s = raw.trim().replace(/[,\s_]/g, "");
  return s === "" ? Number.NaN : Number(s);
};
/** The request body the draft makes, checked by the route's own schema (lib/contracts/counts.ts). */
const bodySchema = (location: string) =>
  draftSchema.transform((d): CycleCountBody => ({ location, quantity: parseQuantity(d.quantity), ...(d.note.trim() ? { note: d.note.trim() } : {}) })).pipe(cycleCountSchema);

/**
 * Record a cycle count of one SKU at one location: what was physically counted. It becomes a
 * cycle_count event; the page updates live when the server folds it in.
 */
export function CycleCountDialog({ code, location, onClose }: { code: string; location: LocationLevel; onClose(outcome?: CountOutcome): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const now = useNow(30_000);
  const resolver = useMemo(() => zodResolver(bodySchema(location.code)), [location.code]);
  const { register, handleSubmit, watch, setFocus, formState } = useForm<Draft, unknown, z.output<typeof cycleCountSchema>>({ resolver, defaultValues: { quantity: "", note: "" } });
  const outcome = useRef<CountOutcome | undefined>(undefined);
  const count = useCycleCount(code, (result, body) => {
    outcome.current = { sku: code, location: location.code, quantity: body.quantity, result };
    ref.current?.close();
  });

  // After the dialog's showModal (a child's effect runs first).
  useEffect(() => setFocus("quantity"), [setFocus]);

  const served = blamedField(count.error);
  const typed = watch("quantity");
  const qtyError =
    errorMessage(formState.errors.quantity, {
      invalid_type: typed.trim() ? "A whole number of units." : "Enter the number of units counted (0 if the shelf is empty).",
      too_small: "A count cannot be negative.",
      too_big: `At most ${formatInt(MAX_COUNTED_UNITS)}.`,
    }) ?? fieldMessage(count.error, "quantity");
  const noteError = errorMessage(formState.errors.note, { too_big: `At most ${MAX_COUNT_NOTE} characters.` }) ?? fieldMessage(count.error, "note");
  const locationError = fieldMessage(count.error, "location");
  const units = parseQuantity(typed);
  const variance = cycleCountSchema.shape.quantity.safeParse(units).success ? countVariance(location.onHand, units) : null;
  const resetServed = (field: string) => () => served === field && count.reset();

  return (
    <Modal
      dialogRef={ref}
      testId="cycle-count-dialog"
      onClose={() => onClose(outcome.current)}
      title="Cycle count"
      subtitle={
        <>
          <span className="font-mono">{code}</span> at <span className="font-medium text-slate-700">{location.code}</span> {location.name}
        </>
      }
    >
      <form noValidate onSubmit={(e) => void handleSubmit((body) => count.mutate(body))(e)}>
        <div className="space-y-4 px-5 py-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">On hand now</dt>
            <dd className="font-semibold tabular-nums" data-testid="count-on-hand">
              <FlashValue value={location.onHand}>{formatInt(location.onHand)}</FlashValue>
            </dd>
            <dt className="text-slate-500">Last counted</dt>
            <dd className="text-slate-600">
              {location.lastCountAt ? (
                <time dateTime={location.lastCountAt} title={formatAbsolute(location.lastCountAt)}>
                  {formatRelative(location.lastCountAt, now)}
                </time>
              ) : (
                "never"
              )}
            </dd>
          </dl>
          {locationError && (
            <p role="alert" className="text-xs text-rose-700" data-testid="count-location-error">
              {locationError}
            </p>
          )}

          <Field
            id={`${id}-qty`}
            label="Counted quantity"
            error={qtyError}
            msgTestId="count-quantity-msg"
            hint={
              variance === null
                ? "Units physically at the location now, damaged and unchecked ones included."
                : variance === 0
                  ? "Matches on hand: recorded as a count with no variance."
                  : `Variance ${formatSigned(variance)} (on hand − counted): ${describeVariance(variance)}.`
            }
          >
            <input
              {...fieldProps(`${id}-qty`, "quantity", qtyError)}
              {...register("quantity", { onChange: resetServed("quantity") })}
              data-testid="count-quantity"
              className={`${inputCls} w-40 tabular-nums`}
              inputMode="numeric"
              autoComplete="off"
              placeholder="0"
            />
          </Field>

          <Field id={`${id}-note`} label="Note" optional error={noteError} hint="Kept with the count in the ledger.">
            <textarea
              {...fieldProps(`${id}-note`, "note", noteError)}
              {...register("note", { onChange: resetServed("note") })}
              data-testid="count-note"
              rows={2}
              className={`${inputCls} h-auto py-1.5`}
              maxLength={MAX_COUNT_NOTE + 50}
              placeholder="e.g. bin B-14 recounted after a mis-pick"
            />
          </Field>

          {served !== "quantity" && served !== "note" && served !== "location" && <InlineError error={count.error} testId="count-error" />}
        </div>

        <DialogActions place="modal" onCancel={() => ref.current?.close()} pending={count.isPending} submit="Record count" pendingLabel="Recording…" submitTestId="count-submit" />
      </form>
    </Modal>
  );
}
