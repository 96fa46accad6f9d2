"use client";

import { useEffect, useRef, useState } from "react";
import { errorText } from "@/client/api/error-text";
import { useCan } from "@/components/auth/ViewerProvider";
import { InlineError } from "@/components/ui/InlineError";
import { smallBtn } from "@/components/ui/form-styles";
import { useEndPause } from "@/hooks/use-end-pause";
import { findPause, usePauses } from "@/hooks/use-pauses";
import { PauseDialog } from "./PauseDialog";
import { PauseIcon, ResumeIcon } from "./PauseIcons";
import { pauseButtonText, pauseSummary, resumeButtonText, scopeText } from "./pause-text";

const iconBtn = "inline-flex size-6 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-600 hover:bg-slate-50 hover:text-slate-900 disabled:opacity-60";

/**
 * Pause or resume exactly this scope: a channel, a SKU on every channel, or one (channel, SKU).
 * Shows the pause with that exact scope only; a wider pause shows on the numbers it covers.
 */
export function PauseControl({ channel, sku, compact = false }: { channel?: string; sku?: string; compact?: boolean }) {
  const can = useCan("pauses.write");
  const pauses = usePauses();
  const end = useEndPause();
  const [open, setOpen] = useState(false);
  const pause = findPause(pauses.data?.pauses, channel, sku);
  const scope = scopeText(channel, sku);
  const pauseText = pauseButtonText(channel, sku);
  const resumeText = resumeButtonText(channel, sku);
  // After Resume, focus the Pause button that takes its place (the dialog handles the other way).
  const refocus = useRef(false);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const resumeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (pause ? resumeRef : pauseRef).current?.focus();
  }, [pause]);

  const state = pause ? "paused" : pauses.data ? "active" : pauses.isError ? "error" : "loading";
  const wrap = `inline-flex max-w-full items-center gap-1.5 ${compact ? "" : "flex-wrap"}`;

  let body: React.ReactNode;
  if (!pauses.data) {
    // Read-only viewers see pauses on the numbers themselves; a failed read matters to those who act.
    if (pauses.isError) {
      body = can && (
        <span role="alert" title={errorText(pauses.error)} className="text-xs text-rose-700">
          {compact ? "!" : "Pause status unavailable"}
          {compact && <span className="sr-only">Pause status unavailable: {errorText(pauses.error)}</span>}
        </span>
      );
    } else {
      // A table of spinners would be noise: compact ones just keep their place.
      body = compact ? (
        <span aria-hidden className="inline-block size-6" />
      ) : (
        <span role="status" aria-label="Loading pause status" className="inline-block size-3 animate-spin rounded-full border-2 border-slate-200 border-t-slate-500" />
      );
    }
  } else if (pause) {
    const summary = pauseSummary({ reason: pause.reason, by: pause.createdBy, until: pause.until });
    body = (
      <>
        <span
          data-testid="paused-badge"
          title={`Paused ${summary}`}
          className="inline-flex min-w-0 items-center gap-1 rounded-full bg-amber-50 px-2 py-px text-[11px] font-medium whitespace-nowrap text-amber-900 ring-1 ring-amber-600/30 ring-inset"
        >
          <span aria-hidden className="size-1.5 rounded-full bg-amber-500" />
          Paused
          {compact && <span className="sr-only"> {summary}</span>}
        </span>
        {!compact && <span className="min-w-0 text-xs text-amber-900">{summary}</span>}
        {can && (
          <button
            ref={resumeRef}
            type="button"
            data-testid="resume-button"
            disabled={end.isPending}
            onClick={() => {
              refocus.current = true;
              end.mutate(pause.id);
            }}
            // Icon-only when compact: the name is all there is. Otherwise it starts with the visible word.
            aria-label={end.isPending && !compact ? `Resuming ${scope}` : resumeText.name}
            title={compact ? resumeText.name : undefined}
            className={compact ? `${iconBtn} text-emerald-700` : `${smallBtn} text-emerald-700`}
          >
            {compact ? <ResumeIcon /> : end.isPending ? "Resuming…" : resumeText.text}
          </button>
        )}
      </>
    );
  } else if (can) {
    body = (
      <button
        ref={pauseRef}
        type="button"
        data-testid="pause-button"
        onClick={() => {
          end.reset();
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-label={compact ? `Pause ${scope}` : pauseText.name}
        title={compact ? `Pause ${scope}` : undefined}
        className={compact ? iconBtn : smallBtn}
      >
        {compact ? <PauseIcon /> : pauseText.text}
      </button>
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: only stops a click inside the control from reaching the clickable row around it; the buttons inside are the interactive parts
    <div
      data-testid="pause-control"
      data-state={state}
      data-channel={channel}
      data-sku={sku}
      // Inside a clickable stock row: using the control must not open the SKU.
      onClick={(e) => e.stopPropagation()}
      className={compact ? "inline-flex flex-col items-end gap-0.5" : "flex flex-col gap-1"}
    >
      <div className={wrap}>{body}</div>
      <InlineError error={end.error} testId="pause-error" className={compact ? "max-w-[14rem] text-right whitespace-normal" : ""} />
      {open && (
        <PauseDialog
          channel={channel}
          sku={sku}
          onClose={(paused) => {
            setOpen(false);
            // The new pause is already in the cache when the dialog closes, so Resume is on screen.
            setTimeout(() => (paused ? resumeRef : pauseRef).current?.focus());
          }}
        />
      )}
    </div>
  );
}
