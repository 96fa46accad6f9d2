"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { MapListingResult } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { QueryStates } from "@/components/ui/QueryStates";
import { Skeleton } from "@/components/ui/Skeleton";
import { useNow } from "@/hooks/use-now";
import { UNMAPPED_LIMIT, useUnmapped } from "@/hooks/use-unmapped";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { UnmappedRow } from "./UnmappedRow";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { PageHeader } from "@/components/ui/PageHeader";
import { FilterChips } from "@/components/ui/FilterBar";

function MappedNotice({ r, onDismiss }: { r: MapListingResult; onDismiss(): void }) {
  const t = r.replayed;
  return (
    <li
      role="status"
      data-testid="map-result"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-600/20 ring-inset"
    >
      <span>
        Mapped{" "}
        <span className="font-mono">
          {r.listing.channel} / {r.listing.externalId}
        </span>{" "}
        →{" "}
        <Link href={`/skus/${encodeURIComponent(r.listing.sku)}`} className="font-mono font-medium underline">
          {r.listing.sku}
        </Link>
        : replayed {formatInt(t.replayed)} event{t.replayed === 1 ? "" : "s"} ({formatInt(t.accepted)} applied, {formatInt(t.duplicates)} already there)
        {t.rejected > 0 && (
          <>
            ,{" "}
            <Link href="/admin/rejections" className="font-medium text-rose-800 underline">
              {formatInt(t.rejected)} rejected
            </Link>
          </>
        )}
        {t.stillUnmapped > 0 && <>, {formatInt(t.stillUnmapped)} still parked</>}.
      </span>
      <button type="button" onClick={onDismiss} className="ml-auto text-xs font-medium underline">
        Dismiss
      </button>
    </li>
  );
}

/** `/admin/unmapped`: listings that events named but the catalogue does not map; map one and its events replay. */
export function UnmappedPage() {
  const now = useNow(15_000);
  const [channel, setChannel] = useState<string | null>(null);
  const canMap = useCan("mappings.write");
  const all = useUnmapped(null);
  const q = useUnmapped(channel);
  const [results, setResults] = useState<(MapListingResult & { key: number })[]>([]);
  const listings = q.data?.listings ?? null;

  // Channel chips come from the unfiltered list, so they stay put while one is selected.
  const channels = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of all.data?.listings ?? []) m.set(l.channel, (m.get(l.channel) ?? 0) + l.events);
    return [...m].sort((a, b) => b[1] - a[1]);
  }, [all.data]);

  const table = (
    <DataTable
      columns={[
        "Channel",
        "External id",
        { label: "Parked events", className: "text-right" },
        "Sources",
        "Event types",
        "First seen",
        "Last seen",
        { label: "Actions", hidden: true, className: "text-right" },
      ]}
      rows={listings}
      rowKey={(l) => `${l.channel}\u0000${l.externalId}`}
      row={(l) => <UnmappedRow listing={l} now={now} onMapped={(r) => setResults((rs) => [{ ...r, key: Date.now() }, ...rs].slice(0, 5))} />}
      caption="Unmapped listings, most parked events first"
      testId="unmapped"
      skeletonRows={8}
      responsive="xl"
      empty={<>Nothing parked on {channel}.</>}
    />
  );
  const body = (
    <QueryStates
      query={q}
      errorTitle="Couldn't load the unmapped listings"
      loading={table}
      empty={
        <EmptyState testId="unmapped-empty" title="Nothing parked">
          Every listing that events named is mapped to a SKU. When a channel sends a product or order line the catalogue does not know, its events wait here — never dropped — until you map the
          listing.
        </EmptyState>
      }
      isEmpty={(d) => d.listings.length === 0 && !channel}
    >
      {() => table}
    </QueryStates>
  );

  const shownEvents = q.data?.totalEvents ?? 0;
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader title="Unmapped listings" description="Events naming a listing the catalogue does not map are parked here. Map the listing to a SKU and they are replayed once." baseline>
        {!canMap && <ReadOnlyNote className="self-center sm:ml-auto">Only merchandisers and above can map listings</ReadOnlyNote>}
      </PageHeader>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <span className={`mr-1 text-xs text-slate-500 ${q.data && q.data.listings.length === 0 && !channel ? "hidden" : ""}`} data-testid="unmapped-total">
          {q.data ? (
            <>
              <span className="font-semibold text-slate-900 tabular-nums">{formatInt(shownEvents)}</span> event{shownEvents === 1 ? "" : "s"} parked across {formatInt(q.data.listings.length)}
              {q.data.listings.length === UNMAPPED_LIMIT ? "+" : ""} listing{q.data.listings.length === 1 ? "" : "s"}
              {channel && <> on {channel}</>}
            </>
          ) : q.isError ? null : (
            <Skeleton className="h-3.5 w-48" />
          )}
        </span>
        {(channels.length > 1 || channel !== null) && (
          <FilterChips
            label="Filter by channel"
            chips={[{ value: null, label: "All channels" }, ...channels.map(([c, n]) => ({ value: c, label: <span className="font-mono">{c}</span>, count: n }))]}
            value={channel}
            onChange={setChannel}
          />
        )}
        {q.isError && listings && <RefreshFailedNote shown="list received" onRetry={() => void q.refetch()} inline />}
      </div>
      {results.length > 0 && (
        <ul className="mb-3 space-y-1.5">
          {results.map((r) => (
            <MappedNotice key={r.key} r={r} onDismiss={() => setResults((rs) => rs.filter((x) => x.key !== r.key))} />
          ))}
        </ul>
      )}
      {body}
    </main>
  );
}
