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
