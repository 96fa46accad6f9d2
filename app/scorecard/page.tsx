import type { Metadata } from "next";
import { ScorecardPage } from "@/components/scorecard/ScorecardPage";
import { Guarded } from "@/app/Guarded";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Weekly scorecard" };

/** `/scorecard?week=2026-W48`: the manager's weekly scorecard (docs/SCORECARD.md#figures); without a week, the last complete one. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // A malformed week still goes to the API, which answers 400 with the reason: the page shows it.
  const week = searchParam(await searchParams, "week");
  return (
    <Guarded permission="scorecard.read" path="/scorecard">
      <ScorecardPage initialWeek={week} />
    </Guarded>
  );
}
