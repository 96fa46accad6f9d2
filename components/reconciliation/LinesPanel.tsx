"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef } from "react";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { formatAbsolute, formatDateTime } from "@/client/format/time";
import { skuHref } from "@/components/sku/sku-href";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { Skeleton } from "@/components/ui/Skeleton";
import { useHydrated } from "@/hooks/use-hydrated";
import { useReconciliationLines } from "@/hooks/use-reconciliation";
import { formatValue } from "@/lib/reconciliation/screen-format";
import type { CellRef } from "./HeatTable";
import { LoadMore } from "@/components/ui/LoadMore";
import { TableHead } from "@/components/ui/DataTable";

const num = "px-3 py-1.5 text-right tabular-nums";

/**
 * The counted lines behind one cell (or a row or column total): largest |value| first, then |variance|,
 * as the API orders them, paged by its cursor. Opens under the table and takes focus; Close returns it.
 */
export function LinesPanel({ range, cell, onClose }: { range: { from: string; to: string }; cell: CellRef; onClose: () => void }) {
  const q = useReconciliationLines(range, cell.location, cell.bucket);
  const lines = useMemo(() => q.data?.pages.flatMap((p) => p.lines) ?? null, [q.data]);
  const headRef = useRef<HTMLHeadingElement>(null);
  const hydrated = useHydrated();
  useEffect(() => {
    headRef.current?.focus();
    headRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [cell.location, cell.bucket]);
  const title = `${cell.location ?? "All locations"} · ${cell.bucket ? `${cell.bucket} days since the previous count` : "all ages"}`;

  return (
    <section aria-labelledby="lines-title" className="min-w-0 rounded-lg border border-sky-200 bg-white shadow-xs" data-testid="lines-panel">
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
        <h2 id="lines-title" ref={headRef} tabIndex={-1} className="text-sm font-semibold text-slate-900 outline-none">
          Counted lines <span className="font-normal text-slate-500">· {title}</span>
        </h2>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50" data-testid="lines-close">
          Close
        </button>
      </div>
      {q.isError && !lines ? (
        <ErrorPanel title="Couldn't load the counted lines" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />
      ) : !lines ? (
        <div className="space-y-2 p-3" aria-busy>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </div>
      ) : lines.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No counted lines here in this period.</p>
      ) : (
        <>
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[46rem] text-sm" data-testid="lines-table">
              <TableHead
                className="border-b border-slate-200 text-xs text-slate-500 [&_th]:px-3 [&_th]:py-1.5 [&_th]:font-medium"
                columns={[
                  "SKU",
                  "Location",
                  "Counted at",
                  { label: "System", className: "text-right", title: "On hand folded from the events that occurred before the count" },
                  { label: "Counted", className: "text-right" },
                  { label: "Variance", className: "text-right", title: "System − counted: + = units missing" },
                  { label: "Value", className: "text-right", title: "|variance| × unit cost" },
                  "Source · by",
                ]}
              />
              <tbody>
                {lines.map((l, i) => (
                  <tr key={`${l.sku}|${l.location}|${l.occurredAt}|${i}`} className="border-b border-slate-100 last:border-0" data-testid="line-row">
                    <td className="px-3 py-1.5">
                      <Link href={skuHref(l.sku)} className="font-mono text-xs font-medium text-sky-800 hover:underline">
                        {l.sku}
                      </Link>
                      <span className="block max-w-[16rem] truncate text-xs text-slate-500" title={l.skuName}>
                        {l.skuName}
                      </span>
                    </td>
                    <td className="px-3 py-1.5 font-mono text-xs">{l.location}</td>
                    <td className="px-3 py-1.5 text-xs whitespace-nowrap text-slate-600" title={formatAbsolute(l.occurredAt)}>
                      {hydrated ? formatDateTime(l.occurredAt) : l.occurredAt.slice(0, 16).replace("T", " ")}
                    </td>
                    <td className={num}>{formatInt(l.system)}</td>
                    <td className={num}>{formatInt(l.counted)}</td>
                    <td className={`${num} font-semibold ${l.variance > 0 ? "text-rose-700" : l.variance < 0 ? "text-sky-800" : "text-emerald-700"}`} data-testid="line-variance">
                      {formatSigned(l.variance)}
                    </td>
                    <td className={num}>{formatValue(l.value)}</td>
                    <td className="px-3 py-1.5 text-xs text-slate-600">
                      <span className="font-mono">{l.source}</span>
                      {l.countedBy && <span className="text-slate-500"> · {l.countedBy}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore query={q} className="px-3 py-2" testId="lines-more" shownTestId="lines-shown" shown={`${formatInt(lines.length)} line${lines.length === 1 ? "" : "s"} shown`} />
        </>
      )}
    </section>
  );
}
