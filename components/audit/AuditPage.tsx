"use client";

import { useMemo, useState } from "react";
import { formatInt } from "@/client/format/numbers";
import { ClearLink, DataTable } from "@/components/ui/DataTable";
import { FilterBar } from "@/components/ui/FilterBar";
import { QueryStates } from "@/components/ui/QueryStates";
import { useAuditLog } from "@/hooks/use-audit-log";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { useNow } from "@/hooks/use-now";
import { AuditEmptyState } from "./AuditEmptyState";
import { AuditEntryRow } from "./AuditEntryRow";
import { FILTER_KEYS, hasFilters, NO_FILTERS, type AuditFilters as Filters } from "./audit-filters";
import { AuditFilters } from "./AuditFilters";
import { PagedTable } from "@/components/ui/PagedTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

/** `/audit`: every control change, newest first, filtered by who, what, target and day; polled for new entries. */
export function AuditPage({ initial }: { initial: Filters }) {
  const now = useNow(15_000);
  const [draft, setDraft] = useState<Filters>(initial);
  // Typing in the text filters waits for a pause; selects and dates apply at once.
  const actor = useDebouncedValue(draft.actor, 300);
  const target = useDebouncedValue(draft.target, 300);
  const filters = useMemo(() => ({ ...draft, actor, target }), [draft, actor, target]);
  useParamsInUrl(Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k].trim()])));
  const q = useAuditLog(filters);
  const entries = useMemo(() => q.data?.pages.flatMap((p) => p.entries) ?? null, [q.data]);
  const actions = q.data?.pages[0]?.actions ?? [];
  const filtered = hasFilters(filters);
  const clear = () => setDraft(NO_FILTERS);

  const table = (
    <DataTable
      columns={["When", "Who", "Action", "Target", "Change"]}
      rows={entries}
      rowKey={(e) => e.id}
      row={(e) => <AuditEntryRow e={e} now={now} onFilter={(k, v) => setDraft((d) => ({ ...d, [k]: v }))} />}
      caption="Recorded changes, newest first"
      testId="audit-log"
      busy={!entries || q.isPlaceholderData}
      skeletonRows={8}
      skeletonTestId="audit-loading"
      responsive="lg"
      className={`transition-opacity ${q.isPlaceholderData ? "opacity-60" : ""}`}
      emptyTestId="audit-no-match"
      empty={
        filtered ? (
          <>
            No entries match these filters. <ClearLink onClick={clear}>Clear filters</ClearLink>
          </>
        ) : (
          "No changes recorded yet."
        )
      }
    />
  );
  const body = (
    <QueryStates
      query={q}
      errorTitle="Couldn't load the audit log"
      shown="entries received"
      loading={table}
      empty={<AuditEmptyState />}
      isEmpty={(d) => !filtered && d.pages.every((p) => p.entries.length === 0 && p.actions.length === 0)}
    >
      {() => (
        <PagedTable
          table={table}
          rows={entries}
          query={q}
          testId="audit-load-more"
          shownTestId="audit-count"
          shown={(n) => (
            <>
              Showing {formatInt(n)} entr{n === 1 ? "y" : "ies"}, newest first{q.hasNextPage ? "" : ` — the whole log${filtered ? " for these filters" : ""}`} · new entries appear within 15 s
            </>
          )}
        />
      )}
    </QueryStates>
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
      <FilterBar label="Filter the audit log">
        <AuditFilters value={draft} actions={actions} onChange={setDraft} />
      </FilterBar>
      {body}
    </main>
  );
}
