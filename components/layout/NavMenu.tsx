"use client";

import { usePathname } from "next/navigation";
import { Fragment, useEffect, useId, useRef, useState } from "react";
import type { NavItem } from "@/hooks/use-nav-items";
import { NavLink } from "./NavLink";

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3.5 6h13M3.5 10h13M3.5 14h13" />}
    </svg>
  );
}

/**
 * Below the wide-screen breakpoint the links live behind a Menu button (a disclosure): every page
 * stays one tap away on a tablet or a phone instead of scrolling out of a squeezed bar. Closes on
 * navigation, Escape (focus back on the button) and a tap outside.
 */
export function NavMenu({ items }: { items: NavItem[] }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const path = usePathname();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const current = items.find((i) => i.active);
  const attention = items.reduce((n, i) => n + (i.badge ?? 0), 0);

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="xl:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
        data-testid="nav-menu-button"
        className="relative inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-expanded:bg-slate-100"
      >
        <MenuIcon open={open} />
        <span>Menu</span>
        {current && <span className="hidden text-slate-400 sm:inline">· {current.label}</span>}
        {attention > 0 && !open && <span aria-hidden className="absolute top-1 left-5 size-2 rounded-full bg-amber-500 ring-2 ring-white" />}
      </button>
      <div
        id={`${id}-panel`}
        hidden={!open}
        className="absolute inset-x-0 top-full max-h-[calc(100dvh-3rem)] overflow-y-auto border-b border-slate-200 bg-white shadow-lg sm:right-auto sm:left-3 sm:mt-1 sm:w-72 sm:rounded-lg sm:border"
      >
        {open && (
          <nav aria-label="Main" className="flex flex-col p-2" data-testid="nav-menu">
            {items.map((item, i) => (
              <Fragment key={item.href}>
                {i > 0 && items[i - 1].group !== item.group && <hr className="my-1.5 border-slate-100" />}
                <NavLink item={item} variant="menu" onNavigate={() => setOpen(false)} />
              </Fragment>
            ))}
          </nav>
        )}
      </div>
    </div>
  );
}
