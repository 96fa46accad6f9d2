"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo } from "react";
import type { SkuRow } from "@/client/api/types";
import type { SkuAlertSummary } from "@/components/alerts/alert-text";
import { ExplainPopover } from "@/components/explain/ExplainPopover";
import { formatCover, formatInt, formatRate } from "@/client/format/numbers";
import { PauseControl } from "@/components/pauses/PauseControl";
import { coveringPause, pausedByOf, pauseSummary } from "@/components/pauses/pause-text";
import { FlashCell } from "@/components/ui/FlashCell";
import { StatusPill } from "@/components/ui/StatusPill";
import { skuHref } from "@/components/sku/sku-href";
import { useHydrated } from "@/hooks/use-hydrated";
import { usePauses } from "@/hooks/use-pauses";
import { COVER } from "@/lib/metrics/cover";
import { actionsCellCls, cardLabelCls, codeCellCls, nameCellCls, numCls, rowCls, statusCellCls } from "./stock-layout";

const num = `${numCls} ${cardLabelCls}`;

/** One SKU in the stock list; each number pulses when a live frame changes it. */
export const StockRow = memo(function StockRow({
  row,
  index,
  measureRef,
  channels,
  alerts,
}: {
  row: SkuRow;
  /** Its place in the whole list (0-based): the table renders only the rows in view. */
  index: number;
  /** The virtualizer measures each rendered row (cards differ in height). */
  measureRef?: (el: HTMLTableRowElement | null) => void;
  channels: string[];
  alerts?: SkuAlertSummary;
}) {
  const router = useRouter();
  const byChannel = new Map(row.channels.map((c) => [c.code, c]));
  // Who paused and why: from the row when the server sends it, else from the active pauses.
  const pauses = usePauses().data?.pauses;
  // "until Tue 09:00" is in the viewer's time zone: only once hydrated (the first rows are server-rendered).
  const hydrated = useHydrated();
  return (
    <tr
      ref={measureRef}
      data-index={index}
      aria-rowindex={index + 2}
      data-testid="stock-row"
      data-sku={row.code}
      onClick={(e) => {
        // The whole row is a target for the mouse; the code link is the keyboard/semantic one.
        if ((e.target as HTMLElement).closest("a") || window.getSelection()?.toString()) return;
        router.push(skuHref(row.code));
      }}
      className={`cursor-pointer ${index % 2 === 1 ? "bg-slate-50/50" : ""} hover:bg-sky-50/70 focus-within:bg-sky-50 ${rowCls}`}
    >
      <td className={`px-2 py-1 whitespace-nowrap ${codeCellCls}`}>
        <Link href={skuHref(row.code)} data-row-link prefetch={false} className="font-medium break-words text-slate-900 hover:text-sky-700 hover:underline focus-visible:rounded-sm cards:text-sm">
          {row.code}
        </Link>
        {alerts && (
          // The SKU's open alerts (not muted), live with the header's count: to the Alerts page, searched for it.
          <Link
            href={`/alerts?q=${encodeURIComponent(row.code)}`}
            prefetch={false}
            title={`${alerts.count} open alert${alerts.count === 1 ? "" : "s"}: ${alerts.title}`}
            data-testid="row-alerts"
            className="ml-1.5 inline-block rounded-full bg-rose-100 px-1.5 align-middle text-[11px] leading-4 font-semibold text-rose-800 tabular-nums hover:bg-rose-200"
          >
            <span aria-hidden>⚠ </span>
            {alerts.count}
            <span className="sr-only"> open alert{alerts.count === 1 ? "" : "s"}</span>
          </Link>
        )}
      </td>
      <td className={`px-2 py-1 text-slate-600 ${nameCellCls}`} title={row.name}>
        <div className="truncate tabular:max-w-[8rem] tabular:min-w-[8rem] tabular:min-[1440px]:max-w-[18rem]">{row.name}</div>
      </td>
      <FlashCell value={row.status} className={`px-2 py-1 ${statusCellCls}`} data-col="status">
        <StatusPill status={row.status} />
      </FlashCell>
      <FlashCell value={row.availableReal} className={`${num} font-semibold ${row.availableReal === 0 ? "text-rose-700" : "text-slate-900"}`} data-col="availableReal" data-label="Available real">
        {formatInt(row.availableReal)}
      </FlashCell>
      {channels.map((code, i) => {
        const c = byChannel.get(code);
        const edge = `${i === 0 ? "border-l border-l-slate-100" : ""} ${i === channels.length - 1 ? "border-r border-r-slate-100" : ""}`;
        const pause = c?.paused && hydrated ? (pausedByOf(c) ?? coveringPause(pauses, code, row.code)) : null;
        const why = pause ? `Paused ${pauseSummary(pause)}` : "Paused";
        return (
          <FlashCell key={code} value={c ? (c.paused ? "paused" : c.published) : null} className={`${num} ${edge} text-slate-700 cards:border-0`} data-channel-cell={code} data-label={code}>
            {/* data-channel sits on the number itself (the explain trigger), so `[data-channel=x]` finds one element per row. */}
            {!c ? (
              <span data-channel={code} className="text-slate-300">
                —
              </span>
            ) : (
              <ExplainPopover
                sku={row.code}
                channel={code}
                title={c.paused ? why : "How this number is reached"}
                label={`${code}: ${c.paused ? why : `${formatInt(c.published)} published`}. Show how it is reached.`}
              >
                {c.paused ? (
                  <span data-testid="paused-mark" className="rounded bg-amber-50 px-1.5 py-px text-xs font-medium text-amber-800 italic ring-1 ring-amber-600/20 ring-inset">
                    paused
                  </span>
                ) : (
                  formatInt(c.published)
                )}
              </ExplainPopover>
            )}
          </FlashCell>
        );
      })}
      <FlashCell
        value={`${row.velocity7d}/${row.velocity24h}`}
        className={num}
        data-col="velocity"
        data-label="Velocity 7d · 24h"
        title={`${formatRate(row.velocity7d)} units/day over 7 days · ${formatInt(row.velocity24h)} units in the last 24 h`}
      >
        {formatRate(row.velocity7d)}
        <span className="text-slate-400"> · {formatInt(row.velocity24h)}</span>
      </FlashCell>
      <FlashCell
        value={row.daysOfInventory}
        className={`${num} ${row.status === "low_cover" ? "text-amber-700" : ""}`}
        data-col="daysOfInventory"
        data-label={`${COVER.label} (${COVER.unit})`}
        title={row.daysOfInventory === null ? "No sales: infinite cover" : undefined}
      >
        {formatCover(row.daysOfInventory)}
      </FlashCell>
      <FlashCell value={row.onHand} className={`${num} text-slate-500`} data-col="onHand" data-label="On hand">
        {formatInt(row.onHand)}
      </FlashCell>
      <FlashCell value={row.incoming} className={`${num} text-slate-500`} data-col="incoming" data-label="Incoming">
        {row.incoming === 0 ? <span className="text-slate-300">0</span> : formatInt(row.incoming)}
      </FlashCell>
      <td className={`px-2 py-1 text-right whitespace-nowrap ${actionsCellCls}`} data-col="actions">
        <PauseControl sku={row.code} compact />
      </td>
    </tr>
  );
});
