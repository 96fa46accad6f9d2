"use client";

import { DoneNotice } from "@/components/ui/DoneNotice";
import { PageHeader } from "@/components/ui/PageHeader";
import { useState } from "react";
import { AdminActionError } from "@/components/admin/AdminActionError";
import { SecretOnce } from "@/components/admin/SecretOnce";
import { formatInt } from "@/client/format/numbers";
import { When } from "@/components/ui/When";
import { ConfirmStrip } from "@/components/ui/ConfirmStrip";
import { QueryStates } from "@/components/ui/QueryStates";
import { LoadingRegion, SkeletonCards } from "@/components/ui/Skeleton";
import { primaryBtn, smallBtn } from "@/components/ui/form-styles";
import { useAlertDestinations, useDeleteAlertDestination, type AlertDestinationView, type SavedDestination } from "@/hooks/use-alert-destinations";
import { useNow } from "@/hooks/use-now";
import type { AlertKind } from "@/lib/alerts/kinds";
import { kindLabel } from "./alert-text";
import { AlertsTabs } from "./AlertsTabs";
import { DestinationFormDialog } from "./DestinationFormDialog";
import { destinationStatus, STATUS_TEXT } from "./destination-text";
import { SetupGuide } from "@/components/ui/SetupGuide";
import { useReveal } from "@/hooks/use-reveal";

type Dialog = { mode: "add" } | { mode: "edit"; d: AlertDestinationView } | null;
/** A secret Onepool made (a new standard destination) or the form made (rotation): shown once. */
type Once = { name: string; secret: string; rotated: boolean };

/** `/alerts/destinations` (admins): where alerts are sent, whether each is taking them; add, edit, delete. */
export function AlertDestinationsPage() {
  const q = useAlertDestinations();
  const now = useNow(15_000);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [once, setOnce] = useState<Once | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = q.data?.destinations ?? null;

  const onSaved = (saved: (SavedDestination & { rotated?: string }) | undefined, editing: boolean) => {
    setDialog(null);
    if (!saved) return;
    const secret = saved.secret ?? saved.rotated;
    setOnce(secret ? { name: saved.name, secret, rotated: !!saved.rotated } : null);
    setNotice(secret ? null : `${editing ? "Saved" : "Added"} ${saved.name}.${saved.enabled ? "" : " It is off: nothing is queued for it."}`);
  };

  const body = (
    <QueryStates
      query={q}
      errorTitle="Couldn't load the alert destinations"
      shown="list received"
      loading={
        <LoadingRegion testId="destinations-loading" label="Loading the alert destinations…">
          <SkeletonCards list count={3} className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3" bars={["h-4 w-1/3", "mt-3 h-3.5", "mt-2 h-3.5 w-2/3", "mt-4 h-6 w-1/2"]} />
        </LoadingRegion>
      }
      empty={<EmptyState onAdd={() => setDialog({ mode: "add" })} />}
      isEmpty={(data) => data.destinations.length === 0}
    >
      {({ destinations }) => (
        <>
          <ul className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3" data-testid="destinations">
            {destinations.map((d) => (
              <DestinationCard key={d.name} d={d} now={now} onEdit={() => setDialog({ mode: "edit", d })} onDeleted={(n) => setNotice(n)} />
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500" data-testid="destinations-count">
            {formatInt(destinations.length)} destination{destinations.length === 1 ? "" : "s"} · refreshes every 15 s · secrets are never shown again after they are made.
          </p>
        </>
      )}
    </QueryStates>
  );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="alert-destinations-page">
      <AlertsTabs current="destinations" />
      <PageHeader
        title="Alert destinations"
        description="Where alerts are sent as they open and resolve: a receiver that checks Standard Webhooks signatures, or a Slack incoming webhook. Muted alerts and acknowledgements are not sent. Every change is in the audit log."
        stacked
        className="mb-3"
      >
        {list && list.length > 0 && (
          <button type="button" className={`${primaryBtn} shrink-0`} onClick={() => setDialog({ mode: "add" })} data-testid="destination-add">
            Add destination
          </button>
        )}
      </PageHeader>
      {notice && (
        <DoneNotice testId="destinations-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </DoneNotice>
      )}
      {once && <OnceNotice once={once} onDone={() => setOnce(null)} />}
      {body}
      {dialog && <DestinationFormDialog editing={dialog.mode === "edit" ? dialog.d : null} onClose={(saved) => onSaved(saved, dialog.mode === "edit")} />}
    </main>
  );
}

function OnceNotice({ once, onDone }: { once: Once; onDone(): void }) {
  const ref = useReveal(once);
  return (
    <div ref={ref} className="mb-3" data-testid="destination-secret-once">
      <SecretOnce
        secret={once.secret}
        hint={`…${once.secret.slice(-4)} for ${once.name}`}
        what="signing secret"
        where={`the receiver behind ${once.name}, to check the webhook-signature header`}
        onDone={onDone}
      >
        {once.rotated && <p className="mt-2 text-xs text-amber-900">Messages from now on are signed with it; the previous secret no longer verifies.</p>}
      </SecretOnce>
    </div>
  );
}

function DestinationCard({ d, now, onEdit, onDeleted }: { d: AlertDestinationView; now: number; onEdit(): void; onDeleted(notice: string): void }) {
  const [confirming, setConfirming] = useState(false);
  const del = useDeleteAlertDestination();
  const status = destinationStatus(d);
  const pill = STATUS_TEXT[status];

  return (
    <li
      data-testid="destination"
      data-name={d.name}
      data-status={status}
      className={`flex min-w-0 flex-col rounded-lg border bg-white p-3 shadow-xs ${status === "failing" ? "border-rose-200" : d.enabled ? "border-slate-200" : "border-dashed border-slate-300"}`}
    >
      <div className="flex items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
          <h2 className="min-w-0 font-mono text-sm font-semibold break-all text-slate-900">{d.name}</h2>
          <span className="rounded bg-slate-50 px-1.5 py-px text-[11px] font-medium whitespace-nowrap text-slate-600 ring-1 ring-slate-300/60 ring-inset">
            {d.format === "slack" ? "Slack" : "Standard Webhooks"}
          </span>
        </div>
        <span data-testid="destination-status" className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${pill.cls}`}>
          {pill.label}
        </span>
      </div>
      <p className="mt-1.5 font-mono text-xs break-all text-slate-600" data-testid="destination-url-shown" title="Credentials in the URL are not shown">
        {d.url}
      </p>
      <div role="group" className="mt-2 flex flex-wrap gap-1" aria-label="Kinds sent">
        {d.kinds.length === 0 ? (
          <span className="text-xs text-slate-500">Every kind</span>
        ) : (
          d.kinds.map((k) => (
            <span key={k} title={k} className="rounded bg-slate-50 px-1.5 py-px text-[11px] text-slate-700 ring-1 ring-slate-200 ring-inset">
              {kindLabel(k as AlertKind)}
            </span>
          ))
        )}
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-slate-500">Last delivered</dt>
        <dd className="text-slate-800" data-testid="destination-delivered">
          <When iso={d.lastDeliveredAt} now={now} empty="never" />
        </dd>
        <dt className="text-slate-500">Last attempt</dt>
        <dd className="text-slate-800">
          <When iso={d.lastAttemptAt} now={now} empty="none yet" />
        </dd>
        <dt className="text-slate-500">Waiting</dt>
        <dd className="text-slate-800 tabular-nums">{d.pending === 0 ? "nothing" : `${formatInt(d.pending)} message${d.pending === 1 ? "" : "s"}`}</dd>
      </dl>
      {d.failingSince && (
        <p role="status" className="mt-2 rounded-md bg-rose-50 px-2 py-1.5 text-xs text-rose-800 ring-1 ring-rose-600/15 ring-inset" data-testid="destination-failing">
          Failing since <When iso={d.failingSince} now={now} empty="" />: <span className="break-words">{d.lastError ?? "no answer"}</span>. Retried on the pushes' schedule; saving it makes waiting
          messages go at once.
        </p>
      )}
      <p className="mt-2 text-[11px] text-slate-400">
        Changed by {d.updatedBy} <When iso={d.updatedAt} now={now} empty="" />
      </p>
      <div className="mt-auto pt-3">
        {confirming ? (
          <ConfirmStrip
            testId="destination-delete-confirm"
            label={`Delete ${d.name}`}
            tone="rose"
            confirm="Delete"
            pendingLabel="Deleting…"
            pending={del.isPending}
            onConfirm={() =>
              del.mutate(d.name, { onSuccess: (r) => onDeleted(`Deleted ${d.name}${r.dropped ? `; ${formatInt(r.dropped)} waiting message${r.dropped === 1 ? "" : "s"} dropped` : ""}.`) })
            }
            onCancel={() => setConfirming(false)}
            footer={<AdminActionError error={del.error} className="basis-full" />}
          >
            <p>
              Stop sending alerts to <span className="font-mono">{d.name}</span>?{d.pending > 0 ? ` ${formatInt(d.pending)} waiting message${d.pending === 1 ? " is" : "s are"} dropped.` : ""}
            </p>
          </ConfirmStrip>
        ) : (
          <div className="flex gap-1.5">
            <button type="button" className={smallBtn} onClick={onEdit} data-testid="destination-edit">
              Edit
            </button>
            <button type="button" className={`${smallBtn} text-rose-700`} onClick={() => setConfirming(true)} data-testid="destination-delete">
              Delete…
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

function EmptyState({ onAdd }: { onAdd(): void }) {
  return (
    <SetupGuide
      testId="destinations-empty"
      title="No destination yet"
      intro={
        <>
          Alerts show on the Alerts page and in the header, but reach nobody who is not looking. Add your paging tool&apos;s webhook or a Slack channel: each kind is sent at most once every 5 minutes,
          naming every SKU, channel or source it concerns, and retried until it is taken.
        </>
      }
    >
      <button type="button" onClick={onAdd} className={`${primaryBtn} mt-4`} data-testid="destination-add-first">
        Add the first destination
      </button>
    </SetupGuide>
  );
}
