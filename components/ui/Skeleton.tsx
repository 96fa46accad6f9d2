import type { ReactNode } from "react";

/** A grey placeholder bar for loading states. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <span aria-hidden className={`block animate-pulse rounded bg-slate-200/80 ${className}`} />;
}

/** A card of `rows` placeholder lines: the loading shape of a table or list. */
export function SkeletonRows({ rows, rowClassName = "h-3.5" }: { rows: number; rowClassName?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={`my-2.5 ${rowClassName}`} />
      ))}
    </div>
  );
}

/** Placeholder bars, one a class list (size, margin): the inside of a skeleton card or row. */
export function SkeletonBars({ bars }: { bars: readonly string[] }) {
  return bars.map((cls, i) => <Skeleton key={i} className={cls} />);
}

/** `count` white cards of placeholder bars in a grid (`className`): the loading shape of a page's tiles; `list` draws them as a `<ul>`. */
export function SkeletonCards({ count, className, bars, list = false }: { count: number; className: string; bars: readonly string[]; list?: boolean }) {
  const Grid = list ? "ul" : "div";
  const Card = list ? "li" : "div";
  return (
    <Grid className={className}>
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} className="rounded-lg border border-slate-200 bg-white p-3">
          <SkeletonBars bars={bars} />
        </Card>
      ))}
    </Grid>
  );
}

/** What a screen shows during its first load: busy for assistive tech, its words for screen readers, the skeleton drawn by `children`. */
export function LoadingRegion({ testId, label, className, children }: { testId: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div data-testid={testId} aria-busy="true" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** A one-line dashboard strip's shape while it loads (`data-state="loading"` under the strip's own test id). */
export function SkeletonStrip({ testId, bars }: { testId: string; bars: readonly string[] }) {
  return (
    <div className="flex h-[26px] items-center gap-2" aria-hidden data-testid={testId} data-state="loading">
      <SkeletonBars bars={bars} />
    </div>
  );
}
