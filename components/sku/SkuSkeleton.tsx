import { Skeleton } from "@/components/ui/Skeleton";

/** The SKU page's shape while its numbers load. */
export function SkuSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading SKU" className="space-y-5">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <Skeleton className="h-5 w-56" />
        <Skeleton className="mt-2 h-3.5 w-72" />
        <div className="mt-5 grid grid-cols-3 gap-6 lg:grid-cols-7">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i}>
              <Skeleton className="h-3 w-20" />
              <Skeleton className="mt-2 h-5 w-12" />
            </div>
          ))}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-14" />
        ))}
      </div>
      <Skeleton className="h-40" />
    </div>
  );
}
