import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { ReorderPage } from "@/components/reorder/ReorderPage";
import { REORDER_SHOWS, type ReorderShow } from "@/lib/reorder/reorder-rows";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Reorder" };

/** `/reorder?show=`: SKUs to buy, most urgent first, with the low_cover suggestion (issue 17). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("reorder.read", "/reorder");
  if (!allowed) return <NoAccess permission="reorder.read" role={viewer.role} />;
  const sp = await searchParams;
  const show: ReorderShow = (REORDER_SHOWS as readonly string[]).includes(String(sp.show)) ? (sp.show as ReorderShow) : "reorder";
  return <ReorderPage initialShow={show} />;
}
