import type { Metadata } from "next";
import { OversellsPage } from "@/components/oversells/OversellsPage";
import { guardedPage } from "@/app/guarded-page";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Oversells" };

/** `/oversells?week=&channel=&cause=`: the oversold order lines of a week and their root cause (docs/OVERSELLS.md). */
export default guardedPage({ permission: "scorecard.read", path: "/oversells" }, (sp) => (
  <OversellsPage initial={{ week: searchParam(sp, "week"), channel: searchParam(sp, "channel"), cause: searchParam(sp, "cause") }} />
));
