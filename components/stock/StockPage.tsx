"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import { useMemo, useRef, useState } from "react";
import { SourceHealthStrip } from "@/components/admin/SourceHealthStrip";
import { DriftPanel } from "@/components/reconciliation/DriftPanel";
import { ChannelPushesPanel } from "@/components/outbound/ChannelPushesPanel";
import type { SkuSort } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { useSkuList, type InitialSkuPage } from "@/hooks/use-sku-list";
import { useTableFits } from "@/hooks/use-table-fits";
import { SearchBox } from "./SearchBox";
import { SortSelect } from "./SortSelect";
import { DEFAULT_SORT } from "./sorts";
import { StockEmptyState } from "./StockEmptyState";
import { StockNoMatch } from "./StockNoMatch";
import { StockSummary } from "./StockSummary";
import { StockTable } from "./StockTable";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

const SEARCH_DEBOUNCE_MS = 250;
/**
 * The first guess (server and first client render), before the table is measured: up to 5 channels
 * fit from 1280 px. With more the page starts as cards and turns into the table once it fits, so the
 * server's HTML never scrolls sideways.
 */
const LIKELY_FITTING_CHANNELS = 5;

/** `/`: every SKU with its live numbers, searchable and sortable on the server. */
export function StockPage({ initialQuery, initialSort, initialPage }: { initialQuery: string; initialSort: SkuSort; initialPage?: InitialSkuPage }) {
  const [input, setInput] = useState(initialQuery);
  const [sort, setSort] = useState<SkuSort>(initialSort);
  const q = useDebouncedValue(input.trim(), SEARCH_DEBOUNCE_MS);
  useParamsInUrl({ q, sort: sort === DEFAULT_SORT ? null : sort });

  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const list = useSkuList(q, sort, initialPage);

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? null, [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  // Every row carries every channel in the same order: the first row names the columns. An empty
  // result (no match) keeps the last known columns so the header does not jump.
  const lastChannels = useRef<string[]>([]);
  const channels = useMemo(() => {
    const fromRows = rows?.[0]?.channels.map((c) => c.code);
    if (fromRows) lastChannels.current = fromRows;
    return fromRows ?? lastChannels.current;
  }, [rows]);
  // From 80rem a table, unless it would widen the page (very many channels): then cards there too.
  const tableFits = useTableFits(tableRef, channels.length <= LIKELY_FITTING_CHANNELS, channels.length);
  const searching = input.trim() !== q || (list.isFetching && list.isPlaceholderData);
  const settledQuery = list.isPlaceholderData ? null : q;

  const focusFirstRow = () => tableRef.current?.querySelector<HTMLAnchorElement>("a[data-row-link]")?.focus();

  let body: React.ReactNode;
  if (list.isError && !rows) {
    body = <ErrorPanel title="Couldn't load the stock list" error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />;
  } else if (rows && total === 0 && settledQuery === "") {
    body = <StockEmptyState />;
  } else {
    const noMatch = rows !== null && total === 0 && !!settledQuery;
    body = (
      <>
        <StockTable
          rows={noMatch ? [] : rows}
          total={noMatch ? 0 : total}
          cards={!tableFits}
          channels={channels}
          sort={sort}
          onSort={setSort}
          tableRef={tableRef}
          onExitTop={() => searchRef.current?.focus()}
        />
        {noMatch && (
          <div className="-mt-px rounded-b-lg border border-t-0 border-slate-200 bg-white">
            <StockNoMatch
              query={settledQuery}
              onClear={() => {
                setInput("");
                searchRef.current?.focus();
              }}
            />
          </div>
        )}
        {rows && rows.length > 0 && (
          <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
            <span data-testid="row-count" aria-live="polite">
              Showing {formatInt(rows.length)} of {formatInt(total)} SKU{total === 1 ? "" : "s"}
              {q && <> matching “{q}”</>}
            </span>
            {list.hasNextPage && (
              <button
                type="button"
                onClick={() => void list.fetchNextPage()}
                disabled={list.isFetchingNextPage}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
              >
                {list.isFetchingNextPage ? "Loading…" : `Load ${formatInt(Math.min(100, total - rows.length))} more`}
              </button>
            )}
          </div>
        )}
      </>
    );
  }

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-cards={tableFits ? undefined : ""}>
      <PageHeader title="Live stock" description="Available real per SKU and what every channel may show, updated as events arrive." baseline />
      <div className="mb-3">
        <StockSummary />
      </div>
      {/* Drift sits beside source health: both say whether a source can be believed. */}
      <div className="mb-3 grid grid-cols-1 items-start gap-2 xl:grid-cols-[minmax(0,1fr)_minmax(0,34rem)]">
        <SourceHealthStrip />
        <DriftPanel />
      </div>
      <div className="mb-3">
        <ChannelPushesPanel />
      </div>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <SearchBox inputRef={searchRef} value={input} onChange={setInput} onArrowDown={focusFirstRow} busy={searching} />
        <SortSelect sort={sort} onSort={setSort} />
        {list.isError && rows && <RefreshFailedNote shown="numbers received" onRetry={() => void list.refetch()} inline />}
      </div>
      {body}
    </main>
  );
}
