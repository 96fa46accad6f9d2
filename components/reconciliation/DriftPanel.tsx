"use client";

import Link from "next/link";
import { useState } from "react";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { skuHref } from "@/components/sku/sku-href";
import { SkeletonStrip } from "@/components/ui/Skeleton";
import { useDrift } from "@/hooks/use-drift";
import { useNow } from "@/hooks/use-now";
import type { DriftResponse } from "@/lib/contracts/reconciliation";
import { describeSigned } from "@/lib/reconciliation/screen-format";
import { UnavailableNote } from "@/components/ui/UnavailableNote";

/**
 * Beside source health on the dashboard (docs/RECONCILIATION.md#drift): per untrusted source, how many SKUs it
 * disagrees on, Σ |drift| and since when; a source row unfolds its drifting SKUs. Live: overview
 * frames patch the totals, the SKU list follows within a second.
 */
export function DriftPanel() {
  const q = useDrift();
  const now = useNow(30_000);
  const [open, setOpen] = useState<string | null>(null);
  const data = q.data;

  if (q.isError && !data) {
    return <UnavailableNote what="Drift" className="text-xs text-slate-400" data-testid="drift-panel" data-state="error" onRetry={() => void q.refetch()} />;
  }
  if (!data) {
    return <SkeletonStrip testId="drift-panel" bars={["h-3 w-10", "h-5 w-56 rounded-md"]} />;
  }
  const sources = [...data.sources].sort((a, b) => b.absolute - a.absolute || a.source.localeCompare(b.source));
  if (sources.length === 0) {
    return (
      <p className="text-xs text-slate-500" data-testid="drift-panel" data-state="empty" title="Untrusted sources' snapshots and counts are compared with the pool; none disagrees now">
        <span className="font-medium text-slate-500">Drift</span> · none: every untrusted source agrees with the pool.
      </p>
    );
  }
  return (
    <section aria-labelledby="drift-title" className="min-w-0 rounded-lg border border-amber-200 bg-white text-xs" data-testid="drift-panel" data-state="ready">
      <h2 id="drift-title" className="flex flex-wrap items-baseline gap-x-2 border-b border-slate-100 px-3 py-1.5 font-medium text-slate-700">
        Drift
        <span className="font-normal text-slate-500">untrusted sources that disagree with the pool (pool − reported; + = the source sees fewer)</span>
      </h2>
      <ul className="divide-y divide-slate-100">
        {sources.map((s) => {
          const expanded = open === s.source;
          const rows = data.drifts.filter((d) => d.source === s.source);
          return (
            <li key={s.source} data-testid="drift-source" data-source={s.source}>
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={`drift-${s.source}`}
                onClick={() => setOpen(expanded ? null : s.source)}
                className="flex w-full flex-wrap items-baseline gap-x-2 px-3 py-1.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500"
              >
                <span aria-hidden className={`inline-block transition-transform ${expanded ? "rotate-90" : ""}`}>
                  ▸
                </span>
                <span className="min-w-0 font-mono font-medium [overflow-wrap:anywhere] text-slate-900">{s.source}</span>
                <span className="tabular-nums text-slate-600" data-testid="drift-skus">
                  {formatInt(s.skus)} SKU{s.skus === 1 ? "" : "s"}
                </span>
                <span className="tabular-nums font-medium text-amber-800" data-testid="drift-absolute">
                  Σ|drift| {formatInt(s.absolute)}
                </span>
                {s.since && (
                  <span className="tabular-nums text-slate-500" title={formatAbsolute(s.since)}>
                    since {formatRelative(s.since, now)}
                  </span>
                )}
              </button>
              {expanded && <DriftRows id={`drift-${s.source}`} rows={rows} loading={q.isFetching && rows.length === 0} now={now} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function DriftRows({ id, rows, loading, now }: { id: string; rows: DriftResponse["drifts"]; loading: boolean; now: number }) {
  if (rows.length === 0) {
    return (
      <p id={id} className="px-3 pb-2 text-slate-500">
        {loading ? "Loading…" : "No open drift listed for this source yet."}
      </p>
    );
  }
  const sorted = [...rows].sort((a, b) => Math.abs(b.drift) - Math.abs(a.drift) || a.sku.localeCompare(b.sku));
  return (
    <ul id={id} className="space-y-0.5 px-3 pb-2 pl-7" data-testid="drift-rows">
      {sorted.map((d) => (
        <li key={`${d.sku}|${d.location}|${d.bucket}`} className="flex flex-wrap items-baseline gap-x-2" data-testid="drift-row" title={describeSigned(d.drift, d.source)}>
          <Link href={skuHref(d.sku)} className="font-mono font-medium [overflow-wrap:anywhere] text-sky-800 underline-offset-2 hover:underline">
            {d.sku}
          </Link>
          <span className="text-slate-500">
            {d.location}
            {d.bucket !== "on_hand" && d.bucket !== "onHand" ? ` · ${d.bucket}` : ""}
          </span>
          <span className="tabular-nums text-slate-600">
            pool {formatInt(d.pool)} · said {formatInt(d.reported)}
          </span>
          <span className={`tabular-nums font-semibold ${d.drift > 0 ? "text-rose-700" : "text-sky-800"}`}>{formatSigned(d.drift)}</span>
          <span className="tabular-nums text-slate-400" title={formatAbsolute(d.since)}>
            {formatRelative(d.since, now)}
          </span>
        </li>
      ))}
    </ul>
  );
}
