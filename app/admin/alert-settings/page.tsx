import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { AlertSettingsPage } from "@/components/alerts/AlertSettingsPage";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Alert settings" };

export default async function Page() {
  const { viewer, allowed } = await requirePage("alerts.settings", "/admin/alert-settings");
  if (!allowed) return <NoAccess permission="alerts.settings" role={viewer.role} />;
  return (
    <AdminShell>
      <AlertSettingsPage />
    </AdminShell>
  );
}
