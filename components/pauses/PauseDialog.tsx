"use client";

import { useEffect, useId, useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { CreatePauseBody } from "@/client/api/types";
import { Button } from "@/components/ui/Button";
import { contractResolver } from "@/components/ui/contract-resolver";
import { FieldMessage } from "@/components/ui/Field";
import { errorMessage } from "@/components/ui/field-error";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls, labelCls } from "@/components/ui/form-styles";
import { useCreatePause } from "@/hooks/use-create-pause";
import { createPauseSchema, MAX_PAUSE_REASON } from "@/lib/contracts/pauses";
import { formatUntil, scopeText } from "./pause-text";
import { REASON_PICKS, toLocalInput, UNTIL_PRESETS, untilIso } from "./until-presets";
import { UntilInput } from "./UntilInput";
import { DialogActions } from "@/components/ui/Dialog";

const chip =
  "rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap border-slate-300 bg-white text-slate-700 hover:bg-slate-50 aria-pressed:border-amber-500 aria-pressed:bg-amber-50 aria-pressed:text-amber-900";

/** The inputs: the reason as typed, the end as the datetime-local box holds it (empty: until resumed). */
interface Draft {
  reason: string;
  until: string;
}

/** The body the draft makes; the route's schema (lib/contracts/pauses.ts) judges it. A box that is not a date is sent as typed, which it refuses. */
const toBody =
  (channel: string | undefined, sku: string | undefined) =>
  (d: Draft): CreatePauseBody => ({
    ...(channel ? { channel } : {}),
    ...(sku ? { sku } : {}),
    reason: d.reason,
    ...(d.until ? { until: untilIso(d.until) ?? d.until } : {}),
  });

const SAY = {
  reason: { too_small: "Say why, so others know (pick one above or type it).", too_big: `At most ${MAX_PAUSE_REASON} characters.` },
  until: { invalid_format: "Not a date and time.", custom: "Pick a time in the future." },
};

/** Pause a channel, a SKU or one (channel, SKU): a reason, and optionally when it resumes by itself. */
export function PauseDialog({ channel, sku, onClose }: { channel?: string; sku?: string; onClose(paused: boolean): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  // Only the fields the draft holds: a refusal of channel or sku is the server's to say (InlineError).
  const resolver = useMemo(() => contractResolver(createPauseSchema, toBody(channel, sku), (path) => (path === "reason" || path === "until" ? path : null)), [channel, sku]);
  const { register, handleSubmit, watch, setValue, setFocus, clearErrors, formState } = useForm<Draft, unknown, CreatePauseBody>({ resolver, defaultValues: { reason: "", until: "" } });
  const paused = useRef(false);
  const create = useCreatePause(() => {
    paused.current = true;
    ref.current?.close();
  });

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      setFocus("reason");
    }
  }, [setFocus]);

  const served = blamedField(create.error);
  const reasonError = errorMessage(formState.errors.reason, SAY.reason) ?? fieldMessage(create.error, "reason");
  const untilError = errorMessage(formState.errors.until, SAY.until) ?? fieldMessage(create.error, "until");
  const reason = watch("reason");
  const until = watch("until");
  const untilAt = untilIso(until);

  const editReason = (v: string) => {
    setValue("reason", v);
    clearErrors("reason");
    if (served === "reason") create.reset();
  };
  const editUntil = (v: string) => {
    setValue("until", v);
    clearErrors("until");
    if (served === "until") create.reset();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={() => onClose(paused.current)}
      // Inside a stock row: typing j/k or clicking here must not move or open the row.
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
      className="m-auto w-[calc(100%-2rem)] max-w-sm cursor-auto rounded-lg border border-slate-200 bg-white p-0 text-left text-sm font-normal whitespace-normal text-slate-900 not-italic shadow-2xl backdrop:bg-slate-900/30"
    >
      <form noValidate data-testid="pause-form" onSubmit={(e) => void handleSubmit((body) => create.mutate(body))(e)}>
        <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              Pause {scopeText(channel, sku)}
            </h2>
            <p className="text-xs text-slate-500">It publishes 0 there until resumed; nothing else changes.</p>
          </div>
          <Button variant="close" onClick={() => ref.current?.close()} aria-label="Close">
            ✕
          </Button>
        </div>

        <div className="space-y-4 px-4 py-3">
          <div>
            <label htmlFor={`${id}-reason`} className={labelCls}>
              Reason
            </label>
            <div className="mt-1 mb-1.5 flex flex-wrap gap-1.5" role="group" aria-label="Common reasons">
              {REASON_PICKS.map((r) => (
                <button key={r} type="button" aria-pressed={reason.trim() === r} onClick={() => editReason(r)} className={chip}>
                  {r}
                </button>
              ))}
            </div>
            <input
              {...register("reason", { onChange: () => served === "reason" && create.reset() })}
              id={`${id}-reason`}
              data-testid="pause-reason"
              className={inputCls}
              maxLength={MAX_PAUSE_REASON + 20}
              autoComplete="off"
              placeholder="e.g. supplier recall on batch 14"
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${id}-reason-msg`}
            />
            <FieldMessage id={`${id}-reason`} error={reasonError} hint="Shown with the paused number everywhere." />
          </div>

          <div>
            <label htmlFor={`${id}-until`} className={labelCls}>
              Resume by itself <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <div className="mt-1 mb-1.5 flex flex-wrap gap-1.5" role="group" aria-label="Resume after">
              <button type="button" aria-pressed={!until} onClick={() => editUntil("")} className={chip}>
                Until resumed
              </button>
              {UNTIL_PRESETS.map((p) => {
                const value = toLocalInput(p.at(Date.now()));
                return (
                  <button key={p.label} type="button" aria-pressed={until === value} onClick={() => editUntil(toLocalInput(p.at(Date.now())))} className={chip}>
                    {p.label}
                  </button>
                );
              })}
            </div>
            <UntilInput id={`${id}-until`} testId="pause-until" error={untilError} {...register("until", { onChange: () => served === "until" && create.reset() })} />
            <FieldMessage id={`${id}-until`} error={untilError} hint={untilAt ? `Paused ${formatUntil(untilAt)}, then it resumes by itself.` : "Stays paused until someone resumes it."} />
          </div>

          {served !== "reason" && served !== "until" && <InlineError error={create.error} testId="pause-error" />}
        </div>

        <DialogActions
          place="modal"
          className="border-slate-100 px-4 py-3"
          tone="amber"
          onCancel={() => ref.current?.close()}
          pending={create.isPending}
          submit="Pause"
          pendingLabel="Pausing…"
          submitTestId="pause-submit"
        />
      </form>
    </dialog>
  );
}
