import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { ScorecardPage } from "@/components/scorecard/ScorecardPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Weekly scorecard" };

/** `/scorecard?week=2026-W48`: the manager's weekly scorecard (docs/SCORECARD.md#figures); without a week, the last complete one. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("scorecard.read", "/scorecard");
  if (!allowed) return <NoAccess permission="scorecard.read" role={viewer.role} />;
  const sp = await searchParams;
  // A malformed week still goes to the API, which answers 400 with the reason: the page shows it.
  const week = typeof sp.week === "string" && sp.week.trim() ? sp.week.trim() : null;
  return <ScorecardPage initialWeek={week} />;
}
