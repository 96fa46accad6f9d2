import type { Metadata } from "next";
import { ScorecardPage } from "@/components/scorecard/ScorecardPage";
import { guardedPage } from "@/app/guarded-page";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Weekly scorecard" };

/** `/scorecard?week=2026-W48`: the manager's weekly scorecard (docs/SCORECARD.md#figures); without a week, the last complete one. */
export default guardedPage({ permission: "scorecard.read", path: "/scorecard" }, (sp) => (
  // A malformed week still goes to the API, which answers 400 with the reason: the page shows it.
  <ScorecardPage initialWeek={searchParam(sp, "week")} />
));
