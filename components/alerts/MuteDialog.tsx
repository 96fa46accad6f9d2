"use client";

import { useId, useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import { formatUntil } from "@/components/pauses/pause-text";
import { toLocalInput, untilIso } from "@/components/pauses/until-presets";
import { UntilInput } from "@/components/pauses/UntilInput";
import { contractResolver } from "@/components/ui/contract-resolver";
import { Modal, DialogActions } from "@/components/ui/Dialog";
import { FieldMessage } from "@/components/ui/Field";
import { errorMessage } from "@/components/ui/field-error";
import { InlineError } from "@/components/ui/InlineError";
import { labelCls } from "@/components/ui/form-styles";
import { useMuteAlert } from "@/hooks/use-alerts";
import { muteSchema } from "@/lib/contracts/alerts";
import { type AlertLike, kindLabel, MUTE_PRESETS, muteSubject, subjectParts } from "./alert-text";

const chip =
  "rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap border-slate-300 bg-white text-slate-700 hover:bg-slate-50 aria-pressed:border-violet-500 aria-pressed:bg-violet-50 aria-pressed:text-violet-900";

/** The input: the end as the datetime-local box holds it. */
type Draft = { until: string };
type MuteBody = z.output<typeof muteSchema>;

/**
 * Mute one (kind, subject) until a time: a preset or a date and time. The alert still opens and
 * resolves; it leaves the header count and destinations skip it until then.
 */
export function MuteDialog({ alert, onClose }: { alert: AlertLike; onClose(): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  // The route's schema (lib/contracts/alerts.ts) checks the end: a time, in the future, at most a year ahead.
  const resolver = useMemo(
    () =>
      contractResolver(
        muteSchema,
        (d: Draft) => ({ ...muteSubject(alert), until: untilIso(d.until) ?? undefined }),
        () => "until",
      ),
    [alert],
  );
  // Typing or a preset clears the refusal rather than re-checking each change (reValidateMode onSubmit).
  const { register, handleSubmit, watch, setValue, clearErrors, formState } = useForm<Draft, unknown, MuteBody>({
    resolver,
    reValidateMode: "onSubmit",
    defaultValues: { until: toLocalInput(new Date(Date.now() + MUTE_PRESETS[1].ms)) },
  });
  const mute = useMuteAlert(() => ref.current?.close());
  const until = watch("until");
  const at = untilIso(until);
  // The contract's two "custom" refusals (past, too far) told apart by the value, in the dialog's words.
  const say = {
    invalid_type: "Pick a date and time.",
    invalid_format: "Pick a date and time.",
    custom: at && Date.parse(at) <= Date.now() ? "Pick a time in the future." : "At most a year from now.",
  };
  const error = errorMessage(formState.errors.until, say) ?? fieldMessage(mute.error, "until");
  const edit = () => {
    clearErrors("until");
    if (blamedField(mute.error) === "until") mute.reset();
  };

  return (
    <Modal
      dialogRef={ref}
      testId="mute-dialog"
      onClose={onClose}
      title={`Mute ${kindLabel(alert.kind).toLowerCase()}`}
      subtitle={
        <span className="break-words">
          {subjectParts(alert)
            .map((p) => `${p.label} ${p.code}`)
            .join(" · ")}
        </span>
      }
    >
      <form noValidate className="text-sm" onSubmit={(e) => void handleSubmit((body) => mute.mutate({ subject: muteSubject(alert), until: body.until }))(e)}>
        <div className="space-y-2 px-5 py-3">
          <label htmlFor={`${id}-until`} className={labelCls}>
            Mute until
          </label>
          <div className="flex flex-wrap gap-1.5" role="group" aria-label="Mute for">
            {MUTE_PRESETS.map((p) => {
              const value = toLocalInput(new Date(Date.now() + p.ms));
              return (
                <button
                  key={p.label}
                  type="button"
                  aria-pressed={until === value}
                  onClick={() => {
                    setValue("until", value);
                    edit();
                  }}
                  className={chip}
                >
                  {p.label}
                </button>
              );
            })}
          </div>
          <UntilInput id={`${id}-until`} testId="mute-until" error={error} {...register("until", { onChange: edit })} />
          <FieldMessage id={`${id}-until`} error={error} hint={at ? `Muted ${formatUntil(at)}: it still opens and resolves, but leaves the count and is not sent.` : "Pick when it speaks up again."} />
          {blamedField(mute.error) !== "until" && <InlineError error={mute.error} testId="mute-error" />}
        </div>
        <DialogActions place="modal" tone="violet" onCancel={() => ref.current?.close()} pending={mute.isPending} submit="Mute" pendingLabel="Muting…" submitTestId="mute-submit" />
      </form>
    </Modal>
  );
}
