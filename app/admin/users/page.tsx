import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import { PeoplePage } from "@/components/people/PeoplePage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "People" };

export default async function Page() {
  const { viewer, allowed } = await requirePage("users.manage", "/admin/users");
  if (!allowed) return <NoAccess permission="users.manage" role={viewer.role} />;
  return (
    <AdminShell>
      <PeoplePage />
    </AdminShell>
  );
}
