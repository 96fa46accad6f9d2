import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { CoveragePage } from "@/components/coverage/CoveragePage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Count coverage" };

/** `/counts/coverage?location=`: how old each location's counts are, and what to count next. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("stock.read", "/counts/coverage");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  const sp = await searchParams;
  const location = typeof sp.location === "string" && sp.location.trim() ? sp.location.trim() : null;
  return <CoveragePage initialLocation={location} />;
}
