"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { Skeleton } from "@/components/ui/Skeleton";
import { useReconciliationMatrix } from "@/hooks/use-reconciliation";
import { matrixGrid } from "@/lib/reconciliation/matrix-grid";
import { formatRatio, formatValue, periodLabel, periodSearch, type Period } from "@/lib/reconciliation/screen-format";
import { HeatLegend, HeatTable, type CellRef, type Mode } from "./HeatTable";
import { LinesPanel } from "./LinesPanel";
import { PeriodPicker } from "./PeriodPicker";
import { TrendChart } from "./TrendChart";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { Stat } from "@/components/ui/Stat";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

const toggle = "px-2.5 py-1 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-sky-500";

/** `/reconciliation`: where the records lie (docs/RECONCILIATION.md#numbers): the location × aging heat table, its lines, and the weekly trend. Live. */
export function ReconciliationPage({ initialPeriod }: { initialPeriod: Period }) {
  const [period, setPeriod] = useState<Period>(initialPeriod);
  const [mode, setMode] = useState<Mode>("units");
  const [open, setOpen] = useState<CellRef | null>(null);
  useParamsInUrl({ days: null, from: null, to: null, ...periodSearch(period) });
  const q = useReconciliationMatrix(period);
  const m = q.data;
  const grid = useMemo(() => (m ? matrixGrid(m) : null), [m]);
  // Lines use the range the matrix answered for, so a cell's lines are exactly the ones it counted.
  const range = useMemo(() => (m ? { from: m.from, to: m.to } : null), [m]);
  const stale = q.isPlaceholderData;

  let body: React.ReactNode;
  if (q.isError && !m) {
    body = <ErrorPanel title="Couldn't load the reconciliation" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  } else if (!m || !grid) {
    body = (
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" aria-busy data-testid="reconciliation-loading">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    );
  } else if (m.total.lines === 0) {
    body = (
      <div className="rounded-lg border border-slate-200 bg-white p-6 text-center" data-testid="reconciliation-empty">
        <h2 className="text-base font-semibold text-slate-900">No counts in the {periodLabel(period)}</h2>
        <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">
          Variance comes from cycle counts: a <code className="rounded bg-slate-100 px-1 font-mono text-xs">cycle_count</code> event from a source trusted at the location (a WMS), or a count entered
          and approved on the{" "}
          <Link href="/counts" className="font-medium text-sky-800 underline">
            Counts
          </Link>{" "}
          page. Each one compares what the system held with what was on the shelf.
        </p>
        {period.kind !== "preset" || period.days !== 90 ? (
          <button type="button" className="mt-3 text-sm font-medium text-slate-700 underline" onClick={() => setPeriod({ kind: "preset", days: 90 })}>
            Look at the last 90 days
          </button>
        ) : null}
      </div>
    );
  } else {
    body = (
      <div className={`space-y-2 transition-opacity ${stale ? "opacity-60" : ""}`} aria-busy={stale || undefined}>
        <TotalsLine total={m.total} />
        <HeatTable grid={grid} mode={mode} selected={open} onOpen={(c) => setOpen(c)} />
        <HeatLegend />
      </div>
    );
  }

  return (
    <main className="mx-auto max-w-[1600px] space-y-4 px-4 py-4">
      <PageHeader title="Reconciliation" description="Where the records and the shelves disagree, by location and by how long since the last count." baseline />
      <div className="flex flex-wrap items-center gap-3">
        <PeriodPicker
          period={period}
          onChange={(p) => {
            setPeriod(p);
            setOpen(null);
          }}
        />
        <div role="group" aria-label="Show" className="inline-flex divide-x divide-slate-300 rounded-md border border-slate-300">
          {(["units", "value"] as const).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={mode === k}
              onClick={() => setMode(k)}
              className={`${toggle} ${mode === k ? "bg-slate-900 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
              data-testid={`mode-${k}`}
            >
              {k === "units" ? "Units" : "Value"}
            </button>
          ))}
        </div>
        {q.isError && m && <RefreshFailedNote shown="answer" onRetry={() => void q.refetch()} inline />}
      </div>
      {body}
      {open && range && <LinesPanel range={range} cell={open} onClose={() => setOpen(null)} />}
      <TrendChart />
    </main>
  );
}

function TotalsLine({ total }: { total: { lines: number; net: number; absolute: number; rate: number | null; accurate: number; accuracy: number | null; value: number | null } }) {
  const item = (label: string, value: string, testId: string, hint?: string) => (
    <Stat size="base" label={label} hint={hint} testId={testId}>
      {value}
    </Stat>
  );
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white px-3.5 py-2 sm:grid-cols-3 lg:grid-cols-6" data-testid="reconciliation-totals">
      {item("Variance rate", formatRatio(total.rate), "total-rate", "Σ |system − counted| / Σ system: gains never net losses")}
      {item("Counted lines", formatInt(total.lines), "total-lines")}
      {item("Accuracy", formatRatio(total.accuracy), "total-accuracy", "Lines counted exactly right")}
      {item("Σ |variance|", `${formatInt(total.absolute)} u`, "total-absolute")}
      {item("Net", formatSigned(total.net), "total-net", "Σ (system − counted): + = units missing")}
      {item("Value", formatValue(total.value), "total-value", "Σ |variance| × unit cost, over SKUs with a unit cost")}
    </dl>
  );
}
