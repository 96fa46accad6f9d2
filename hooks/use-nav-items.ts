"use client";

import { usePathname } from "next/navigation";
import { useCan } from "@/components/auth/ViewerProvider";
import { useOpenAlertCount } from "./use-alerts";
import { useRejectionCount } from "./use-rejection-count";
import { useUnmappedCount } from "./use-unmapped-count";

export interface NavItem {
  href: string;
  label: string;
  active: boolean;
  /** Links of one group sit together, with a divider between groups. */
  group: "stock" | "connectors" | "admin";
  badge?: number;
  badgeTitle?: string;
  tone?: "amber" | "rose";
}

/**
 * The header's links for the signed-in role, shared by the bar (wide screens) and the menu
 * (tablet and phone). Hiding a link only spares a 403: the pages refuse anyway.
 */
export function useNavItems(): NavItem[] {
  const path = usePathname() ?? "/";
  const parked = useUnmappedCount().data;
  const rejected = useRejectionCount().data;
  const alerting = useOpenAlertCount().data?.open;
  const canRead = useCan("stock.read");
  const canTokens = useCan("tokens.manage");
  const canPeople = useCan("users.manage");
  const canAudit = useCan("audit.read");
  const canScorecard = useCan("scorecard.read");
  const canReorder = useCan("reorder.read");
  const canAlerts = useCan("alerts.read");
  const items: NavItem[] = [
    { href: "/", label: "Live stock", active: path === "/" || path.startsWith("/skus/"), group: "stock" },
    { href: "/rules", label: "Rules", active: path.startsWith("/rules"), group: "stock" },
  ];
  // Coverage (what to count next) is a tab of Counts: one link for the whole counting job.
  if (canRead) items.push({ href: "/counts", label: "Counts", active: path === "/counts" || path.startsWith("/counts/"), group: "stock" });
  if (canRead) items.push({ href: "/reconciliation", label: "Reconciliation", active: path.startsWith("/reconciliation"), group: "stock" });
  if (canReorder) items.push({ href: "/reorder", label: "Reorder", active: path.startsWith("/reorder"), group: "stock" });
  // The link carries the open (unmuted) count: the header's alert badge on wide screens. Settings
  // are a tab of the page (as Coverage is of Counts), which keeps an admin's bar one row at 1280 px.
  if (canAlerts) items.push({ href: "/alerts", label: "Alerts", active: path.startsWith("/alerts"), group: "stock", badge: alerting, badgeTitle: "open alerts, not muted", tone: "rose" });
  // The oversell list is opened from the scorecard, so it lights the same link.
  if (canScorecard) items.push({ href: "/scorecard", label: "Scorecard", active: path.startsWith("/scorecard") || path.startsWith("/oversells"), group: "stock" });
  if (canRead) {
    items.push(
      { href: "/admin/sources", label: "Sources", active: path.startsWith("/admin/sources"), group: "connectors" },
      { href: "/admin/unmapped", label: "Unmapped", active: path.startsWith("/admin/unmapped"), group: "connectors", badge: parked, badgeTitle: "events parked for unmapped listings" },
      {
        href: "/admin/rejections",
        label: "Rejections",
        active: path.startsWith("/admin/rejections"),
        group: "connectors",
        badge: rejected,
        badgeTitle: "rejections in the last 7 days not yet re-submitted",
        tone: "rose",
      },
    );
  }
  if (canTokens) items.push({ href: "/admin/tokens", label: "Tokens", active: path.startsWith("/admin/tokens"), group: "admin" });
  if (canPeople) items.push({ href: "/admin/users", label: "People", active: path.startsWith("/admin/users"), group: "admin" });
  if (canAudit) items.push({ href: "/audit", label: "Audit log", active: path.startsWith("/audit"), group: "admin" });
  return items;
}
