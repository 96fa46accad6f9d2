import { Skeleton, SkeletonBars } from "@/components/ui/Skeleton";

/** The sources list's shape while it loads. */
export function SourcesSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading sources" className="space-y-3" data-testid="sources-loading">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="rounded-lg border border-slate-200 bg-white">
          <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-3">
            <SkeletonBars bars={["h-4 w-32", "h-4 w-16", "h-4 w-20 rounded-full"]} />
          </div>
          <div className="grid gap-6 p-4 lg:grid-cols-2">
            <div className="space-y-3">
              <Skeleton className="h-6" />
              <div className="grid grid-cols-6 gap-4">
                {Array.from({ length: 6 }, (_, j) => (
                  <Skeleton key={j} className="h-8" />
                ))}
              </div>
            </div>
            <div className="space-y-2">
              <SkeletonBars bars={["h-4 w-40", "h-3.5", "h-3.5"]} />
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}
