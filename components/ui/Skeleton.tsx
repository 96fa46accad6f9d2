/** A grey placeholder bar for loading states. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <span aria-hidden className={`block animate-pulse rounded bg-slate-200/80 ${className}`} />;
}
