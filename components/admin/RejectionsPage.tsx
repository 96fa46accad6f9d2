"use client";

import { useEffect, useMemo, useState } from "react";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { Skeleton } from "@/components/ui/Skeleton";
import { useNow } from "@/hooks/use-now";
import { useRejections } from "@/hooks/use-rejections";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { RejectionFilters } from "./RejectionFilters";
import { stacked } from "./stacked-table";
import { REJECTION_COLUMNS, RejectionRow } from "./RejectionRow";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeader } from "@/components/ui/PageHeader";

/** Keep the filters in the address bar without a navigation, like the stock list's search. */
function useUrlFilters(source: string | null, code: string | null) {
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const [k, v] of [
      ["source", source],
      ["code", code],
    ] as const) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [source, code]);
}

/** `/admin/rejections`: what Onepool refused, newest first, by source and reason; raw bodies and re-submission. */
export function RejectionsPage({ initialSource, initialCode }: { initialSource: string | null; initialCode: string | null }) {
  const now = useNow(15_000);
  const [filters, setFilters] = useState({ source: initialSource, code: initialCode });
  useUrlFilters(filters.source, filters.code);
  const q = useRejections(filters.source, filters.code);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? null, [q.data]);
  const groups = q.data?.pages[0]?.groups ?? [];
  const open7d = groups.reduce((n, g) => n + g.count, 0);
  const again7d = groups.reduce((n, g) => n + (g.rejectedAgain ?? 0), 0);
  const filtered = filters.source !== null || filters.code !== null;
  const canResubmit = useCan("connectors.manage");

  let body: React.ReactNode;
  if (q.isError && !items) body = <ErrorPanel title="Couldn't load the rejections" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (items && items.length === 0 && !filtered)
    body = (
      <div data-testid="rejections-empty" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
        <div aria-hidden className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-emerald-50 text-lg text-emerald-600">
          ✓
        </div>
        <h2 className="text-base font-semibold text-slate-900">No rejections</h2>
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
          Every event and delivery received so far was valid. Anything refused later — an unknown SKU or location, a malformed body, a topic no translator handles — shows up here with its raw body,
          ready to re-submit once its cause is fixed.
        </p>
      </div>
    );
  else
    body = (
      <>
        {/* No overflow container, so the header can stick under the app header (as on the stock list). */}
        <div className="w-fit min-w-full rounded-lg border border-slate-200 bg-white shadow-xs">
          <table className={`w-full border-separate border-spacing-0 text-sm ${stacked.table}`} data-testid="rejections" aria-busy={!items}>
            <caption className="sr-only">Rejected events and deliveries, newest first</caption>
            <thead
              className={`text-xs text-slate-500 ${stacked.thead} [&_th]:sticky [&_th]:top-12 [&_th]:z-10 [&_th]:border-b [&_th]:border-slate-200 [&_th]:bg-slate-50/95 [&_th]:backdrop-blur [&_th:first-child]:rounded-tl-lg [&_th:last-child]:rounded-tr-lg [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-medium [&_th]:whitespace-nowrap`}
            >
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Source</th>
                <th scope="col">Provider / topic</th>
                <th scope="col">Reason</th>
                <th scope="col">Message</th>
                <th scope="col">Re-submitted</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className={stacked.tbody}>
              {!items
                ? Array.from({ length: 8 }, (_, i) => (
                    <tr key={i}>
                      <td colSpan={REJECTION_COLUMNS} className="border-b border-slate-100 px-3 py-2.5">
                        <Skeleton className="h-3.5" />
                      </td>
                    </tr>
                  ))
                : items.map((r) => <RejectionRow key={r.id} r={r} now={now} />)}
              {items?.length === 0 && (
                <tr>
                  <td colSpan={REJECTION_COLUMNS} className="px-3 py-8 text-center text-sm text-slate-500" data-testid="rejections-no-match">
                    No rejections match these filters.{" "}
                    <button type="button" onClick={() => setFilters({ source: null, code: null })} className="font-medium text-slate-700 underline">
                      Clear filters
                    </button>
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {items && items.length > 0 && (
          <LoadMore
            query={q}
            shownTestId="rejection-count"
            shown={
              <>
                Showing {formatInt(items.length)} rejection{items.length === 1 ? "" : "s"}, newest first
              </>
            }
          />
        )}
      </>
    );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader
        title="Rejections"
        description="What Onepool refused, with the reason and the raw body. Fix the cause, then re-submit: parts already applied come back as duplicates, so nothing counts twice."
        baseline
      >
        {!canResubmit && <ReadOnlyNote className="self-center sm:ml-auto">Only admins can re-submit</ReadOnlyNote>}
      </PageHeader>
      {(groups.length > 0 || filtered) && (
        <div className="mb-3 rounded-lg border border-slate-200 bg-white px-3 py-2">
          <p className="mb-1.5 text-xs text-slate-500">
            <span data-testid="rejections-open" data-open={open7d} data-again={again7d}>
              <span className="font-semibold text-slate-900 tabular-nums">{formatInt(open7d)}</span> open in the last 7 days
              {again7d === 0
                ? " (not yet re-submitted)"
                : again7d === open7d
                  ? " (re-submitted and rejected again)"
                  : `: ${formatInt(open7d - again7d)} not yet re-submitted, ${formatInt(again7d)} rejected again`}
            </span>
            {q.isFetching && !q.isFetchingNextPage && items && (
              <span aria-hidden className="ml-2 inline-block size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 align-middle" />
            )}
          </p>
          <RejectionFilters groups={groups} source={filters.source} code={filters.code} onChange={setFilters} />
        </div>
      )}
      {q.isError && items && <RefreshFailedNote shown="list received" onRetry={() => void q.refetch()} className="mb-2" />}
      {body}
    </main>
  );
}
