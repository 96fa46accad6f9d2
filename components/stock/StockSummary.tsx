"use client";

import { formatInt } from "@/client/format/numbers";
import { ReconciliationTile } from "@/components/reconciliation/ReconciliationTile";
import { Skeleton } from "@/components/ui/Skeleton";
import { useStockSummary } from "@/hooks/use-stock-summary";

function Stat({ label, value, tone = "text-slate-900", hint, testId, failed }: { label: string; value: number | undefined; tone?: string; hint?: string; testId: string; failed: boolean }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white px-3.5 py-2" title={hint}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${tone}`} data-testid={testId}>
        {value !== undefined ? (
          formatInt(value)
        ) : failed ? (
          <span className="text-slate-300" title="Unavailable">
            —
          </span>
        ) : (
          <Skeleton className="h-6 w-16" />
        )}
      </dd>
    </div>
  );
}

/** Counts over every SKU (not only the search), refreshed as live frames arrive; then the count-variance tile. */
export function StockSummary() {
  const { data, isError } = useStockSummary();
  const failed = isError && !data;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
      <Stat label="SKUs" value={data?.skus} testId="summary-skus" failed={failed} />
      <Stat label="Stockouts" value={data?.stockouts} tone={data?.stockouts ? "text-rose-700" : undefined} hint="Available real is 0" testId="summary-stockouts" failed={failed} />
      <Stat
        label="Low cover"
        value={data?.lowCover}
        tone={data?.lowCover ? "text-amber-700" : undefined}
        hint="Cover (days) below lead time + safety days"
        testId="summary-low-cover"
        failed={failed}
      />
      <Stat
        label="Available real (units)"
        value={data?.availableReal}
        hint="Σ over SKUs of sellable, unpromised units; each unit counted once across channels"
        testId="summary-available"
        failed={failed}
      />
      <ReconciliationTile />
    </dl>
  );
}
