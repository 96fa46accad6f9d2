"use client";

import { InlineError } from "@/components/ui/InlineError";
import { Spinner } from "@/components/ui/Spinner";
import { smallBtn } from "@/components/ui/form-styles";
import { usePublishedExplanation } from "@/hooks/use-published-explanation";
import { ExplainBreakdown } from "./ExplainBreakdown";

/** The inside of an open breakdown: its heading, then loading, error or the calculation. */
export function ExplainContent({ sku, channel }: { sku: string; channel: string }) {
  const q = usePublishedExplanation(sku);
  const c = q.data?.channels.find((x) => x.channel === channel);

  return (
    <div aria-busy={q.isPending}>
      <h3 className="mb-2 flex items-baseline justify-between gap-2 border-b border-slate-100 pb-1.5 text-sm font-semibold text-slate-900">
        <span className="truncate">
          {channel} <span className="font-normal text-slate-400">·</span> <span className="font-mono text-xs font-medium">{sku}</span>
        </span>
        {q.isFetching && !q.isPending && <Spinner className="border-slate-200 border-t-slate-500" />}
      </h3>
      {q.isPending ? (
        <p className="flex items-center gap-2 py-3 text-slate-500">
          <Spinner className="border-slate-200 border-t-slate-500" /> Working out the numbers…
        </p>
      ) : q.isError && !q.data ? (
        <div className="space-y-2 py-1">
          <InlineError error={q.error} testId="explain-error" />
          <button type="button" onClick={() => void q.refetch()} disabled={q.isFetching} className={smallBtn}>
            {q.isFetching ? "Retrying…" : "Retry"}
          </button>
        </div>
      ) : !c ? (
        <p className="py-2 text-slate-500">No published number for {channel}: the channel may have been removed.</p>
      ) : (
        <ExplainBreakdown c={c} all={q.data!.channels} />
      )}
    </div>
  );
}
