import type { StockStatus } from "@/client/api/types";

const STYLES: Record<StockStatus, { label: string; cls: string; dot: string }> = {
  ok: { label: "OK", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500" },
  low_cover: { label: "Low cover", cls: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  stockout: { label: "Stockout", cls: "bg-rose-50 text-rose-800 ring-rose-600/25", dot: "bg-rose-500" },
};

export const STATUS_LABEL = (s: StockStatus) => STYLES[s].label;

/** Stock status as text and colour (never colour alone). */
export function StatusPill({ status, className = "" }: { status: StockStatus; className?: string }) {
  const s = STYLES[status];
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.cls} ${className}`}>
      <span aria-hidden className={`size-1.5 rounded-full ${s.dot}`} />
      {s.label}
    </span>
  );
}
