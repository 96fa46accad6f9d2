import type { Metadata } from "next";
import { AlertDestinationsPage } from "@/components/alerts/AlertDestinationsPage";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Alert destinations" };

/** `/alerts/destinations`: where alerts are sent. Admins (alerts.settings), as the API. */
export default async function Page() {
  const { viewer, allowed } = await requirePage("alerts.settings", "/alerts/destinations");
  if (!allowed) return <NoAccess permission="alerts.settings" role={viewer.role} />;
  return <AlertDestinationsPage />;
}
