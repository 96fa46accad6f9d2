"use client";

import Link from "next/link";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { Skeleton } from "@/components/ui/Skeleton";
import { useReconciliationSummary } from "@/hooks/use-reconciliation";
import { formatRatio, heatLevel } from "@/lib/reconciliation/screen-format";

/**
 * The dashboard's fourth live number (docs/RECONCILIATION.md#numbers): the variance rate of the lines counted in the
 * last 30 days, with lines and accuracy; the whole tile opens /reconciliation. A `dl` child, beside
 * the stock summary's stats.
 */
export function ReconciliationTile() {
  const { data, isError, refetch } = useReconciliationSummary();
  const level = data ? heatLevel(data.rate, data.lines) : -1;
  const tone = level >= 4 ? "text-rose-700" : level >= 2 ? "text-amber-800" : "text-slate-900";
  return (
    <div
      className="relative min-w-0 rounded-lg border border-slate-200 bg-white px-3.5 py-2 focus-within:outline-2 focus-within:outline-sky-500 hover:border-slate-400"
      title="Σ |system − counted| / Σ system over the cycle counts of the last 30 days (gains never net losses); accuracy = lines counted exactly right"
      data-testid="reconciliation-tile"
      data-state={data ? (data.lines ? "ready" : "empty") : isError ? "error" : "loading"}
    >
      <dt className="text-xs font-medium text-slate-500">
        {/* The link covers the tile (after:inset-0): one tab stop, the whole card clickable. */}
        <Link href="/reconciliation" className="outline-none after:absolute after:inset-0 hover:text-slate-900">
          Count variance <span className="font-normal">· 30 d</span>
        </Link>
      </dt>
      <dd className={`text-xl font-semibold tabular-nums ${tone}`} data-testid="reconciliation-rate">
        {data ? (
          data.lines ? (
            formatRatio(data.rate)
          ) : (
            <span className="text-slate-400">—</span>
          )
        ) : isError ? (
          <button type="button" className="relative z-10 text-sm font-normal text-slate-400 underline hover:text-slate-700" onClick={() => void refetch()} title="Unavailable: retry">
            — Retry
          </button>
        ) : (
          <Skeleton className="h-6 w-16" />
        )}
      </dd>
      <dd className="truncate text-[11px] leading-4 text-slate-500 tabular-nums" data-testid="reconciliation-detail">
        {data ? (
          data.lines ? (
            <>
              <span data-testid="reconciliation-lines">{formatInt(data.lines)}</span> line{data.lines === 1 ? "" : "s"} · {formatRatio(data.accuracy)} exact · net {formatSigned(data.net)}
            </>
          ) : (
            "no counts in 30 days"
          )
        ) : (
          " "
        )}
      </dd>
    </div>
  );
}
