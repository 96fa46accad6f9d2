"use client";

import { useState } from "react";
import { useCan } from "@/components/auth/ViewerProvider";
import { When } from "@/components/ui/When";
import { formatUntil } from "@/components/pauses/pause-text";
import { DataTable } from "@/components/ui/DataTable";
import { InlineError } from "@/components/ui/InlineError";
import { smallBtn } from "@/components/ui/form-styles";
import { useAcknowledgeAlert, useUnmuteAlert, type AlertView } from "@/hooks/use-alerts";
import { useNow } from "@/hooks/use-now";
import { kindLabel, muteSubject, subjectParts, valueText } from "./alert-text";
import { MuteDialog } from "./MuteDialog";
import { SubjectCode } from "./SubjectCode";

/** Open, resolved and muted in words and colour (never colour alone). */
export function AlertStatePill({ a }: { a: AlertView }) {
  const [label, cls] =
    a.state === "resolved"
      ? ["Resolved", "bg-emerald-50 text-emerald-800 ring-emerald-600/20"]
      : a.muted
        ? ["Muted", "bg-violet-50 text-violet-800 ring-violet-600/20"]
        : ["Open", "bg-rose-50 text-rose-800 ring-rose-600/25"];
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${cls}`}>{label}</span>;
}

function Subject({ a }: { a: AlertView }) {
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-0.5">
      {subjectParts(a).map((p) => (
        <span key={p.label} className="min-w-0">
          <span className="text-xs text-slate-500">{p.label} </span>
          <SubjectCode part={p} className="font-mono text-xs break-all" linkCls="font-medium text-slate-900" />
        </span>
      ))}
    </span>
  );
}

/** Acknowledge (anyone who reads), Mute… and Unmute (merchandiser and above). */
export function AlertActions({ a }: { a: AlertView }) {
  const canMute = useCan("alerts.mute");
  const ack = useAcknowledgeAlert();
  const unmute = useUnmuteAlert();
  const [muting, setMuting] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-1.5 lg:flex-nowrap">
      {a.state === "open" && !a.acknowledgedBy && (
        <button type="button" className={smallBtn} data-testid="alert-ack" disabled={ack.isPending} onClick={() => ack.mutate(a.id)}>
          {ack.isPending ? "Acknowledging…" : "Acknowledge"}
        </button>
      )}
      {canMute &&
        (a.muted ? (
          <button type="button" className={smallBtn} data-testid="alert-unmute" disabled={unmute.isPending} onClick={() => unmute.mutate(muteSubject(a))}>
            {unmute.isPending ? "Unmuting…" : "Unmute"}
          </button>
        ) : (
          <button type="button" className={smallBtn} data-testid="alert-mute" onClick={() => setMuting(true)}>
            Mute…
          </button>
        ))}
      {muting && <MuteDialog alert={a} onClose={() => setMuting(false)} />}
      <InlineError error={ack.error ?? unmute.error} className="basis-full" />
    </div>
  );
}

function Ack({ a, now }: { a: AlertView; now: number }) {
  if (!a.acknowledgedBy) return <span className="text-slate-400">—</span>;
  return (
    <span data-testid="alert-acked-by">
      {a.acknowledgedBy}
      {a.acknowledgedAt && (
        <span className="text-slate-500">
          {" "}
          · <When iso={a.acknowledgedAt} now={now} className="whitespace-nowrap" />
        </span>
      )}
    </span>
  );
}

/**
 * Alerts as a table from 1024 px and a card per alert below (the Oversells list's markup: one
 * table whose rows become grids). `showSubject` is off on a SKU page, where the SKU goes without saying.
 */
export function AlertList({ alerts, stale = false, testId = "alerts-table" }: { alerts: AlertView[]; stale?: boolean; testId?: string }) {
  const now = useNow();
  return (
    <DataTable
      layout="static"
      responsive="lg"
      stale={stale}
      testId={testId}
      caption="Alerts: what was found, about what, since when, and who acknowledged it"
      columns={["State", "Alert", "Subject", { label: "First · last seen", title: "When the condition started, and when it was last seen" }, "Acknowledged by", { label: "Actions", hidden: true }]}
      rows={alerts}
      rowKey={(a) => a.id}
      row={(a) => (
        <tr
          data-testid="alert-row"
          data-alert-id={a.id}
          data-kind={a.kind}
          data-state={a.state}
          data-muted={a.muted || undefined}
          className={`border-b border-slate-100 align-top last:border-0 max-lg:grid max-lg:grid-cols-[auto_1fr] max-lg:gap-x-3 max-lg:gap-y-1.5 max-lg:px-3 max-lg:py-3 [&>td]:lg:px-3 [&>td]:lg:py-2.5 ${a.state === "resolved" ? "text-slate-500" : ""}`}
        >
          <td className="max-lg:row-span-1">
            <AlertStatePill a={a} />
            {a.muted && a.mutedUntil && <div className="mt-0.5 text-[11px] whitespace-nowrap text-violet-700">{formatUntil(a.mutedUntil)}</div>}
          </td>
          <td className="min-w-0">
            <div className="font-medium text-slate-900">{kindLabel(a.kind)}</div>
            <div className="text-xs text-slate-600" data-testid="alert-value">
              {valueText(a)}
            </div>
          </td>
          <td className="min-w-0 max-lg:col-span-2">
            <Subject a={a} />
          </td>
          <td className="text-xs text-slate-700 max-lg:col-span-2">
            <span className="text-slate-500 lg:hidden">Since </span>
            <When iso={a.firstSeenAt} now={now} className="whitespace-nowrap" /> <span className="text-slate-400">·</span> <span className="text-slate-500 lg:hidden">last seen </span>
            <When iso={a.resolvedAt ?? a.lastSeenAt} now={now} className="whitespace-nowrap" />
            {a.openings > 1 && <span className="ml-1 text-slate-500">({a.openings}× opened)</span>}
          </td>
          <td className={`text-xs text-slate-700 max-lg:col-span-2 ${a.acknowledgedBy ? "" : "max-lg:hidden"}`}>
            <span className="text-slate-500 lg:hidden">Acknowledged by </span>
            <Ack a={a} now={now} />
          </td>
          <td className="max-lg:col-span-2 lg:w-0 lg:whitespace-nowrap">
            <AlertActions a={a} />
          </td>
        </tr>
      )}
    />
  );
}
