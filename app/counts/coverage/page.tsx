import type { Metadata } from "next";
import { CoveragePage } from "@/components/coverage/CoveragePage";
import { Guarded } from "@/app/Guarded";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Count coverage" };

/** `/counts/coverage?location=`: how old each location's counts are, and what to count next. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const location = searchParam(await searchParams, "location");
  return (
    <Guarded permission="stock.read" path="/counts/coverage">
      <CoveragePage initialLocation={location} />
    </Guarded>
  );
}
