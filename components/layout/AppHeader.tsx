"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/components/format/numbers";
import { ConnectionBadge } from "@/components/live/ConnectionBadge";
import { OfflineBanner } from "@/components/live/OfflineBanner";
import { SessionEndedBanner } from "@/components/live/SessionEndedBanner";
import { useOverviewLive } from "@/hooks/use-overview-live";
import { useRejectionCount } from "@/hooks/use-rejection-count";
import { useUnmappedCount } from "@/hooks/use-unmapped-count";
import { IngestLag } from "./IngestLag";
import { OnepoolLogo } from "./OnepoolLogo";
import { UserMenu } from "./UserMenu";

function NavLink({ href, active, children, badge, badgeTitle, tone = "amber" }: { href: string; active: boolean; children: React.ReactNode; badge?: number; badgeTitle?: string; tone?: "amber" | "rose" }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`inline-flex items-center gap-1.5 rounded px-2 py-1 font-medium whitespace-nowrap ${active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
    >
      {children}
      {badge !== undefined && badge > 0 && (
        <span title={badgeTitle} data-testid={`nav-badge-${href.split("/").pop()}`} className={`rounded-full px-1.5 text-[11px] leading-4 font-semibold tabular-nums ${tone === "rose" ? "bg-rose-100 text-rose-800" : "bg-amber-100 text-amber-800"}`}>
          {badge > 999 ? "999+" : formatInt(badge)}
          <span className="sr-only"> {badgeTitle}</span>
        </span>
      )}
    </Link>
  );
}

/**
 * Top bar on every signed-in page; it also keeps the `overview` room joined so lists and lag stay
 * live. Links follow the role (the pages refuse anyway: this only hides what would be a 403).
 */
export function AppHeader() {
  useOverviewLive();
  const path = usePathname() ?? "/";
  const parked = useUnmappedCount().data;
  const rejected = useRejectionCount().data;
  const canRead = useCan("stock.read");
  const canTokens = useCan("tokens.manage");
  const canPeople = useCan("users.manage");
  const canAudit = useCan("audit.read");
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
          <OnepoolLogo />
          Onepool
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 overflow-x-auto text-sm">
          <NavLink href="/" active={path === "/" || path.startsWith("/skus/")}>
            Live stock
          </NavLink>
          <NavLink href="/rules" active={path.startsWith("/rules")}>
            Rules
          </NavLink>
          {canRead && (
            <>
              <span aria-hidden className="mx-1 h-4 w-px bg-slate-200" />
              <NavLink href="/admin/sources" active={path.startsWith("/admin/sources")}>
                Sources
              </NavLink>
              <NavLink href="/admin/unmapped" active={path.startsWith("/admin/unmapped")} badge={parked} badgeTitle="events parked for unmapped listings">
                Unmapped
              </NavLink>
              <NavLink href="/admin/rejections" active={path.startsWith("/admin/rejections")} badge={rejected} badgeTitle="rejections in the last 7 days not yet re-submitted" tone="rose">
                Rejections
              </NavLink>
            </>
          )}
          {canTokens && (
            <NavLink href="/admin/tokens" active={path.startsWith("/admin/tokens")}>
              Tokens
            </NavLink>
          )}
          {canPeople && (
            <NavLink href="/admin/users" active={path.startsWith("/admin/users")}>
              People
            </NavLink>
          )}
          {canAudit && (
            <NavLink href="/audit" active={path.startsWith("/audit")}>
              Audit log
            </NavLink>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <IngestLag />
          <ConnectionBadge />
          <UserMenu />
        </div>
      </div>
      <OfflineBanner />
      <SessionEndedBanner />
    </header>
  );
}
