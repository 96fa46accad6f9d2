import type { Metadata } from "next";
import { AlertSettingsPage } from "@/components/alerts/AlertSettingsPage";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Alert settings" };

/** `/alerts/settings`: thresholds and durations per kind. Whoever reads alerts may see why one opened; admins change them. */
export default async function Page() {
  const { viewer, allowed } = await requirePage("alerts.read", "/alerts/settings");
  if (!allowed) return <NoAccess permission="alerts.read" role={viewer.role} />;
  return <AlertSettingsPage />;
}
