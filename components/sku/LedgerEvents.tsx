"use client";

import { TableCard } from "@/components/ui/TableCard";
import { type ReactNode, useMemo, useRef } from "react";
import type { LedgerEntry } from "@/client/api/types";
import { formatDuration, formatInt, formatSigned } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { Skeleton } from "@/components/ui/Skeleton";
import { useNow } from "@/hooks/use-now";
import { useSkuEvents } from "@/hooks/use-sku-events";
import { describeDrift, describeVariance } from "@/lib/quantity/variance";
import { EventTypeBadge } from "./EventTypeBadge";

const ABSOLUTE = new Set(["cycle_count", "snapshot"]);
// A table from lg up; below, each event is a wrapped line of labelled facts (no sideways scroll).
const inlineLabel = "max-lg:before:mr-1 max-lg:before:text-[11px] max-lg:before:font-normal max-lg:before:text-slate-500 max-lg:before:content-[attr(data-label)]";
const cardCell = "max-lg:border-0 max-lg:p-0";
// docs/NUMBERS.md: sub-minute is the target, 5 minutes the ceiling.
const lagTone = (ms: number) => (ms > 300_000 ? "text-rose-700 font-medium" : ms > 60_000 ? "text-amber-700" : "text-slate-500");

function Quantity({ e }: { e: LedgerEntry }) {
  if (ABSOLUTE.has(e.type)) return <span title="Absolute: sets the bucket to this value">= {formatInt(e.quantity)}</span>;
  if (e.type === "adjustment") return <>{formatSigned(e.quantity)}</>;
  return <>{formatInt(e.quantity)}</>;
}

const FLAG_TONES = {
  variance: "bg-amber-50 whitespace-nowrap text-amber-800 ring-amber-600/25",
  drift: "bg-violet-50 whitespace-nowrap text-violet-800 ring-violet-600/25",
  absorbed: "bg-slate-100 text-slate-600 ring-slate-400/25",
} as const;

function Flag({ tone, testId, title, children }: { tone: keyof typeof FLAG_TONES; testId?: string; title: string; children: ReactNode }) {
  return (
    <span data-testid={testId} className={`rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset ${FLAG_TONES[tone]}`} title={title}>
      {children}
    </span>
  );
}

function Flags({ e }: { e: LedgerEntry }) {
  return (
    <span className="flex flex-wrap justify-end gap-1">
      {e.effect?.kind === "variance" && (
        <Flag tone="variance" testId="variance-flag" title="Count variance = system on hand − counted: positive means units are missing, negative that units were found">
          variance {formatSigned(e.effect.amount)} · {describeVariance(e.effect.amount)}
        </Flag>
      )}
      {e.effect?.kind === "drift" && (
        <Flag
          tone="drift"
          testId="drift-flag"
          title="An untrusted source's absolute, never applied: drift = the pool − what the source said (positive: the source sees fewer units, as with count variance)"
        >
          drift {formatSigned(e.effect.amount)} · {describeDrift(e.effect.amount)}
        </Flag>
      )}
      {e.absorbed && (
        <Flag tone="absorbed" title="Happened before a later count at this location: already inside that count">
          absorbed
        </Flag>
      )}
    </span>
  );
}

/** The SKU's latest ledger events, newest first; new ones (from live frames) are highlighted. */
export function LedgerEvents({ code }: { code: string }) {
  const now = useNow(15_000);
  const q = useSkuEvents(code);
  const events = useMemo(() => q.data?.pages.flatMap((p) => p.events) ?? null, [q.data]);
  // Events above the first load's newest sequence arrived while the page was open.
  const baseline = useRef<bigint | null>(null);
  if (baseline.current === null && events) baseline.current = events.length ? BigInt(events[0].seq) : 0n;

  return (
    <section aria-labelledby="ledger-title">
      <div className="mb-2 flex items-baseline justify-between">
        <h2 id="ledger-title" className="text-sm font-semibold text-slate-900">
          Ledger events
        </h2>
        <span className="text-xs text-slate-500">newest first · times are when it happened (occurredAt)</span>
      </div>
      {q.isError && !events ? (
        <ErrorPanel title="Couldn't load the ledger" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />
      ) : (
        <TableCard
          responsive="lg"
          testId="ledger"
          columns={[
            "When",
            "Type",
            { label: "Qty", className: "text-right" },
            "Location",
            "Channel",
            "Source",
            "Reference / reason",
            { label: "Lag", className: "text-right", title: "Ingest lag: receivedAt − occurredAt" },
            { label: "Flags", className: "text-right", hidden: true },
          ]}
        >
          <tbody className="max-lg:block">
            {events === null
              ? Array.from({ length: 6 }, (_, i) => (
                  <tr key={i} className="max-lg:block">
                    <td colSpan={9} className="border-b border-slate-100 px-3 py-2.5 max-lg:block">
                      <Skeleton className="h-3.5" />
                    </td>
                  </tr>
                ))
              : events.map((e) => (
                  <tr
                    key={e.seq}
                    data-testid="ledger-row"
                    data-seq={e.seq}
                    data-type={e.type}
                    className={`even:bg-slate-50/50 [&>td]:border-b [&>td]:border-slate-100 [&>td]:px-3 [&>td]:py-1.5 max-lg:flex max-lg:flex-wrap max-lg:items-baseline max-lg:gap-x-3 max-lg:gap-y-1 max-lg:border-b max-lg:border-slate-100 max-lg:px-3 max-lg:py-2 max-lg:[&>td]:border-0 max-lg:[&>td]:p-0 ${baseline.current !== null && BigInt(e.seq) > baseline.current ? "flash-new" : ""}`}
                  >
                    <td className="whitespace-nowrap text-slate-700">
                      <time dateTime={e.occurredAt} title={`${formatAbsolute(e.occurredAt)}\nreceived ${e.receivedAt}`}>
                        {formatRelative(e.occurredAt, now)}
                      </time>
                    </td>
                    <td>
                      <EventTypeBadge type={e.type} />
                    </td>
                    <td className={`text-right font-medium tabular-nums ${cardCell}`} data-col="quantity">
                      <Quantity e={e} />
                    </td>
                    <td className={`whitespace-nowrap text-slate-700 ${inlineLabel}`} data-label="at">
                      {e.location}
                      {e.toLocation && <span className="text-slate-500"> → {e.toLocation}</span>}
                    </td>
                    <td className={`text-slate-600 ${e.channel ? inlineLabel : "max-lg:hidden"}`} data-label="via">
                      {e.channel ?? <span className="text-slate-300">—</span>}
                    </td>
                    <td className={`text-slate-600 ${inlineLabel}`} data-label="from">
                      {e.source}
                    </td>
                    <td
                      className={`max-w-[16rem] truncate text-slate-600 max-lg:max-w-full max-lg:basis-full ${e.reference || e.reason ? "" : "max-lg:hidden"}`}
                      title={[e.reference, e.reason].filter(Boolean).join(" · ") || undefined}
                    >
                      {e.reference && <span className="font-mono text-xs">{e.reference}</span>}
                      {e.reference && e.reason && " · "}
                      {e.reason}
                      {!e.reference && !e.reason && <span className="text-slate-300">—</span>}
                    </td>
                    <td className={`text-right whitespace-nowrap tabular-nums ${lagTone(e.lagMs)} ${inlineLabel}`} data-label="lag">
                      {formatDuration(e.lagMs)}
                    </td>
                    <td>
                      <Flags e={e} />
                    </td>
                  </tr>
                ))}
            {events?.length === 0 && (
              <tr className="max-lg:block">
                <td colSpan={9} className="px-3 py-8 text-center text-sm text-slate-500 max-lg:block">
                  No events for this SKU yet.
                </td>
              </tr>
            )}
          </tbody>
        </TableCard>
      )}
      {q.hasNextPage && (
        <div className="mt-2 text-center">
          <button
            type="button"
            onClick={() => void q.fetchNextPage()}
            disabled={q.isFetchingNextPage}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
          >
            {q.isFetchingNextPage ? "Loading…" : "Older events"}
          </button>
        </div>
      )}
    </section>
  );
}
