import { Skeleton } from "@/components/ui/Skeleton";

/** The catalogue is loading: tabs, the channel header and the table, as grey bars. */
export function RulesSkeleton() {
  return (
    <div data-testid="rules-skeleton" aria-busy className="space-y-3">
      <div className="flex gap-3 border-b border-slate-200 pb-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-24" />
        ))}
      </div>
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="mt-2 h-3 w-32" />
      </div>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white px-3 py-3">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-3.5" />
        ))}
      </div>
    </div>
  );
}
