import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";
import { UnmappedPage } from "@/components/admin/UnmappedPage";

export const metadata: Metadata = { title: "Unmapped listings" };

export default async function Page() {
  const { viewer, allowed } = await requirePage("stock.read", "/admin/unmapped");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  return (
    <AdminShell>
      <UnmappedPage />
    </AdminShell>
  );
}
