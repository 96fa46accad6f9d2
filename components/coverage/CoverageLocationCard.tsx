import { formatInt } from "@/client/format/numbers";
import { bucketShares, countedWithin30, type AgingBucket, type CoverageLocation } from "@/lib/reconciliation/coverage-types";

/** Fresh counts green through stale red; each segment also carries its label and count (never colour alone). */
const BUCKET_STYLE: Record<AgingBucket, { bar: string; dot: string; label: string }> = {
  "0-7": { bar: "bg-emerald-500", dot: "bg-emerald-500", label: "0–7 days" },
  "8-30": { bar: "bg-sky-400", dot: "bg-sky-400", label: "8–30 days" },
  "31-90": { bar: "bg-amber-400", dot: "bg-amber-400", label: "31–90 days" },
  ">90": { bar: "bg-rose-500", dot: "bg-rose-500", label: "over 90 or never" },
};

/** One location: its rows on hand as a stacked bar by age of last count, and the four numbers under it. */
export function CoverageLocationCard({ l, name }: { l: CoverageLocation; name: string | null }) {
  const shares = bucketShares(l.buckets);
  const within30 = countedWithin30(l.buckets);
  const summary = shares.map((s) => `${BUCKET_STYLE[s.bucket].label}: ${s.n}`).join(", ");
  return (
    <li data-testid={`coverage-location-${l.location}`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-xs">
      <div className="flex items-baseline justify-between gap-2">
        <div className="min-w-0">
          <div className="truncate text-sm font-semibold text-slate-900">{name ?? l.location}</div>
          {name && <div className="font-mono text-xs text-slate-500">{l.location}</div>}
        </div>
        <div className="shrink-0 text-right text-xs text-slate-500">
          <span className="font-medium text-slate-900 tabular-nums">{formatInt(l.rows)}</span> rows on hand
        </div>
      </div>
      <div role="img" aria-label={`Rows by age of last count: ${summary}`} className="mt-3 flex h-3 overflow-hidden rounded-full bg-slate-100">
        {shares.map((s) =>
          s.percent > 0 ? <span key={s.bucket} className={BUCKET_STYLE[s.bucket].bar} style={{ width: `${s.percent}%` }} title={`${BUCKET_STYLE[s.bucket].label}: ${s.n} (${s.percent} %)`} /> : null,
        )}
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
        {shares.map((s) => (
          <div key={s.bucket} className="flex items-center justify-between gap-2" data-bucket={s.bucket}>
            <dt className="flex min-w-0 items-center gap-1.5 text-slate-600">
              <span aria-hidden className={`size-2 shrink-0 rounded-full ${BUCKET_STYLE[s.bucket].dot}`} />
              <span className="truncate">{BUCKET_STYLE[s.bucket].label}</span>
            </dt>
            <dd className="font-medium text-slate-900 tabular-nums">{formatInt(s.n)}</dd>
          </div>
        ))}
      </dl>
      {within30 !== null && <p className="mt-2 text-xs text-slate-500">{within30} % counted in the last 30 days</p>}
    </li>
  );
}
