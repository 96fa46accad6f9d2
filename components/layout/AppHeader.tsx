"use client";

import Link from "next/link";
import { Fragment } from "react";
import { AlertsBadge } from "@/components/alerts/AlertsBadge";
import { ConnectionBadge } from "@/components/live/ConnectionBadge";
import { OfflineBanner } from "@/components/live/OfflineBanner";
import { SessionEndedBanner } from "@/components/live/SessionEndedBanner";
import { useNavItems } from "@/hooks/use-nav-items";
import { useOverviewLive } from "@/hooks/use-overview-live";
import { IngestLag } from "./IngestLag";
import { NavLink } from "./NavLink";
import { NavMenu } from "./NavMenu";
import { OnepoolLogo } from "./OnepoolLogo";
import { UserMenu } from "./UserMenu";

/**
 * Top bar on every signed-in page; it also keeps the `overview` room joined so lists and lag stay
 * live. Wide screens show the links in the bar; narrower ones put them behind a Menu button
 * (an admin's eight links do not fit beside the lag and the badge below 1280 px).
 */
export function AppHeader() {
  useOverviewLive();
  const items = useNavItems();
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur print:hidden">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-2 px-2 sm:px-4 xl:gap-4 2xl:gap-6">
        <NavMenu items={items} />
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900" aria-label="Onepool, live stock">
          <OnepoolLogo />
          {/* Between 1280 and 1536 px the bar needs the room: the logo alone names the app (its label says Onepool). */}
          <span className="hidden sm:inline xl:hidden 2xl:inline">Onepool</span>
        </Link>
        <nav aria-label="Main" className="hidden items-center gap-0.5 text-sm xl:flex 2xl:gap-1">
          {items.map((item, i) => (
            <Fragment key={item.href}>
              {i > 0 && items[i - 1].group !== item.group && item.group === "connectors" && <span aria-hidden className="mx-1 h-4 w-px bg-slate-200" />}
              <NavLink item={item} variant="bar" />
            </Fragment>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-4">
          {/* Below 1280 px the links sit behind Menu: the alert count stays in sight here. Mounted at every width (it keeps the alerts room joined). */}
          <AlertsBadge className="xl:hidden" />
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
