"use client";

import { useMemo, useState } from "react";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { ClearLink, DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { FilterBar } from "@/components/ui/FilterBar";
import { QueryStates } from "@/components/ui/QueryStates";
import { useNow } from "@/hooks/use-now";
import { useRejections } from "@/hooks/use-rejections";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { RejectionFilters } from "./RejectionFilters";
import { RejectionRow } from "./RejectionRow";
import { PagedTable } from "@/components/ui/PagedTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

/** `/admin/rejections`: what Onepool refused, newest first, by source and reason; raw bodies and re-submission. */
export function RejectionsPage({ initialSource, initialCode }: { initialSource: string | null; initialCode: string | null }) {
  const now = useNow(15_000);
  const [filters, setFilters] = useState({ source: initialSource, code: initialCode });
  useParamsInUrl({ source: filters.source, code: filters.code });
  const q = useRejections(filters.source, filters.code);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? null, [q.data]);
  const groups = q.data?.pages[0]?.groups ?? [];
  const open7d = groups.reduce((n, g) => n + g.count, 0);
  const again7d = groups.reduce((n, g) => n + (g.rejectedAgain ?? 0), 0);
  const filtered = filters.source !== null || filters.code !== null;
  const canResubmit = useCan("connectors.manage");

  const table = (
    <DataTable
      columns={["Received", "Source", "Provider / topic", "Reason", "Message", "Re-submitted", { label: "Actions", hidden: true }]}
      rows={items}
      rowKey={(r) => r.id}
      row={(r) => <RejectionRow r={r} now={now} />}
      caption="Rejected events and deliveries, newest first"
      testId="rejections"
      skeletonRows={8}
      responsive="xl"
      emptyTestId="rejections-no-match"
      empty={
        <>
          No rejections match these filters. <ClearLink onClick={() => setFilters({ source: null, code: null })}>Clear filters</ClearLink>
        </>
      }
    />
  );
  const body = (
    <QueryStates
      query={q}
      errorTitle="Couldn't load the rejections"
      shown="list received"
      loading={table}
      empty={
        <EmptyState testId="rejections-empty" title="No rejections">
          Every event and delivery received so far was valid. Anything refused later — an unknown SKU or location, a malformed body, a topic no translator handles — shows up here with its raw body,
          ready to re-submit once its cause is fixed.
        </EmptyState>
      }
      isEmpty={(d) => !filtered && d.pages.every((p) => p.items.length === 0)}
    >
      {() => (
        <PagedTable
          table={table}
          rows={items}
          query={q}
          shownTestId="rejection-count"
          shown={(n) => (
            <>
              Showing {formatInt(n)} rejection{n === 1 ? "" : "s"}, newest first
            </>
          )}
        />
      )}
    </QueryStates>
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
        <FilterBar label="Filter the rejections" className="py-2">
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
        </FilterBar>
      )}
      {body}
    </main>
  );
}
