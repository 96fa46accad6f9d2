"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/client/format/time";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { FilterBar, FilterField } from "@/components/ui/FilterBar";
import { inputCls } from "@/components/ui/form-styles";
import { QueryStates } from "@/components/ui/QueryStates";
import type { Delivery } from "./types";
import { useScorecardDeliveries } from "@/hooks/use-scorecard-deliveries";

const WEEK = /^\d{4}-W\d{2}$/;

const STATUS: Record<Delivery["status"], { label: string; cls: string }> = {
  sent: { label: "Sent", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/20" },
  failed: { label: "Failed", cls: "bg-rose-50 text-rose-800 ring-rose-600/20" },
  sending: { label: "Sending", cls: "bg-slate-100 text-slate-700 ring-slate-500/20" },
};

/** When the row's outcome happened: sent, or the last attempt. */
const when = (d: Delivery) => d.sentAt ?? d.attemptedAt;

/** `/admin/scorecard-mail`: every weekly scorecard e-mail, who it went to, and what went wrong. */
export function ScorecardDeliveriesPage() {
  const [draft, setDraft] = useState("");
  const week = WEEK.test(draft.trim()) ? draft.trim() : null;
  const q = useScorecardDeliveries(week);
  const rows = q.data?.deliveries ?? null;

  const table = (
    <DataTable
      layout="scroll"
      columns={["Week", "Person", "Status", "When", "Attempts", "Error"]}
      rows={rows}
      rowKey={(d) => `${d.week}/${d.personId}`}
      row={(d) => (
        <tr data-testid="scorecard-delivery" data-status={d.status}>
          <td className="font-mono whitespace-nowrap">{d.week}</td>
          <td>
            <div className="font-medium text-slate-900">{d.name}</div>
            <div className="text-xs text-slate-500">{d.email}</div>
          </td>
          <td>
            <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS[d.status].cls}`}>{STATUS[d.status].label}</span>
          </td>
          <td className="whitespace-nowrap" title={when(d)}>
            {formatDateTime(when(d))}
          </td>
          <td className="tabular-nums">{d.attempts}</td>
          <td className="max-w-md text-xs break-words text-rose-800">{d.error ?? ""}</td>
        </tr>
      )}
      caption="Weekly scorecard e-mails, newest week first"
      testId="scorecard-deliveries"
      skeletonRows={4}
      bodyClassName="[&_td]:border-b [&_td]:border-slate-100 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top"
      emptyTestId="scorecard-deliveries-empty"
      empty={week ? `No e-mails for ${week}.` : "No scorecard e-mail has been sent yet."}
    />
  );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader
        title="Scorecard e-mails"
        description={
          <>
            The weekly scorecard goes to every subscriber on Monday at 08:00{q.data ? ` (${q.data.timezone})` : ""}; failed sends are retried up to 5 times. People subscribe on their{" "}
            <Link href="/account" className="underline">
              account page
            </Link>
            .
          </>
        }
      />
      <FilterBar label="Filter the e-mails">
        <FilterField label="Week" className="w-28">
          {(id) => (
            <input
              id={id}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="2026-W48"
              aria-invalid={draft.trim() !== "" && !week}
              data-testid="scorecard-deliveries-week"
              className={`${inputCls} font-mono`}
            />
          )}
        </FilterField>
      </FilterBar>
      {q.data && !q.data.mailEnabled && (
        <p data-testid="scorecard-mail-disabled" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
          Sending is off: set ONEPOOL_SMTP_URL (and ONEPOOL_MAIL_FROM) to turn it on. See docs/SCORECARD-MAIL.md.
        </p>
      )}
      <QueryStates query={q} errorTitle="Couldn't load the send history" loading={table}>
        {() => table}
      </QueryStates>
    </main>
  );
}
