"use client";

import { PageTabs } from "@/components/ui/PageTabs";

const TABS = [
  { href: "/counts", label: "Counts", key: "counts" },
  { href: "/counts/coverage", label: "Coverage", key: "coverage", hint: "what to count next" },
] as const;

/** Counting and what to count next are one job: two tabs under the header's "Counts". */
export function CountsTabs({ current }: { current: "counts" | "coverage" }) {
  return <PageTabs label="Counts" tabs={TABS} current={current} testId="counts-tabs" />;
}
