"use client";

import { useCan } from "@/components/auth/ViewerProvider";
import { PageTabs } from "@/components/ui/PageTabs";

const TABS = [
  { href: "/alerts", label: "Alerts", key: "alerts" },
  { href: "/alerts/settings", label: "Settings", key: "settings", hint: "thresholds and durations" },
  { href: "/alerts/destinations", label: "Destinations", key: "destinations", hint: "webhooks and Slack" },
] as const;

/**
 * The alerts, when they open and where they are sent are one subject: tabs under the header's
 * "Alerts". Destinations only for those who manage them (alerts.settings): the list's URLs and
 * failures are configuration, and the API answers 403 to everyone else.
 */
export function AlertsTabs({ current }: { current: "alerts" | "settings" | "destinations" }) {
  const canManage = useCan("alerts.settings");
  return <PageTabs label="Alerts" tabs={canManage ? TABS : TABS.filter((t) => t.key !== "destinations")} current={current} testId="alerts-tabs" />;
}
