"use client";

import Link from "next/link";
import { formatInt } from "@/client/format/numbers";
import type { NavItem } from "@/hooks/use-nav-items";

/** One header link: in the bar (wide screens) or as a row of the menu (tablet and phone). */
export function NavLink({ item, variant, onNavigate }: { item: NavItem; variant: "bar" | "menu"; onNavigate?: () => void }) {
  const { href, active, label, badge, badgeTitle, tone = "amber" } = item;
  const shape = variant === "bar" ? "rounded px-1 py-1 2xl:px-2" : "w-full rounded-md px-3 py-2.5 text-base sm:text-sm";
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      onClick={onNavigate}
      className={`relative inline-flex items-center gap-1.5 font-medium whitespace-nowrap ${shape} ${active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
    >
      {label}
      {badge !== undefined && badge > 0 && (
        <span
          title={badgeTitle}
          data-testid={`nav-badge-${href.split("/").pop()}`}
          className={`rounded-full px-1.5 text-[11px] leading-4 font-semibold tabular-nums ${variant === "menu" ? "ml-auto" : ""} ${tone === "rose" ? "bg-rose-100 text-rose-800" : "bg-amber-100 text-amber-800"}`}
        >
          {badge > 999 ? "999+" : formatInt(badge)}
          <span className="sr-only"> {badgeTitle}</span>
        </span>
      )}
    </Link>
  );
}
