import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { CountPage } from "@/components/counts/CountPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Count" };

/** The counting screen (tablet) while open; the review for merchandisers and above once submitted. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, allowed } = await requirePage("stock.read", `/counts/${encodeURIComponent(id)}`);
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  return <CountPage id={id} />;
}
