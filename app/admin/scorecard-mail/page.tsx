import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import { ScorecardDeliveriesPage } from "@/components/scorecard-mail/ScorecardDeliveriesPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Scorecard e-mails" };

/** Admins: the weekly scorecard e-mail's send history. */
export default async function Page() {
  const { viewer, allowed } = await requirePage("users.manage", "/admin/scorecard-mail");
  if (!allowed) return <NoAccess permission="users.manage" role={viewer.role} />;
  return (
    <AdminShell>
      <ScorecardDeliveriesPage />
    </AdminShell>
  );
}
