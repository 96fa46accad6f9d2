import type { Metadata } from "next";
import { CoveragePage } from "@/components/coverage/CoveragePage";
import { guardedPage } from "@/app/guarded-page";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Count coverage" };

/** `/counts/coverage?location=`: how old each location's counts are, and what to count next. */
export default guardedPage({ permission: "stock.read", path: "/counts/coverage" }, (sp) => <CoveragePage initialLocation={searchParam(sp, "location")} />);
