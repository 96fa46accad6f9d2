"use client";

import { useEffect, useId, useRef, useState } from "react";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls, labelCls, msgCls, secondaryBtn } from "@/components/ui/form-styles";
import { useCreatePause } from "@/hooks/use-create-pause";
import { formatUntil, scopeText } from "./pause-text";
import { MAX_REASON, REASON_PICKS, toLocalInput, UNTIL_PRESETS, untilIso } from "./until-presets";

const chip = "rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap border-slate-300 bg-white text-slate-700 hover:bg-slate-50 aria-pressed:border-amber-500 aria-pressed:bg-amber-50 aria-pressed:text-amber-900";

/** Pause a channel, a SKU or one (channel, SKU): a reason, and optionally when it resumes by itself. */
export function PauseDialog({ channel, sku, onClose }: { channel?: string; sku?: string; onClose(paused: boolean): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [problems, setProblems] = useState<{ reason?: string; until?: string }>({});
  const paused = useRef(false);
  const create = useCreatePause(() => {
    paused.current = true;
    ref.current?.close();
  });

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      reasonRef.current?.focus();
    }
  }, []);

  const served = blamedField(create.error);
  const reasonError = problems.reason ?? fieldMessage(create.error, "reason");
  const untilError = problems.until ?? fieldMessage(create.error, "until");
  const untilAt = untilIso(until);

  const submit = () => {
    const r = reason.trim();
    const p = {
      reason: !r ? "Say why, so others know (pick one above or type it)." : r.length > MAX_REASON ? `At most ${MAX_REASON} characters.` : undefined,
      until: until && !untilAt ? "Not a date and time." : untilAt && new Date(untilAt).getTime() <= Date.now() ? "Pick a time in the future." : undefined,
    };
    setProblems(p);
    if (p.reason) return reasonRef.current?.focus();
    if (p.until) return;
    create.mutate({ ...(channel ? { channel } : {}), ...(sku ? { sku } : {}), reason: r, ...(untilAt ? { until: untilAt } : {}) });
  };
  const editReason = (v: string) => {
    setReason(v);
    setProblems((p) => ({ ...p, reason: undefined }));
    if (served === "reason") create.reset();
  };
  const editUntil = (v: string) => {
    setUntil(v);
    setProblems((p) => ({ ...p, until: undefined }));
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
      <form
        noValidate
        data-testid="pause-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              Pause {scopeText(channel, sku)}
            </h2>
            <p className="text-xs text-slate-500">It publishes 0 there until resumed; nothing else changes.</p>
          </div>
          <button type="button" onClick={() => ref.current?.close()} aria-label="Close" className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900">
            ✕
          </button>
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
              ref={reasonRef}
              id={`${id}-reason`}
              data-testid="pause-reason"
              className={inputCls}
              value={reason}
              onChange={(e) => editReason(e.target.value)}
              maxLength={MAX_REASON + 20}
              autoComplete="off"
              placeholder="e.g. supplier recall on batch 14"
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${id}-reason-msg`}
            />
            <p id={`${id}-reason-msg`} className={msgCls(reasonError)}>
              {reasonError ?? "Shown with the paused number everywhere."}
            </p>
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
            <input
              id={`${id}-until`}
              data-testid="pause-until"
              type="datetime-local"
              className={`${inputCls} w-56 tabular-nums`}
              value={until}
              min={toLocalInput(new Date())}
              onChange={(e) => editUntil(e.target.value)}
              aria-invalid={untilError ? true : undefined}
              aria-describedby={`${id}-until-msg`}
            />
            <p id={`${id}-until-msg`} className={msgCls(untilError)}>
              {untilError ?? (untilAt ? `Paused ${formatUntil(untilAt)}, then it resumes by itself.` : "Stays paused until someone resumes it.")}
            </p>
          </div>

          {served !== "reason" && served !== "until" && <InlineError error={create.error} testId="pause-error" />}
        </div>

        <div className="flex justify-end gap-2 border-t border-slate-100 px-4 py-3">
          <button type="button" onClick={() => ref.current?.close()} className={secondaryBtn}>
            Cancel
          </button>
          <button type="submit" data-testid="pause-submit" disabled={create.isPending} className="rounded-md bg-amber-600 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60">
            {create.isPending ? "Pausing…" : "Pause"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
