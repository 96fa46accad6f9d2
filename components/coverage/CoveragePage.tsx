"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import { SkuCodeLink } from "@/components/sku/SkuCodeLink";
import { useMemo, useState } from "react";
import { CountsTabs } from "@/components/counts/CountsTabs";
import { formatInt } from "@/client/format/numbers";
import { CARD_ROW, DataTable, NumberCell } from "@/components/ui/DataTable";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { ExportCsvLink } from "@/components/ui/ExportCsvLink";
import { LoadingRegion, SkeletonCards, SkeletonRows } from "@/components/ui/Skeleton";
import { useCatalog } from "@/hooks/use-catalog";
import { useCountCoverage } from "@/hooks/use-count-coverage";
import { coverageUrl, describeAge, type CoverageDueRow, type CoverageResponse } from "@/lib/reconciliation/coverage-types";
import { CoverageLocationCard } from "./CoverageLocationCard";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** `/counts/coverage`: per location, rows by the age of their last count; then the due list (what to count tomorrow), exportable as CSV. */
export function CoveragePage({ initialLocation }: { initialLocation: string | null }) {
  const [location, setLocation] = useState<string | null>(initialLocation);
  useParamsInUrl({ location });
  const q = useCountCoverage(location);
  const catalog = useCatalog();
  const names = useMemo(() => new Map((catalog.data?.locations ?? []).map((l) => [l.code, l.name])), [catalog.data]);
  // Every location the catalogue knows, plus any the coverage names (the catalogue may still be loading).
  const options = [...new Set([...(catalog.data?.locations.map((l) => l.code) ?? []), ...(q.data?.locations.map((l) => l.location) ?? []), ...(location ? [location] : [])])].sort();

  let body: React.ReactNode;
  if (q.isError && !q.data) body = <ErrorPanel title="Couldn't load count coverage" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (!q.data) body = <CoverageLoading />;
  else if (q.data.locations.every((l) => l.rows === 0) && q.data.due.length === 0) body = <CoverageEmpty filtered={location !== null} />;
  else body = <CoverageBody data={q.data} names={names} stale={q.isPlaceholderData} />;

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <CountsTabs current="coverage" />
      <PageHeader
        title="Count coverage"
        description={<>Every SKU on hand at a location, by how long ago it was last counted, and the rows to count next: never counted and oldest first, then the most valuable.</>}
        stacked
      >
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Location
          <select
            data-testid="coverage-location-filter"
            value={location ?? ""}
            onChange={(e) => setLocation(e.target.value || null)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
          >
            <option value="">All locations</option>
            {options.map((code) => (
              <option key={code} value={code}>
                {names.get(code) ? `${names.get(code)} (${code})` : code}
              </option>
            ))}
          </select>
        </label>
        <ExportCsvLink testId="coverage-export" href={coverageUrl({ location, format: "csv" })} download={`count-coverage${location ? `-${location}` : ""}.csv`} />
      </PageHeader>
      <div className="mt-4">{body}</div>
    </main>
  );
}

function CoverageBody({ data, names, stale }: { data: CoverageResponse; names: Map<string, string>; stale: boolean }) {
  return (
    <div className={`space-y-6 transition-opacity ${stale ? "opacity-60" : ""}`} aria-busy={stale}>
      <section aria-labelledby="coverage-by-location">
        <h2 id="coverage-by-location" className="mb-2 text-sm font-semibold text-slate-700">
          By location
        </h2>
        <ul data-testid="coverage-locations" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-5">
          {data.locations.map((l) => (
            <CoverageLocationCard key={l.location} l={l} name={names.get(l.location) ?? null} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="coverage-due-title">
        <h2 id="coverage-due-title" className="mb-2 text-sm font-semibold text-slate-700">
          Due to count <span className="font-normal text-slate-500">({formatInt(data.due.length)} rows, oldest first)</span>
        </h2>
        {data.due.length === 0 ? (
          <p data-testid="coverage-due-empty" className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
            Nothing due: every row on hand here was counted recently.
          </p>
        ) : (
          <DueList rows={data.due} names={names} />
        )}
      </section>
    </div>
  );
}

/** A table from 1024 px; below, a card per row (nothing scrolls sideways on a tablet or phone). */
function DueList({ rows, names }: { rows: CoverageDueRow[]; names: Map<string, string> }) {
  return (
    <DataTable
      layout="static"
      responsive="lg"
      testId="coverage-due"
      caption="Rows due to count, never counted and oldest first, then by on-hand value"
      columns={["SKU", "Location", { label: "On hand", className: "text-right" }, "Last counted", { label: "Value on hand", className: "text-right" }]}
      rows={rows}
      rowKey={(r) => `${r.sku}|${r.location}`}
      busy={false}
      row={(r) => (
        <tr data-testid="coverage-due-row" className={CARD_ROW}>
          <td className="min-w-0 max-lg:col-span-2">
            <SkuCodeLink code={r.sku} name={r.skuName} />
          </td>
          <td className="text-slate-700 max-lg:text-xs" title={names.get(r.location) ?? r.location}>
            {r.location}
          </td>
          <NumberCell label="On hand">{formatInt(r.onHand)}</NumberCell>
          <td className="max-lg:text-xs">
            {r.lastCountedAt ? (
              <time dateTime={r.lastCountedAt} title={r.lastCountedAt}>
                {day.format(new Date(r.lastCountedAt))} <span className="text-slate-500">· {describeAge(r.ageDays)}</span>
              </time>
            ) : (
              <span className="rounded bg-rose-50 px-1.5 py-0.5 text-xs font-medium text-rose-700">Never counted</span>
            )}
          </td>
          <NumberCell label="Value" className="max-lg:text-right">
            {r.value === null ? <span className="text-slate-400">—</span> : formatInt(Math.round(r.value))}
          </NumberCell>
        </tr>
      )}
    />
  );
}

function CoverageLoading() {
  return (
    <LoadingRegion testId="coverage-loading" label="Loading count coverage…" className="space-y-6">
      <SkeletonCards count={5} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-5" bars={["h-4 w-32", "mt-3 h-3 w-full", "mt-3 h-3 w-2/3"]} />
      <SkeletonRows rows={8} />
    </LoadingRegion>
  );
}

function CoverageEmpty({ filtered }: { filtered: boolean }) {
  return (
    <div data-testid="coverage-empty" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">{filtered ? "Nothing on hand at this location" : "Nothing on hand to count yet"}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        Coverage lists every SKU with units on hand by the age of its last count. It fills in as stock arrives and as counts land from a WMS or from Onepool&apos;s counts.
      </p>
    </div>
  );
}
