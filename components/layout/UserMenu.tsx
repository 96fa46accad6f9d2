"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useViewer } from "@/components/auth/ViewerProvider";
import { Spinner } from "@/components/ui/Spinner";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { useSignOut } from "@/hooks/use-sign-out";

/** "Ada Lovelace" → "AL"; a one-word name gives its first letter. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words.length > 1 ? words[words.length - 1][0] : "")).toUpperCase();
}

const item = "flex w-full items-center gap-2 rounded px-2.5 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:opacity-60";

/** The signed-in person, at the header's right: their account page and signing out. */
export function UserMenu() {
  const viewer = useViewer();
  const id = useId();
  const [open, setOpen] = useState(false);
  const out = useSignOut();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  if (!viewer) return null;
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  // Arrow keys move between the items (menu pattern); Escape closes and returns focus.
  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") close();
    else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === "Tab") setOpen(false);
  };

  return (
    <div ref={rootRef} className="relative" data-testid="user-menu">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={`${viewer.name}, ${ROLE_LABELS[viewer.role]}: account menu`}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu-button"
        className="flex items-center gap-2 rounded-full py-0.5 pr-2 pl-0.5 text-left hover:bg-slate-100 aria-expanded:bg-slate-100"
      >
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-slate-900 text-[11px] font-semibold text-emerald-300">
          {initials(viewer.name)}
        </span>
        {/* Between 1280 and 1536 px an admin's links fill the bar: the initials stand for the name there (the menu names them). */}
        <span aria-hidden className="hidden leading-tight md:block xl:hidden 2xl:block">
          <span className="block max-w-[10rem] truncate text-xs font-medium text-slate-900">{viewer.name}</span>
          <span className="block text-[11px] text-slate-500" data-testid="user-menu-role">
            {ROLE_LABELS[viewer.role]}
          </span>
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={`${id}-menu`}
          role="menu"
          aria-label="Account"
          onKeyDown={onKeyDown}
          className="absolute right-0 z-40 mt-1 w-60 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <div className="border-b border-slate-100 px-2.5 pt-1.5 pb-2">
            <p className="truncate text-sm font-medium text-slate-900">{viewer.name}</p>
            <p className="truncate text-xs text-slate-500">{viewer.email}</p>
          </div>
          <div className="pt-1">
            <Link href="/account" role="menuitem" onClick={() => setOpen(false)} className={item} data-testid="user-menu-account">
              Account
            </Link>
            <button type="button" role="menuitem" onClick={() => void out.signOut()} disabled={out.pending} className={item} data-testid="user-menu-sign-out">
              {out.pending && <Spinner className="border-slate-300 border-t-slate-700" />}
              {out.pending ? "Signing out…" : "Sign out"}
            </button>
            {out.error && (
              <p role="alert" className="px-2.5 py-1 text-xs text-rose-700">
                {out.error}
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
