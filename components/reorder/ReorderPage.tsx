"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import { SkuCodeLink } from "@/components/sku/SkuCodeLink";
import { useState } from "react";
import { formatCover, formatInt, formatRate } from "@/client/format/numbers";
import { CARD_ROW, DataTable, NumberCell } from "@/components/ui/DataTable";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { ExportCsvLink } from "@/components/ui/ExportCsvLink";
import { LoadingRegion, SkeletonRows } from "@/components/ui/Skeleton";
import { reorderUrl, useReorder } from "@/hooks/use-reorder";
import type { ReorderRow, ReorderShow } from "@/lib/reorder/reorder-rows";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

const SHOW_LABEL: Record<ReorderShow, string> = { reorder: "To reorder", low: "All low cover", all: "Every SKU" };
const when = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** `/reorder`: SKUs whose cover is under lead time + safety days, with what to buy (the low_cover suggestion), exportable for the buyer. */
export function ReorderPage({ initialShow }: { initialShow: ReorderShow }) {
  const [show, setShow] = useState<ReorderShow>(initialShow);
  useParamsInUrl({ show: show === "reorder" ? null : show });
  const q = useReorder(show);

  let body: React.ReactNode;
  if (q.isError && !q.data) body = <ErrorPanel title="Couldn't load the reorder list" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (!q.data) body = <ReorderLoading />;
  else if (q.data.rows.length === 0) body = <ReorderEmpty show={show} safetyDays={q.data.safetyDays} />;
  else body = <ReorderList rows={q.data.rows} total={q.data.total} stale={q.isPlaceholderData} />;

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="reorder-page">
      <PageHeader
        title="Reorder"
        description={
          <>
            SKUs whose cover is below their lead time{q.data ? ` + ${q.data.safetyDays} safety days` : " + safety days"}, most urgent first. Suggested = (lead time + safety days) × velocity −
            available real − incoming, rounded up: the low cover alert&apos;s number.
          </>
        }
        stacked
      >
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Show
          <select
            data-testid="reorder-show"
            value={show}
            onChange={(e) => setShow(e.target.value as ReorderShow)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
          >
            {(Object.keys(SHOW_LABEL) as ReorderShow[]).map((s) => (
              <option key={s} value={s}>
                {SHOW_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <ExportCsvLink testId="reorder-export" href={reorderUrl({ show, format: "csv" })} download />
      </PageHeader>
      <div className="mt-4">{body}</div>
    </main>
  );
}

/** Cover − lead time, in words: negative means a purchase order placed today arrives after the SKU runs out. */
function Margin({ urgency }: { urgency: number | null }) {
  if (urgency === null) return <span className="text-slate-400">—</span>;
  const d = formatCover(Math.abs(urgency));
  if (urgency < 0) return <span className="font-medium text-rose-700">runs out {d} d before a PO arrives</span>;
  return <span className="text-slate-600">{d} d to spare</span>;
}

function AlertState({ r }: { r: ReorderRow }) {
  if (r.muted) {
    return (
      <span
        className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-300"
        title={r.mutedUntil ? `Muted until ${r.mutedUntil}` : undefined}
      >
        Muted{r.mutedUntil ? ` until ${when.format(new Date(r.mutedUntil))}` : ""}
      </span>
    );
  }
  if (r.alert?.state === "open")
    return <span className="inline-flex rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-800 ring-1 ring-amber-600/25">Alert open</span>;
  return <span className="text-xs text-slate-400">No alert</span>;
}

/** A table from 1024 px; below, a card per SKU with labelled numbers (nothing scrolls sideways). */
function ReorderList({ rows, total, stale }: { rows: ReorderRow[]; total: number; stale: boolean }) {
  return (
    <div className={`transition-opacity ${stale ? "opacity-60" : ""}`} aria-busy={stale}>
      <p className="mb-2 text-sm text-slate-600" data-testid="reorder-count">
        {formatInt(total)} SKU{total === 1 ? "" : "s"}
        {total > rows.length ? `, the first ${formatInt(rows.length)} shown (the CSV has them all)` : ""}
      </p>
      <DataTable
        layout="static"
        responsive="lg"
        testId="reorder-table"
        caption="SKUs to reorder, most urgent first: cover minus lead time, smallest first"
        columns={[
          "SKU",
          { label: "Suggested", className: "text-right" },
          { label: "Available real", className: "text-right" },
          { label: "Velocity /day", className: "text-right", title: "Units/day: the higher of the 7-day and 24-hour rates" },
          { label: "Cover (days)", className: "text-right", title: "Days the available real lasts at that velocity" },
          { label: "Lead time (days)", className: "text-right" },
          { label: "Incoming", className: "text-right" },
          "Margin",
          "Alert",
        ]}
        rows={rows}
        rowKey={(r) => r.sku}
        busy={false}
        row={(r) => (
          <tr data-testid="reorder-row" data-sku={r.sku} className={`${CARD_ROW} sm:max-lg:grid-cols-4`}>
            <td className="min-w-0 max-lg:col-span-full">
              <SkuCodeLink code={r.sku} name={r.name} />
            </td>
            <NumberCell label="Suggested" className="max-lg:col-span-full" data-col="suggested">
              <span className={`font-semibold ${r.suggestedQuantity > 0 ? "text-slate-900" : "text-slate-400"} max-lg:text-sm`}>{formatInt(r.suggestedQuantity)}</span>
              {r.lowCover && r.suggestedQuantity === 0 && <span className="ml-1 text-xs text-slate-500">(incoming covers it)</span>}
            </NumberCell>
            <NumberCell label="Available">{formatInt(r.availableReal)}</NumberCell>
            <NumberCell label="Velocity" unit="/day">
              {formatRate(r.velocity)}
            </NumberCell>
            <NumberCell label="Cover" unit=" d" className={r.lowCover ? "text-amber-700" : ""} title={r.daysOfInventory === null ? "No sales: infinite cover" : undefined}>
              {formatCover(r.daysOfInventory)}
            </NumberCell>
            <NumberCell label="Lead time" unit=" d">
              {formatInt(r.leadTimeDays)}
            </NumberCell>
            <NumberCell label="Incoming">{formatInt(r.incoming)}</NumberCell>
            <td className="text-xs max-lg:col-span-full sm:max-lg:col-span-2">
              <Margin urgency={r.urgency} />
            </td>
            <td className="max-lg:col-span-full sm:max-lg:col-span-2">
              <AlertState r={r} />
            </td>
          </tr>
        )}
      />
    </div>
  );
}

function ReorderLoading() {
  return (
    <LoadingRegion testId="reorder-loading" label="Loading the reorder list…">
      <SkeletonRows rows={8} />
    </LoadingRegion>
  );
}

function ReorderEmpty({ show, safetyDays }: { show: ReorderShow; safetyDays: number }) {
  return (
    <div data-testid="reorder-empty" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">{show === "all" ? "No SKUs yet" : "Nothing to reorder"}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        {show === "all"
          ? "SKUs appear here once the catalogue is loaded."
          : `Every SKU that sells has at least its lead time + ${safetyDays} safety days of cover${show === "reorder" ? ", or enough on its way" : ""}. A SKU shows up here as soon as its cover falls below that.`}
      </p>
    </div>
  );
}
