"use client";

import { useEffect, useId, useRef, useState } from "react";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import { formatUntil } from "@/components/pauses/pause-text";
import { toLocalInput, untilIso } from "@/components/pauses/until-presets";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls, labelCls, msgCls, secondaryBtn } from "@/components/ui/form-styles";
import { useMuteAlert } from "@/hooks/use-alerts";
import { kindLabel, MUTE_PRESETS, muteSubject, subjectParts, type AlertLike } from "./alert-text";

const chip =
  "rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap border-slate-300 bg-white text-slate-700 hover:bg-slate-50 aria-pressed:border-violet-500 aria-pressed:bg-violet-50 aria-pressed:text-violet-900";
const YEAR_MS = 365 * 86_400_000;

/**
 * Mute one (kind, subject) until a time: a preset or a date and time. The alert still opens and
 * resolves; it leaves the header count and destinations skip it until then.
 */
export function MuteDialog({ alert, onClose }: { alert: AlertLike; onClose(): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [until, setUntil] = useState(() => toLocalInput(new Date(Date.now() + MUTE_PRESETS[1].ms)));
  const [problem, setProblem] = useState<string>();
  const mute = useMuteAlert(() => ref.current?.close());

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const at = untilIso(until);
  const error = problem ?? fieldMessage(mute.error, "until");
  const submit = () => {
    const p = !at
      ? "Pick a date and time."
      : new Date(at).getTime() <= Date.now()
        ? "Pick a time in the future."
        : new Date(at).getTime() > Date.now() + YEAR_MS
          ? "At most a year from now."
          : undefined;
    setProblem(p);
    if (p || !at) return;
    mute.mutate({ subject: muteSubject(alert), until: at });
  };
  const edit = (v: string) => {
    setUntil(v);
    setProblem(undefined);
    if (blamedField(mute.error) === "until") mute.reset();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-testid="mute-dialog"
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-sm rounded-lg border border-slate-200 bg-white p-0 text-left text-sm text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              Mute {kindLabel(alert.kind).toLowerCase()}
            </h2>
            <p className="text-xs break-words text-slate-500">
              {subjectParts(alert)
                .map((p) => `${p.label} ${p.code}`)
                .join(" · ")}
            </p>
          </div>
          <button type="button" onClick={() => ref.current?.close()} aria-label="Close" className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900">
            ✕
          </button>
        </div>
        <div className="space-y-2 px-4 py-3">
          <label htmlFor={`${id}-until`} className={labelCls}>
            Mute until
          </label>
          <div className="flex flex-wrap gap-1.5" role="group" aria-label="Mute for">
            {MUTE_PRESETS.map((p) => (
              <button key={p.label} type="button" aria-pressed={until === toLocalInput(new Date(Date.now() + p.ms))} onClick={() => edit(toLocalInput(new Date(Date.now() + p.ms)))} className={chip}>
                {p.label}
              </button>
            ))}
          </div>
          <input
            id={`${id}-until`}
            data-testid="mute-until"
            type="datetime-local"
            className={`${inputCls} w-56 tabular-nums`}
            value={until}
            min={toLocalInput(new Date())}
            onChange={(e) => edit(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-until-msg`}
          />
          <p id={`${id}-until-msg`} className={msgCls(error)}>
            {error ?? (at ? `Muted ${formatUntil(at)}: it still opens and resolves, but leaves the count and is not sent.` : "Pick when it speaks up again.")}
          </p>
          {blamedField(mute.error) !== "until" && <InlineError error={mute.error} testId="mute-error" />}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-100 px-4 py-3">
          <button type="button" onClick={() => ref.current?.close()} className={secondaryBtn}>
            Cancel
          </button>
          <button
            type="submit"
            data-testid="mute-submit"
            disabled={mute.isPending}
            className="rounded-md bg-violet-700 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-violet-800 disabled:opacity-60"
          >
            {mute.isPending ? "Muting…" : "Mute"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
