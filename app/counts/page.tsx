import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { CountsPage } from "@/components/counts/CountsPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Counts" };

export default async function Page() {
  const { viewer, allowed } = await requirePage("stock.read", "/counts");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  return <CountsPage />;
}
