import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";
import { SourcesPage } from "@/components/admin/SourcesPage";

export const metadata: Metadata = { title: "Sources" };

export default async function Page() {
  const { viewer, allowed } = await requirePage("stock.read", "/admin/sources");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  return (
    <AdminShell>
      <SourcesPage />
    </AdminShell>
  );
}
