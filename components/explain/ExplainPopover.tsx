"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ExplainContent } from "./ExplainContent";

const GAP = 4;
const MARGIN = 8;
const WIDTH = 320;

/**
 * A published number that opens its breakdown (click or Enter). A native `popover="auto"`: one
 * open at a time, Esc and a click elsewhere close it, no focus trap. Fetches only while open.
 * Its accessible name starts with what it shows (the number, or "paused"; WCAG 2.5.3) and goes on
 * with the channel, so the numbers of one row have distinct names; `label` is read as its description.
 */
export function ExplainPopover({
  sku,
  channel,
  label,
  title,
  className = "",
  children,
}: {
  sku: string;
  channel: string;
  label: string;
  title?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  const popId = `explain-${id.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const triggerId = `${popId}-trigger`;
  const triggerRef = useRef<HTMLButtonElement>(null);
  const popRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  // Top-layer popovers are fixed to the viewport: put it under (or over) the number, inside the window.
  const place = useCallback(() => {
    const t = triggerRef.current?.getBoundingClientRect();
    const p = popRef.current;
    if (!t || !p) return;
    const below = window.innerHeight - t.bottom;
    const left = Math.min(Math.max(MARGIN, t.right - WIDTH), window.innerWidth - WIDTH - MARGIN);
    Object.assign(p.style, {
      left: `${Math.max(MARGIN, left)}px`,
      right: "auto",
      ...(below >= t.top
        ? { top: `${t.bottom + GAP}px`, bottom: "auto", maxHeight: `${below - GAP - MARGIN}px` }
        : { top: "auto", bottom: `${window.innerHeight - t.top + GAP}px`, maxHeight: `${t.top - GAP - MARGIN}px` }),
    });
  }, []);

  useEffect(() => {
    const p = popRef.current;
    if (!p) return;
    // Native beforetoggle (not React's onToggle): it fires before the popover shows, so it never
    // paints at the corner first, and it works whichever React version handles popovers.
    const onToggle = (e: Event) => {
      const isOpen = (e as ToggleEvent).newState === "open";
      if (isOpen) place();
      setOpen(isOpen);
    };
    p.addEventListener("beforetoggle", onToggle);
    return () => p.removeEventListener("beforetoggle", onToggle);
  }, [place]);

  useEffect(() => {
    if (!open) return;
    window.addEventListener("scroll", place, { capture: true, passive: true });
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, { capture: true });
      window.removeEventListener("resize", place);
    };
  }, [open, place]);

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        popoverTarget={popId}
        data-testid="explain-trigger"
        data-channel={channel}
        data-sku={sku}
        aria-haspopup="dialog"
        aria-expanded={open}
        id={triggerId}
        aria-labelledby={`${triggerId} ${popId}-name`}
        aria-describedby={`${popId}-desc`}
        title={title}
        // In a stock row: open the breakdown, not the SKU page.
        onClick={(e) => e.stopPropagation()}
        className={`-mx-1 cursor-pointer rounded px-1 underline decoration-slate-300 decoration-dotted underline-offset-2 hover:bg-slate-100 hover:decoration-slate-500 focus-visible:outline-2 focus-visible:outline-sky-500 aria-expanded:bg-slate-100 ${className}`}
      >
        {children}
      </button>
      <span id={`${popId}-name`} hidden>
        on {channel}, show how it is reached
      </span>
      <span id={`${popId}-desc`} hidden>
        {label}
      </span>
      <div
        ref={popRef}
        id={popId}
        popover="auto"
        role="dialog"
        aria-label={`How ${channel} gets its number for ${sku}`}
        data-testid="explain-popover"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
        style={{ width: WIDTH }}
        // Inherits from the table cell it sits in: reset alignment, weight and cursor.
        className="m-0 cursor-auto overflow-auto rounded-lg border border-slate-200 bg-white p-3 text-left text-xs font-normal whitespace-normal text-slate-700 not-italic shadow-xl"
      >
        {open && <ExplainContent sku={sku} channel={channel} />}
      </div>
    </>
  );
}
