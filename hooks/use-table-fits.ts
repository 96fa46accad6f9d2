"use client";

import { useLayoutEffect, useRef, useState, type RefObject } from "react";

const WIDE = "(min-width: 80rem)";

/**
 * Whether a table fits its container without widening the page, for a layout that falls back to
 * cards when it does not (the stock list with very many channels). Measured in table layout; once
 * on cards, the table's last natural width says when there is room again. `initial` is the guess
 * both the server and the first client render use (hydration must match).
 */
export function useTableFits(tableRef: RefObject<HTMLElement | null>, initial: boolean, remeasureKey: unknown): boolean {
  const [fits, setFits] = useState(initial);
  const natural = useRef<number | null>(null);
  useLayoutEffect(() => {
    const table = tableRef.current;
    const box = table?.parentElement?.parentElement;
    if (!table || !box) return;
    const wide = window.matchMedia(WIDE);
    const room = () => {
      const style = getComputedStyle(box);
      return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    const check = () => {
      // Below 80rem the cards come from CSS whatever this says.
      if (!wide.matches) return;
      if (fits) {
        const width = table.scrollWidth;
        if (width > room() + 1) {
          natural.current = width;
          setFits(false);
        }
      } else if (natural.current === null || room() >= natural.current) {
        setFits(true);
      }
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(box);
    ro.observe(table);
    wide.addEventListener("change", check);
    return () => {
      ro.disconnect();
      wide.removeEventListener("change", check);
    };
  }, [tableRef, fits, remeasureKey]);
  return fits;
}
