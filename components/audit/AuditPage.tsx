"use client";

import { useEffect, useMemo, useState } from "react";
import { formatInt } from "@/client/format/numbers";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { Skeleton } from "@/components/ui/Skeleton";
import { useAuditLog } from "@/hooks/use-audit-log";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { useNow } from "@/hooks/use-now";
import { AuditEmptyState } from "./AuditEmptyState";
import { AUDIT_COLUMNS, AuditEntryRow } from "./AuditEntryRow";
import { FILTER_KEYS, hasFilters, NO_FILTERS, type AuditFilters as Filters } from "./audit-filters";
import { AuditFilters } from "./AuditFilters";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeader } from "@/components/ui/PageHeader";

/** Keep the filters in the address bar without a navigation, like the rejections list. */
function useUrlFilters(f: Filters) {
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const k of FILTER_KEYS) {
      const v = f[k].trim();
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [f]);
}

/** `/audit`: every control change, newest first, filtered by who, what, target and day; polled for new entries. */
export function AuditPage({ initial }: { initial: Filters }) {
  const now = useNow(15_000);
  const [draft, setDraft] = useState<Filters>(initial);
  // Typing in the text filters waits for a pause; selects and dates apply at once.
  const actor = useDebouncedValue(draft.actor, 300);
  const target = useDebouncedValue(draft.target, 300);
  const filters = useMemo(() => ({ ...draft, actor, target }), [draft, actor, target]);
  useUrlFilters(filters);
  const q = useAuditLog(filters);
  const entries = useMemo(() => q.data?.pages.flatMap((p) => p.entries) ?? null, [q.data]);
  const actions = q.data?.pages[0]?.actions ?? [];
  const filtered = hasFilters(filters);
  const clear = () => setDraft(NO_FILTERS);

  let body: React.ReactNode;
  if (q.isError && !entries) body = <ErrorPanel title="Couldn't load the audit log" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (entries && entries.length === 0 && !filtered && actions.length === 0) body = <AuditEmptyState />;
  else
    body = (
      <>
        {/* No overflow container, so the header can stick under the app header (as on the other tables). */}
        <div className={`w-fit min-w-full rounded-lg border border-slate-200 bg-white shadow-xs transition-opacity ${q.isPlaceholderData ? "opacity-60" : ""}`}>
          <table className="w-full border-separate border-spacing-0 text-sm max-lg:block" data-testid="audit-log" aria-busy={!entries || q.isPlaceholderData}>
            <caption className="sr-only">Recorded changes, newest first</caption>
            <thead className="text-xs text-slate-500 max-lg:hidden [&_th]:sticky [&_th]:top-12 [&_th]:z-10 [&_th]:border-b [&_th]:border-slate-200 [&_th]:bg-slate-50/95 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-medium [&_th]:whitespace-nowrap [&_th]:backdrop-blur [&_th:first-child]:rounded-tl-lg [&_th:last-child]:rounded-tr-lg">
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody className="max-lg:block">
              {!entries
                ? Array.from({ length: 8 }, (_, i) => (
                    <tr key={i} data-testid="audit-loading">
                      <td colSpan={AUDIT_COLUMNS} className="border-b border-slate-100 px-3 py-3">
                        <Skeleton className="h-3.5" />
                      </td>
                    </tr>
                  ))
                : entries.map((e) => <AuditEntryRow key={e.id} e={e} now={now} onFilter={(k, v) => setDraft((d) => ({ ...d, [k]: v }))} />)}
              {entries?.length === 0 && (
                <tr>
                  <td colSpan={AUDIT_COLUMNS} className="px-3 py-10 text-center text-sm text-slate-500" data-testid="audit-no-match">
                    {filtered ? (
                      <>
                        No entries match these filters.{" "}
                        <button type="button" onClick={clear} className="font-medium text-slate-700 underline">
                          Clear filters
                        </button>
                      </>
                    ) : (
                      "No changes recorded yet."
                    )}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {entries && entries.length > 0 && (
          <LoadMore
            query={q}
            testId="audit-load-more"
            shownTestId="audit-count"
            shown={
              <>
                Showing {formatInt(entries.length)} entr{entries.length === 1 ? "y" : "ies"}, newest first{q.hasNextPage ? "" : ` — the whole log${filtered ? " for these filters" : ""}`} · new entries
                appear within 15 s
              </>
            }
          />
        )}
      </>
    );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader title="Audit log" description="Who changed what, when, with the values before and after. Append-only: entries are never edited or removed." baseline>
        {q.isPlaceholderData && (
          <span role="status" className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="audit-updating">
            <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" />
            Filtering…
          </span>
        )}
      </PageHeader>
      <div className="mb-3 rounded-lg border border-slate-200 bg-white px-3 py-2.5">
        <AuditFilters value={draft} actions={actions} onChange={setDraft} />
      </div>
      {q.isError && entries && <RefreshFailedNote shown="entries received" onRetry={() => void q.refetch()} className="mb-2" />}
      {body}
    </main>
  );
}
