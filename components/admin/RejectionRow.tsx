"use client";

import { useId, useState } from "react";
import type { Rejection } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { useResubmitRejection } from "@/hooks/use-resubmit-rejection";
import { AdminActionError } from "./AdminActionError";
import { CopyButton } from "@/components/ui/CopyButton";
import { ResubmitOutcome } from "./ResubmitOutcome";
import { stacked } from "./stacked-table";

export const REJECTION_COLUMNS = 7;

/** The raw preview, pretty-printed when it is complete JSON. */
function pretty(raw: string, complete: boolean): string {
  if (!complete) return raw;
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** Long topics (FBA_INVENTORY_AVAILABILITY_CHANGES, orders/create) may wrap after _ / . but never mid-word. */
const breakable = (s: string) => s.split(/(?<=[_/.])/).map((part, i) => (i ? [<wbr key={i} />, part] : part));

const RESULT_TONE: Record<string, string> = { accepted: "text-emerald-700", duplicate: "text-sky-700", rejected: "text-rose-700" };

/** One rejected event or delivery: reason, raw body on demand, and re-submission with its outcome inline. */
export function RejectionRow({ r, now }: { r: Rejection; now: number }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const resubmit = useResubmitRejection();
  const canResubmit = useCan("connectors.manage");
  const complete = r.rawPreview !== null && r.rawBytes <= new TextEncoder().encode(r.rawPreview).length;
  const done = !!resubmit.data || !!resubmit.error;
  const showExtra = open || done;

  return (
    <>
      <tr
        data-testid="rejection-row"
        data-id={r.id}
        data-code={r.code}
        className={`align-top [&>td]:px-3 [&>td]:py-1.5 ${stacked.row} ${showExtra ? "max-xl:border-b-0" : "[&>td]:border-b [&>td]:border-slate-100"} ${open ? "bg-slate-50" : ""}`}
      >
        <td className="text-xs whitespace-nowrap text-slate-700 max-xl:order-1">
          <time dateTime={r.receivedAt} title={formatAbsolute(r.receivedAt)}>
            {formatRelative(r.receivedAt, now)}
          </time>
        </td>
        <td className="font-mono text-xs whitespace-nowrap text-slate-700 max-xl:order-2">{r.source ?? <span className="text-slate-300">—</span>}</td>
        <td className="text-xs text-slate-600 max-xl:order-3">
          {r.provider ? (
            <>
              <span className="whitespace-nowrap">{r.provider}</span>
              {r.topic && <span className="block max-w-[16rem] font-mono text-[11px] text-slate-500">{breakable(r.topic)}</span>}
            </>
          ) : (
            <span title="POST /api/events">canonical</span>
          )}
        </td>
        <td className="max-xl:order-4">
          <span className="inline-block rounded bg-rose-50 px-1.5 py-px font-mono text-[11px] font-medium whitespace-nowrap text-rose-800 ring-1 ring-rose-600/20 ring-inset">{r.code}</span>
        </td>
        <td className={`w-full min-w-[14rem] text-xs text-slate-700 max-xl:order-5 max-xl:min-w-0 ${stacked.full}`}>
          {/* Long validator messages are clamped to two lines here; the full text is in the tooltip and under Raw. */}
          <p className={`max-w-[60rem] [overflow-wrap:anywhere] ${open ? "" : "line-clamp-2"}`} title={open ? undefined : r.message}>
            {r.message}
            {r.eventId && <span className="ml-1 font-mono text-[11px] text-slate-400">· id {r.eventId}</span>}
          </p>
        </td>
        <td className="text-xs max-xl:order-6">
          {r.resubmittedAt ? (
            <span title={formatAbsolute(r.resubmittedAt)} data-testid="resubmitted" className="block whitespace-nowrap">
              <span className={`font-medium ${RESULT_TONE[r.resubmitResult ?? ""] ?? "text-slate-700"}`}>{r.resubmitResult}</span>
              <span className="block text-[11px] text-slate-400">re-submitted {formatRelative(r.resubmittedAt, now)}</span>
            </span>
          ) : (
            <span className="text-slate-400">
              <span className="xl:hidden">re-submitted: </span>not yet
            </span>
          )}
        </td>
        <td className={`text-right whitespace-nowrap ${stacked.actions}`}>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`${id}-raw`}
            aria-label={`${open ? "Hide raw" : "Raw"} body of rejection ${r.id}`}
            onClick={() => setOpen((o) => !o)}
            className="rounded px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            {open ? "Hide raw" : "Raw"}
          </button>
          {canResubmit && (
            <button
              type="button"
              disabled={resubmit.isPending}
              onClick={() => resubmit.run(r.id)}
              aria-label={`${resubmit.isPending ? "Re-submitting" : "Re-submit"} rejection ${r.id}`}
              className="ml-1 rounded-md border border-slate-300 bg-white px-2.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
            >
              {resubmit.isPending ? "Re-submitting…" : "Re-submit"}
            </button>
          )}
        </td>
      </tr>
      {showExtra && (
        <tr className={`[&>td]:border-b [&>td]:border-slate-100 ${stacked.panelRow} ${open ? "bg-slate-50" : ""}`}>
          <td colSpan={REJECTION_COLUMNS} className={`px-3 pb-2 ${stacked.panelCell}`}>
            {done && (
              <div className="mb-1.5">
                {resubmit.data && <ResubmitOutcome result={resubmit.data} />}
                <AdminActionError error={resubmit.error} />
              </div>
            )}
            {open && (
              <div id={`${id}-raw`} data-testid="raw-preview">
                {r.rawPreview === null ? (
                  // Provider bodies are orders and customers: shown only to those who manage connectors.
                  <p className="rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-600" data-testid="raw-hidden">
                    Raw body · {formatInt(r.rawBytes)} bytes, hidden: it can hold customers&apos; names, emails and addresses, so only admins (who can re-submit it) see it.
                  </p>
                ) : (
                  <>
                    <div className="mb-1 flex items-center gap-2 text-[11px] text-slate-500">
                      <span>{complete ? `Raw body · ${formatInt(r.rawBytes)} bytes` : `First 2 KiB of ${formatInt(r.rawBytes)} bytes (the whole body is kept in the database)`}</span>
                      <CopyButton value={r.rawPreview} what="the raw body" className="ml-auto" />
                    </div>
                    <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-[12px] leading-relaxed break-all whitespace-pre-wrap text-slate-100">
                      {pretty(r.rawPreview, complete)}
                    </pre>
                  </>
                )}
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
