"use client";

import { formatInt, formatSigned } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { Skeleton } from "@/components/ui/Skeleton";
import { useHydrated } from "@/hooks/use-hydrated";
import { useNow } from "@/hooks/use-now";
import { useSourcesSaid } from "@/hooks/use-sources-said";
import { describeSigned } from "@/lib/reconciliation/screen-format";
import { UnavailableNote } from "@/components/ui/UnavailableNote";

/**
 * Per location, the last absolute (snapshot or count) each source sent for this SKU, next to the pool
 * (docs/RECONCILIATION.md#drift). Trusted sources set the number; untrusted ones only show drift, signed like variance
 * (pool − reported: + = the source sees fewer units). Refreshed by the SKU room's frames.
 */
export function SourcesSaid({ code }: { code: string }) {
  const q = useSourcesSaid(code);
  const now = useNow(30_000);
  const hydrated = useHydrated();
  const locations = q.data?.locations.filter((l) => l.said.length > 0);

  let body: React.ReactNode;
  if (q.isError && !q.data) {
    body = <UnavailableNote what="What the sources said is" className="px-3 py-3 text-sm text-rose-700" data-state="error" onRetry={() => void q.refetch()} />;
  } else if (!locations) {
    body = (
      <div className="space-y-2 p-3" aria-busy>
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-2/3" />
      </div>
    );
  } else if (locations.length === 0) {
    body = <p className="px-3 py-3 text-sm text-slate-500">No source has sent a snapshot or a count for this SKU yet.</p>;
  } else {
    body = (
      <ul className="divide-y divide-slate-100">
        {locations.map((l) => (
          <li key={l.location} className="px-3 py-2" data-testid="said-location" data-location={l.location}>
            <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-mono font-medium text-slate-900">{l.location}</span>
              <span className="text-slate-500">
                pool on hand{" "}
                <span className="font-semibold text-slate-900 tabular-nums" data-testid="said-pool">
                  {formatInt(l.onHand)}
                </span>
              </span>
            </div>
            <ul className="space-y-1 text-sm">
              {l.said.map((s) => (
                <li key={`${s.source}|${s.bucket}`} className="flex flex-wrap items-baseline gap-x-2" data-testid="said-row" data-source={s.source} data-trusted={s.trusted}>
                  <span className="min-w-0 font-mono text-xs [overflow-wrap:anywhere] text-slate-700">{s.source}</span>
                  <span
                    className={`rounded px-1.5 text-[11px] font-medium ${s.trusted ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-900"}`}
                    title={s.trusted ? "Trusted at this location: its absolutes set the number (counts are variance)" : "Not trusted here: its absolutes never move the number, they are drift"}
                  >
                    {s.trusted ? "trusted" : "untrusted"}
                  </span>
                  <span className="text-slate-600 tabular-nums">
                    said <span className="font-semibold text-slate-900">{formatInt(s.reported)}</span>
                    {s.bucket !== "on_hand" && s.bucket !== "onHand" ? ` ${s.bucket}` : ""}
                  </span>
                  <span
                    className={`font-semibold tabular-nums ${s.drift === 0 ? "text-emerald-700" : s.drift > 0 ? "text-rose-700" : "text-sky-800"}`}
                    title={`${describeSigned(s.drift, s.source)} (pool − reported at the time)`}
                    data-testid="said-drift"
                  >
                    {s.drift === 0 ? "agrees" : `${s.trusted ? "variance" : "drift"} ${formatSigned(s.drift)}`}
                  </span>
                  <span className="text-xs text-slate-400 tabular-nums" title={formatAbsolute(s.at)}>
                    {hydrated ? formatRelative(s.at, now) : s.at.slice(0, 10)}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="said-title" className="rounded-lg border border-slate-200 bg-white shadow-xs" data-testid="sources-said">
      <h2 id="said-title" className="border-b border-slate-100 px-3 py-2 text-sm font-semibold text-slate-900">
        What each source said <span className="font-normal text-slate-500">· last snapshot or count per location, next to the pool</span>
      </h2>
      {body}
    </section>
  );
}
