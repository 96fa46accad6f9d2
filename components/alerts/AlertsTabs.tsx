"use client";

import { PageTabs } from "@/components/ui/PageTabs";

const TABS = [
  { href: "/alerts", label: "Alerts", key: "alerts" },
  { href: "/alerts/settings", label: "Settings", key: "settings", hint: "thresholds and durations" },
] as const;

/** The alerts and when they open are one subject: two tabs under the header's "Alerts". */
export function AlertsTabs({ current }: { current: "alerts" | "settings" }) {
  return <PageTabs label="Alerts" tabs={TABS} current={current} testId="alerts-tabs" />;
}
