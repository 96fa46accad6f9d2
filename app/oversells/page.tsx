import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { OversellsPage } from "@/components/oversells/OversellsPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Oversells" };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** `/oversells?week=&channel=&cause=`: the oversold order lines of a week and their root cause (docs/OVERSELLS.md). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("scorecard.read", "/oversells");
  if (!allowed) return <NoAccess permission="scorecard.read" role={viewer.role} />;
  const sp = await searchParams;
  return <OversellsPage initial={{ week: one(sp.week), channel: one(sp.channel), cause: one(sp.cause) }} />;
}
