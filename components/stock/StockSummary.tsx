"use client";

import { formatInt } from "@/client/format/numbers";
import { ReconciliationTile } from "@/components/reconciliation/ReconciliationTile";
import { Skeleton } from "@/components/ui/Skeleton";
import { Stat } from "@/components/ui/Stat";
import { useStockSummary } from "@/hooks/use-stock-summary";

function SummaryStat({ label, value, tone, hint, testId, failed }: { label: string; value: number | undefined; tone?: string; hint?: string; testId: string; failed: boolean }) {
  return (
    <Stat size="xl" label={label} tone={tone} hint={hint} testId={testId}>
      {value !== undefined ? (
        formatInt(value)
      ) : failed ? (
        <span className="text-slate-300" title="Unavailable">
          —
        </span>
      ) : (
        <Skeleton className="h-6 w-16" />
      )}
    </Stat>
  );
}

/** Counts over every SKU (not only the search), refreshed as live frames arrive; then the count-variance tile. */
export function StockSummary() {
  const { data, isError } = useStockSummary();
  const failed = isError && !data;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
      <SummaryStat label="SKUs" value={data?.skus} testId="summary-skus" failed={failed} />
      <SummaryStat label="Stockouts" value={data?.stockouts} tone={data?.stockouts ? "text-rose-700" : undefined} hint="Available real is 0" testId="summary-stockouts" failed={failed} />
      <SummaryStat
        label="Low cover"
        value={data?.lowCover}
        tone={data?.lowCover ? "text-amber-700" : undefined}
        hint="Cover (days) below lead time + safety days"
        testId="summary-low-cover"
        failed={failed}
      />
      <SummaryStat
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
