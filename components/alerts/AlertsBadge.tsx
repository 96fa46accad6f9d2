"use client";

import Link from "next/link";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { useAlertsLive, useOpenAlertCount } from "@/hooks/use-alerts";

/**
 * The header's alert count below 1280 px (from there the Alerts link of the bar carries it): open
 * alerts that are not muted, linking to the Alerts page. Rose when any is open; a bell and no
 * number when none is. It joins the `alerts` room at every width, so every alert view in the tab
 * (the count, the list, the SKU page) stays live.
 */
export function AlertsBadge({ className = "" }: { className?: string }) {
  const can = useCan("alerts.read");
  useAlertsLive(can);
  const { data } = useOpenAlertCount();
  if (!can) return null;
  const n = data?.open ?? 0;
  const label =
    data === undefined ? "Alerts" : n === 0 ? `No open alerts${data.muted ? ` (${data.muted} muted)` : ""}` : `${n} open alert${n === 1 ? "" : "s"}${data.muted ? ` (${data.muted} more muted)` : ""}`;
  return (
    <Link
      href="/alerts"
      prefetch={false}
      title={label}
      aria-label={label}
      data-testid="alerts-badge"
      data-count={data === undefined ? undefined : n}
      className={`${className} inline-flex h-7 min-w-7 shrink-0 items-center justify-center gap-1 rounded-full px-1.5 text-xs sm:px-2 font-semibold tabular-nums whitespace-nowrap ring-1 ring-inset ${
        n > 0 ? "bg-rose-600 text-white ring-rose-700 hover:bg-rose-700" : "text-slate-500 ring-slate-200 hover:bg-slate-100 hover:text-slate-900"
      }`}
    >
      {/* On a phone a count alone says it (the header has no room to spare at 390 px); the bell shows when there is none. */}
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={`size-3.5 ${n > 0 ? "max-sm:hidden" : ""}`}>
        <path d="M10 2a6 6 0 0 0-6 6v2.6l-1.3 2.6A1 1 0 0 0 3.6 15h12.8a1 1 0 0 0 .9-1.4L16 11V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.4-2h4.8A2.5 2.5 0 0 1 10 18Z" />
      </svg>
      {n > 0 && <span>{n > 999 ? "999+" : formatInt(n)}</span>}
    </Link>
  );
}
