import { formatAbsolute, formatRelative } from "@/client/format/time";

/** A time as "3 min ago" with the absolute time on hover; `empty` (grey) where there is none yet. */
export function When({ iso, now, empty = "—", className }: { iso: string | null; now: number; empty?: string; className?: string }) {
  if (!iso) return <span className="text-slate-400">{empty}</span>;
  return (
    <time dateTime={iso} title={formatAbsolute(iso)} className={className}>
      {formatRelative(iso, now)}
    </time>
  );
}
