"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { alertsBySku } from "@/components/alerts/alert-text";
import { useCan } from "@/components/auth/ViewerProvider";
import { useAlerts } from "@/hooks/use-alerts";
import type { SkuRow, SkuSort } from "@/client/api/types";
import { Skeleton } from "@/components/ui/Skeleton";
import { COVER } from "@/lib/metrics/cover";
import { actionsCellCls, codeCellCls, nameCellCls, plainCellCls, rowCls, statusCellCls } from "./stock-layout";
import { SortHeader } from "./SortHeader";
import { StockRow } from "./StockRow";
import { useWatchSkus } from "@/hooks/use-watch-skus";

interface Props {
  rows: SkuRow[] | null;
  /** Every SKU the search matches (loaded or not): announced as the table's row count. */
  total: number;
  /** Cards (below xl, or a table that would not fit): taller rows, for the first estimate only. */
  cards?: boolean;
  channels: string[];
  sort: SkuSort;
  onSort(s: SkuSort): void;
  tableRef?: RefObject<HTMLTableElement | null>;
  /** ArrowUp from the first row goes back to the search box. */
  onExitTop?(): void;
}

const SKELETON_ROWS = 12;
/** First guesses of a row's height before it is measured (px): a table row, a card. */
const ROW_ESTIMATE = 33;
const CARD_ESTIMATE = 150;
/** Rows rendered beyond the window on each side: arrow keys always find the next row in the DOM. */
const OVERSCAN = 10;
/**
 * What the server (and the first client render) assumes of the window: the first ~40 rows are in
 * the HTML, as before virtualization. The real size is measured once hydrated.
 */
const INITIAL_RECT = { width: 1280, height: 1000 };
const th = "px-2 py-2 font-medium";

/** Focus the next/previous row link: ↑/↓ or j/k inside the table. */
function moveFocus(table: HTMLTableElement, from: Element, delta: number, onExitTop?: () => void) {
  const links = [...table.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")];
  const i = links.findIndex((a) => a === from || a.closest("tr")?.contains(from));
  const next = links[i + delta];
  if (next) {
    next.focus();
    next.closest("tr")?.scrollIntoView({ block: "nearest" });
  } else if (delta < 0 && i <= 0) onExitTop?.();
}

const NO_ALERTS = new Map<string, never>();

export function StockTable({ rows, total, cards = false, channels, sort, onSort, tableRef, onExitTop }: Props) {
  // Open alerts on the rows they concern: one list for the page, refetched when the `alerts` room
  // (joined by the header's count) says something changed; a row's entry keeps its identity until then.
  const canAlerts = useCan("alerts.read");
  const open = useAlerts({ state: "open", kind: null }, canAlerts).data?.alerts;
  const alerts = useMemo(() => (open ? alertsBySku(open) : NO_ALERTS), [open]);

  // Rows rendered only where visible (docs/PERFORMANCE.md#stock-list): the page scrolls, not a box
  // (the header stays sticky, cards stay full width); spacer rows stand in for the rest.
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const update = () => setScrollMargin(el.getBoundingClientRect().top + window.scrollY);
    update();
    // Panels above the table (drift, pushes) grow and shrink as they load.
    const ro = new ResizeObserver(update);
    ro.observe(document.body);
    return () => ro.disconnect();
  }, []);
  // Rows not yet rendered are guessed at the height of the first one measured here (a phone's card is
  // taller than a tablet's): the end of the list is then about where the scrollbar says.
  const [estimate, setEstimate] = useState<number | null>(null);
  const virtualizer = useWindowVirtualizer({
    count: rows?.length ?? 0,
    estimateSize: () => estimate ?? (cards ? CARD_ESTIMATE : ROW_ESTIMATE),
    overscan: OVERSCAN,
    scrollMargin,
    initialRect: INITIAL_RECT,
    getItemKey: (i) => rows?.[i]?.code ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const hasRows = (rows?.length ?? 0) > 0;
  useLayoutEffect(() => {
    const first = hasRows ? bodyRef.current?.querySelector<HTMLElement>("tr[data-index]") : null;
    const h = first ? Math.round(first.getBoundingClientRect().height) : 0;
    if (h > 0) setEstimate(h);
  }, [cards, hasRows]);
  useLayoutEffect(() => {
    if (estimate !== null) virtualizer.measure();
  }, [estimate, virtualizer]);
  const shown = rows ? items.map((v) => rows[v.index]).filter((r) => r !== undefined) : [];
  // The live server sends this page the rows of what it renders, nothing else (docs/LIVE.md §watch).
  useWatchSkus(shown.map((r) => r.code));
  const before = items.length ? items[0].start - scrollMargin : 0;
  const after = items.length ? virtualizer.getTotalSize() - (items[items.length - 1].end - scrollMargin) : 0;
  const columns = 6 + channels.length + 3;
  return (
    // No overflow container at xl and up: it would break the sticky header (a table with very many
    // channels widens the page there). Below xl the rows are cards (stock-layout.ts): nothing to scroll.
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs tabular:w-fit tabular:min-w-full">
      <table
        ref={tableRef}
        className="w-full border-separate border-spacing-0 text-[13px] cards:block"
        aria-busy={rows === null}
        // Only the rows in view are in the DOM: the count of all of them (and the header row) is announced.
        aria-rowcount={rows === null ? undefined : total + 1}
        onKeyDown={(e) => {
          const delta = e.key === "ArrowDown" || e.key === "j" ? 1 : e.key === "ArrowUp" || e.key === "k" ? -1 : 0;
          // Buttons, form fields and the pause/explain overlays keep their keys (typing j or k in a reason).
          if (!delta || (e.target as HTMLElement).closest("button, input, textarea, select, dialog, [popover]")) return;
          e.preventDefault();
          moveFocus(e.currentTarget, e.target as Element, delta, onExitTop);
        }}
      >
        <caption className="sr-only">Live stock per SKU. Use the arrow keys to move between rows and Enter to open one.</caption>
        <thead className="text-xs text-slate-500 cards:hidden [&_th]:sticky [&_th]:top-12 [&_th]:z-10 [&_th]:border-b [&_th]:border-slate-200 [&_th]:bg-slate-50/95 [&_th]:backdrop-blur [&_th:first-child]:rounded-tl-lg [&_th:last-child]:rounded-tr-lg">
          <tr aria-rowindex={1}>
            <SortHeader label="SKU" sortKey="code" sort={sort} onSort={onSort} />
            <SortHeader label="Name" sortKey="name" sort={sort} onSort={onSort} />
            <th scope="col" className={`${th} text-left`}>
              Status
            </th>
            <SortHeader label="Available real" sortKey="availableReal" sort={sort} onSort={onSort} align="right" title="Σ over sellable locations of max(0, available)" />
            {channels.map((c, i) => (
              <th
                key={c}
                scope="col"
                className={`${th} text-right whitespace-nowrap ${i === 0 ? "border-l border-l-slate-200" : ""} ${i === channels.length - 1 ? "border-r border-r-slate-200" : ""}`}
                title={`Quantity published on ${c}`}
              >
                {c}
              </th>
            ))}
            <SortHeader
              label="Velocity 7d · 24h"
              sortKey="velocity"
              sort={sort}
              onSort={onSort}
              align="right"
              title="Units per day over 7 days · units in the last 24 h (sorted by the higher rate)"
              className="whitespace-nowrap"
            />
            <SortHeader label={`${COVER.label} (${COVER.unit})`} sortKey="daysOfInventory" sort={sort} onSort={onSort} align="right" title={COVER.hint} className="whitespace-nowrap" />
            <th scope="col" className={`${th} text-right whitespace-nowrap`}>
              On hand
            </th>
            <th scope="col" className={`${th} text-right`}>
              Incoming
            </th>
            <th scope="col" className={`${th} text-right`} title="Pause or resume the SKU on every channel">
              <span className="sr-only">Pause</span>
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef} className="cards:block">
          {rows === null ? (
            Array.from({ length: SKELETON_ROWS }, (_, i) => (
              <tr key={i} data-testid="skeleton-row" className={rowCls}>
                <td className={`px-2 py-2 ${codeCellCls}`}>
                  <Skeleton className="h-3.5 w-28" />
                </td>
                <td className={`px-2 py-2 ${nameCellCls}`}>
                  <Skeleton className="h-3.5 cards:w-48" />
                </td>
                <td className={`px-2 py-2 ${statusCellCls}`}>
                  <Skeleton className="h-4 w-16 rounded-full" />
                </td>
                {Array.from({ length: 5 + channels.length }, (_, j) => (
                  <td key={j} className={`px-2 py-2 ${plainCellCls}`}>
                    <Skeleton className="h-3.5 w-10 tabular:ml-auto" />
                  </td>
                ))}
                <td className={`px-2 py-2 ${actionsCellCls}`} />
              </tr>
            ))
          ) : (
            <>
              {before > 0 && <Spacer height={before} columns={columns} />}
              {items.map((v) => {
                const row = rows[v.index];
                return row && <StockRow key={row.code} row={row} index={v.index} measureRef={virtualizer.measureElement} channels={channels} alerts={alerts.get(row.code)} />;
              })}
              {after > 0 && <Spacer height={after} columns={columns} />}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows above or below the window, so the page keeps its full height. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden className="cards:block" data-testid="stock-spacer">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} className="cards:block" />
    </tr>
  );
}
