"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { QueryStates } from "@/components/ui/QueryStates";
import { Skeleton } from "@/components/ui/Skeleton";
import { useCan } from "@/components/auth/ViewerProvider";
import { STATUS_LABELS, useCounts, useCountsLive, type CountStatus } from "./count-api";
import { CountsTabs } from "./CountsTabs";
import { OpenCountDialog } from "./OpenCountDialog";

/** All, then each status under the name the list shows it by. */
const FILTERS: { value: string; label: string }[] = [{ value: "", label: "All" }, ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))];

export const statusTone: Record<CountStatus, string> = {
  open: "bg-sky-50 text-sky-800 ring-sky-200",
  in_review: "bg-amber-50 text-amber-900 ring-amber-200",
  approved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** Counts by status; open one for a location and a selection. */
export function CountsPage() {
  const [status, setStatus] = useState("");
  const [opening, setOpening] = useState(false);
  const canWrite = useCan("counts.write");
  const q = useCounts(status);
  useCountsLive();
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <CountsTabs current="counts" />
      <PageHeader title="Counts" description="Count a location with a tablet or a scanner; a reviewer approves what goes into the stock numbers." stacked>
        {canWrite && (
          <Button variant="primary" onClick={() => setOpening(true)} data-testid="open-count">
            Open a count
          </Button>
        )}
      </PageHeader>
      <div role="group" aria-label="Status" className="mt-4 flex flex-wrap gap-1.5">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={status === f.value}
            onClick={() => setStatus(f.value)}
            className="rounded-full border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 aria-pressed:border-slate-900 aria-pressed:bg-slate-900 aria-pressed:text-white"
          >
            {f.label}
          </button>
        ))}
      </div>
      <QueryStates
        query={q}
        errorTitle="Counts could not be loaded"
        shown="list received"
        loading={
          <div className="mt-4 space-y-2" aria-busy="true">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        }
        isEmpty={(data) => data.counts.length === 0}
        empty={
          <div className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
            No counts {status ? `${STATUS_LABELS[status as CountStatus].toLowerCase()}` : "yet"}. {canWrite && "Open one for the rows most due at a location."}
          </div>
        }
      >
        {(data) => (
          <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="counts-list">
            {data.counts.map((c) => (
              <li key={c.id}>
                <Link href={`/counts/${encodeURIComponent(c.id)}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50 focus:bg-slate-50 focus:outline-none">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${statusTone[c.status]}`}>{STATUS_LABELS[c.status]}</span>
                  <span className="font-medium text-slate-900">{c.location}</span>
                  <span className="text-sm text-slate-600 tabular-nums">
                    {c.lines} of {c.expected} counted
                  </span>
                  {c.blind && <span className="text-xs text-slate-500">blind</span>}
                  <span className="ml-auto text-xs text-slate-500">
                    {c.createdBy} · {new Date(c.createdAt).toLocaleString()}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      {opening && <OpenCountDialog onClose={() => setOpening(false)} />}
    </main>
  );
}
